// Data: the quality report of an uploaded file (POST /data-reports): frequency, gaps, duplicate
// timestamps, sentinel values and invalid cells, with the offending lines; splits and window counts.

import { api } from '../api.js';
import { clearErrors, csvBlob, el, field, input, select, showError, table } from '../forms.js';

export async function render(view) {
  view.append(el('h1', { text: 'Data quality' }));
  const file = input('file', { type: 'file', accept: '.csv,text/csv' });
  const form = el('form', { novalidate: true, 'aria-label': 'data report' },
    field('CSV file', file, 'nothing is stored', true),
    field('Input length (seq len)', input('seqLen', { type: 'number', min: 1, value: 96 })),
    field('Horizon (pred len)', input('predLen', { type: 'number', min: 1, value: 96 })),
    field('Split', select('split', ['auto', 'ett-hour', 'ett-minute', 'ratio'], 'auto')),
    field('Missing values', select('missing', ['reject', 'keep', 'ffill'], 'reject')),
    field('Target column', input('target', { placeholder: 'default' })),
    el('div', { class: 'actions wide' }, el('button', { type: 'submit', text: 'Check file' })));
  const out = el('section', { 'aria-label': 'data report' });
  view.append(form, out);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    out.replaceChildren();
    const blob = csvBlob(file);
    if (!blob) { showError(form, { detail: "multipart part 'file' is missing: choose a CSV file" }); return; }
    const f = form.elements;
    try {
      const r = await api.postForm('/data-reports', { seqLen: f.seqLen.value, predLen: f.predLen.value,
        split: f.split.value, missing: f.missing.value, target: f.target.value.trim(), file: blob });
      show(out, r);
    } catch (e) {
      showError(form, e);
    }
  });
}

function show(out, r) {
  const q = r.quality;
  out.append(el('h2', { text: r.file }),
    table(['rows', 'columns', 'target', 'first', 'last', 'frequency', 'duplicates', 'gaps', 'invalid cells'],
      [[String(r.rows), String(r.columns), r.target, r.firstTimestamp, r.lastTimestamp, r.frequency || 'irregular',
        String(q.duplicateTimestamps), String(q.gapCount), String(q.invalidCellCount)]], [0, 1, 6, 7, 8]));
  const sentinels = Object.entries(q.sentinels || {});
  out.append(el('h2', { text: 'Sentinel values (e.g. −9999)' }), sentinels.length
    ? table(['column', 'cells'], sentinels.map(([c, n]) => [c, String(n)]), [1]) : el('p', { text: 'none' }));
  out.append(el('h2', { text: 'Duplicate timestamps' }), q.duplicates.length
    ? table(['line', 'timestamp'], q.duplicates.map((d) => [String(d.line), d.timestamp]), [0]) : el('p', { text: 'none' }));
  out.append(el('h2', { text: 'Gaps' }), q.gaps.length
    ? table(['line', 'after', 'next', 'missing steps', 'off grid'],
      q.gaps.map((g) => [String(g.line), g.after, g.next, String(g.missingSteps), g.offGrid ? 'yes' : 'no']), [0, 3])
    : el('p', { text: 'none' }));
  out.append(el('h2', { text: 'Invalid cells' }), q.invalidCells.length
    ? table(['line', 'column', 'text'], q.invalidCells.map((c) => [String(c.line), c.column, c.text]), [0])
    : el('p', { text: 'none' }));
  const split = r.split;
  out.append(el('h2', { text: `Splits (${split.rule}) and windows of ${r.seqLen}→${r.predLen}` }),
    table(['split', 'rows [start, end)', 'windows'], ['train', 'val', 'test'].map((s) =>
      [s, `${split[s][0]} … ${split[s][1]}`, String(r.windows[s])]), [2]));
}
