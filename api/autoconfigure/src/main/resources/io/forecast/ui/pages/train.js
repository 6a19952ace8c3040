// Train: upload a CSV, pick a model type and its settings (from GET /model-types), then watch the
// job's progress and loss curve live; cancel it.

import { api, load } from '../api.js';
import { announce, clearErrors, csvBlob, el, field, fmt, input, select, showError } from '../forms.js';
import { lineChart } from '../charts.js';

export async function render(view) {
  view.append(el('h1', { text: 'Train a model' }));
  const loaded = await load(view, '/model-types');
  if (!loaded) return;
  const [types] = loaded;
  const file = input('file', { type: 'file', accept: '.csv,text/csv', required: true });
  const type = select('modelType', Object.keys(types), 'olinear');
  const settingsBox = el('div', { class: 'wide' });
  const form = el('form', { novalidate: true, 'aria-label': 'training' },
    field('CSV file', file, 'first column the timestamps, then one column per variate', true),
    field('Model id', input('id', { required: true, pattern: '[A-Za-z0-9][A-Za-z0-9._-]*', placeholder: 'e.g. etth1-dlinear' })),
    field('Model type', type),
    field('Input length (seq len)', input('seqLen', { type: 'number', min: 1, value: 96 })),
    field('Horizon (pred len)', input('predLen', { type: 'number', min: 1, value: 96 })),
    field('Seed', input('seed', { type: 'number', placeholder: '2023' })),
    field('Interval levels', input('intervals', { placeholder: '80,95 (none: no calibration)' })),
    settingsBox,
    el('div', { class: 'actions wide' }, el('button', { type: 'submit', text: 'Train' })));
  const job = el('section', { 'aria-label': 'training job' });
  view.append(form, job);

  const showSettings = () => settingsBox.replaceChildren(settingsFields(types[type.value]));
  type.addEventListener('change', showSettings);
  showSettings();

  let stop = null;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const blob = csvBlob(file);
    if (!blob) { showError(form, { detail: "multipart part 'file' is missing: choose a CSV file" }); return; }
    let settings;
    try { settings = collectSettings(form); } catch (e) { showError(form, e); return; }
    const values = Object.fromEntries(['id', 'seqLen', 'predLen', 'seed', 'intervals']
      .map((n) => [n, form.elements[n].value.trim()]));
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const status = await api.postForm('/models', { ...values, modelType: type.value, settings: JSON.stringify(settings), file: blob });
      if (stop) stop();
      stop = follow(job, status);
    } catch (e) {
      showError(form, e);
    } finally {
      button.disabled = false;
    }
  });
  return () => { if (stop) stop(); };
}

function settingsFields(typeInfo) {
  const box = el('fieldset', { class: 'wide' }, el('legend', { text: 'Settings (empty: the type\'s default)' }));
  const grid = el('div', { style: 'display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.6rem 1rem' });
  for (const s of typeInfo.settings) {
    let control;
    const name = 'settings.' + s.name;
    if (s.type === 'choice') control = select(name, [['', `default (${s.default ?? 'auto'})`], ...s.choices.map((c) => [c, c])], '');
    else if (s.type === 'boolean') control = select(name, [['', `default (${s.default})`], ['true', 'true'], ['false', 'false']], '');
    else if (s.type === 'integer' || s.type === 'decimal') {
      control = input(name, { type: 'number', min: s.min, max: s.max, step: s.type === 'integer' ? 1 : 'any',
        placeholder: s.default === null || s.default === undefined ? 'default' : String(s.default) });
    } else control = input(name, { placeholder: s.default === null || s.default === undefined ? 'default' : String(s.default) });
    control.dataset.setting = s.name;
    control.dataset.kind = s.type;
    grid.append(field(s.name, control, s.doc));
  }
  box.append(grid);
  return box;
}

function collectSettings(form) {
  const out = {};
  for (const c of form.querySelectorAll('[data-setting]')) {
    const v = c.value.trim();
    if (!v) continue;
    if (c.dataset.kind === 'integer' || c.dataset.kind === 'decimal') {
      const n = Number(v);
      if (!Number.isFinite(n)) throw { detail: `setting '${c.dataset.setting}' must be a number, got '${v}'` };
      out[c.dataset.setting] = n;
    } else if (c.dataset.kind === 'boolean') out[c.dataset.setting] = v === 'true';
    else out[c.dataset.setting] = v;
  }
  return out;
}

/** Polls the job until it ends, redrawing its progress and loss curve; returns a function that stops polling. */
function follow(box, first) {
  let timer = null;
  let stopped = false;
  let drawnEpochs = -1;
  const state = el('p', { 'data-job-state': first.state });
  const progress = el('progress', { max: Math.max(1, first.maxEpochs), value: 0, 'aria-label': 'epochs done' });
  const cancel = el('button', { class: 'secondary', type: 'button', text: 'Cancel job' });
  const curve = el('div', { class: 'charts' });
  const error = el('p', { class: 'error', role: 'alert' });
  box.replaceChildren(el('h2', { text: `Job for model ${first.modelId}` }), state,
    el('div', { class: 'actions' }, progress, cancel), error, curve);
  cancel.addEventListener('click', async () => {
    try { show(await api.del('/jobs/' + first.id)); } catch (e) { error.textContent = e.detail || e.message; }
  });

  function show(s) {
    state.dataset.jobState = s.state;
    state.className = 'state-' + s.state;
    const eta = s.etaSeconds ? ` · about ${Math.round(s.etaSeconds)} s left` : '';
    state.textContent = `${s.state} · epoch ${s.epoch} of ${s.maxEpochs}${eta}` + (s.error ? ` · ${s.error}` : '');
    progress.max = Math.max(1, s.maxEpochs);
    progress.value = s.epoch;
    const done = ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(s.state);
    cancel.disabled = done;
    if (s.epochs.length !== drawnEpochs && s.epochs.length) {
      drawnEpochs = s.epochs.length;
      curve.replaceChildren();
      lineChart(curve, {
        title: 'Loss per epoch', x: s.epochs.map((e) => e.epoch), xLabel: 'epoch', yLabel: 'loss',
        series: [{ label: 'train', values: s.epochs.map((e) => e.trainLoss) },
          { label: 'validation', values: s.epochs.map((e) => e.valLoss) }],
      });
    }
    if (s.state === 'SUCCEEDED') {
      const last = s.epochs[s.epochs.length - 1];
      box.append(el('p', {}, `Saved as model ${s.modelId}` + (last ? ` (last validation loss ${fmt(last.valLoss)}). ` : '. '),
        el('a', { href: '#/forecast/' + encodeURIComponent(s.modelId), text: 'Forecast with it' })));
    }
    if (done) announce(`training job ${s.state.toLowerCase()}`);
    return done;
  }

  async function poll() {
    if (stopped) return;
    try {
      const s = await api.get('/jobs/' + first.id);
      if (show(s)) return;
    } catch (e) {
      error.textContent = e.detail || e.message;
    }
    timer = setTimeout(poll, 500);
  }
  show(first);
  poll();
  return () => { stopped = true; clearTimeout(timer); };
}
