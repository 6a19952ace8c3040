// Small DOM helpers shared by the pages: building elements, form fields, and showing a problem
// document's detail next to the field it names.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

let ids = 0;

/** A labelled field: control is an element with a name; help is an optional hint. */
export function field(labelText, control, help, wide) {
  const id = control.id || (control.id = 'f' + (++ids));
  const error = el('div', { class: 'field-error', id: id + '-error', 'aria-live': 'polite' });
  control.setAttribute('aria-describedby', error.id);
  return el('div', { class: 'field' + (wide ? ' wide' : ''), 'data-field': control.name },
    el('label', { for: id, text: labelText }), control, help ? el('small', { text: help }) : null, error);
}

export function input(name, attrs = {}) {
  return el('input', { name, ...attrs });
}

export function select(name, options, selected) {
  return el('select', { name }, options.map((o) => {
    const [value, text] = Array.isArray(o) ? o : [o, o];
    return el('option', { value, selected: value === selected, text });
  }));
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  form.querySelectorAll('.form-error').forEach((e) => e.remove());
}

// "field 'seqLen': ...", "multipart part 'file' is missing", "setting 'kernel' ...", "'epochs': ..."
const NAMED = [/field '([^']+)'/, /part '([^']+)'/, /setting '([^']+)'/, /^'([^']+)'/];

/** Which of the form's fields a problem detail names: a quoted field or setting, else the file for CSV errors. */
export function fieldFor(form, detail) {
  for (const re of NAMED) {
    const m = re.exec(detail);
    if (m) {
      const f = form.querySelector(`[name="${CSS.escape(m[1])}"]`) || form.querySelector(`[name="settings.${CSS.escape(m[1])}"]`);
      if (f) return f;
    }
  }
  for (const f of form.querySelectorAll('[data-setting]')) {
    if (detail.includes(f.dataset.setting)) return f;
  }
  const file = form.querySelector('input[type="file"], textarea[name="file"]');
  if (file && /, line \d+|\.csv|column '|rows|timestamp|header/i.test(detail)) {
    return file;
  }
  return null;
}

/** Shows an error (an ApiError or any Error) next to the field it names, or at the top of the form. */
export function showError(form, error) {
  const detail = error.detail || error.message || String(error);
  const target = fieldFor(form, detail);
  if (target) {
    target.setAttribute('aria-invalid', 'true');
    const box = document.getElementById(target.id + '-error');
    box.textContent = detail;
    target.focus();
  } else {
    form.prepend(el('div', { class: 'form-error', role: 'alert', text: detail }));
  }
  announce(detail);
}

export function announce(text) {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}

/** A CSV file from a file input, or the pasted text of a textarea (named like the file). */
export function csvBlob(fileInput, textarea, name = 'pasted.csv') {
  if (fileInput && fileInput.files && fileInput.files.length) return fileInput.files[0];
  if (textarea && textarea.value.trim()) return new File([textarea.value.trim() + '\n'], name, { type: 'text/csv' });
  return null;
}

export function fmt(x, digits = 4) {
  return typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '–';
}

export function table(headers, rows, numeric = []) {
  return el('div', { class: 'table-wrap' }, el('table', {},
    el('thead', {}, el('tr', {}, headers.map((h, i) => el('th', { class: numeric.includes(i) ? 'num' : null, scope: 'col', text: h })))),
    el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c, i) => el('td', { class: numeric.includes(i) ? 'num' : null }, c)))))));
}
