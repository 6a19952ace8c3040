// Compare: stored models side by side (test metrics and error by horizon step), and a rolling-origin
// backtest run as a job (fold table, error by horizon step).

import { api, load } from '../api.js';
import { announce, clearErrors, csvBlob, el, field, fmt, input, select, showError, table } from '../forms.js';
import { lineChart } from '../charts.js';

export async function render(view) {
  view.append(el('h1', { text: 'Compare' }));
  const loaded = await load(view, '/models', '/model-types');
  if (!loaded) return;
  const [models, types] = loaded;
  view.append(el('h2', { text: 'Stored models' }));
  const side = el('section', { 'aria-label': 'stored models compared' });
  if (!models.length) {
    side.append(el('p', { class: 'notice', text: 'No models in the store yet.' }));
  } else {
    const picks = el('fieldset', {}, el('legend', { text: 'Models (test split, z-scored, as recorded at training)' }),
      models.map((m) => el('label', { style: 'margin-right:1rem' },
        el('input', { type: 'checkbox', name: 'model', value: m.id, checked: true }), ` ${m.id}`)));
    const result = el('div');
    picks.addEventListener('change', () => compareModels(result, models.filter((m) =>
      picks.querySelector(`input[value="${CSS.escape(m.id)}"]`).checked)));
    side.append(picks, result);
    compareModels(result, models);
  }
  view.append(side, el('h2', { text: 'Backtest a model type' }));
  let stop = null;
  view.append(backtestForm(types, (s) => { stop = s; }));
  return () => { if (stop) stop(); };
}

function compareModels(box, chosen) {
  box.replaceChildren();
  if (!chosen.length) return;
  const rows = chosen.map((m) => [m.id, m.card.type, `${m.card.seqLen}→${m.card.predLen}`,
    fmt(m.testMetrics && m.testMetrics.mse), fmt(m.testMetrics && m.testMetrics.mae),
    String(m.testMetrics ? m.testMetrics.windows : '–')]);
  box.append(table(['model', 'type', 'lengths', 'test MSE', 'test MAE', 'windows'], rows, [3, 4, 5]));
  const withSteps = chosen.filter((m) => m.testMetrics && m.testMetrics.perStep && m.testMetrics.perStep.length);
  if (!withSteps.length) return;
  const steps = Math.max(...withSteps.map((m) => m.testMetrics.perStep.length));
  const x = [...Array(steps).keys()].map((i) => i + 1);
  const charts = el('div', { class: 'charts' });
  box.append(charts);
  lineChart(charts, {
    title: 'Test MSE by horizon step', x, xLabel: 'step', yLabel: 'MSE',
    series: withSteps.map((m) => ({ label: m.id, values: x.map((s) => (m.testMetrics.perStep[s - 1] || {}).mse ?? null) })),
  });
}

function backtestForm(types, setStop) {
  const file = input('file', { type: 'file', accept: '.csv,text/csv' });
  const form = el('form', { novalidate: true, 'aria-label': 'backtest' },
    field('CSV file', file, 'every fold is refitted on the rows before its origin', true),
    field('Model type', select('modelType', Object.keys(types), 'dlinear')),
    field('Input length (seq len)', input('seqLen', { type: 'number', min: 1, value: 96 })),
    field('Horizon (pred len)', input('predLen', { type: 'number', min: 1, value: 96 })),
    field('Folds', input('folds', { type: 'number', min: 1, value: 3 })),
    field('Epochs per refit', input('epochs', { type: 'number', min: 1, value: 2 }), 'ignored by untrained types'),
    el('div', { class: 'actions wide' }, el('button', { type: 'submit', text: 'Run backtest' })));
  const out = el('section', { 'aria-label': 'backtest result' });
  const wrap = el('div', {}, form, out);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const blob = csvBlob(file);
    if (!blob) { showError(form, { detail: "multipart part 'file' is missing: choose a CSV file" }); return; }
    const f = form.elements;
    const trained = types[f.modelType.value].settings.some((s) => s.name === 'epochs');
    const settings = trained && f.epochs.value ? JSON.stringify({ epochs: Number(f.epochs.value) }) : undefined;
    try {
      const job = await api.postForm('/backtests', { modelType: f.modelType.value, seqLen: f.seqLen.value,
        predLen: f.predLen.value, folds: f.folds.value, settings, file: blob });
      setStop(follow(out, job.id));
    } catch (e) {
      showError(form, e);
    }
  });
  return wrap;
}

function follow(out, id) {
  let stopped = false;
  let timer = null;
  const state = el('p', { 'data-job-state': 'QUEUED' });
  out.replaceChildren(el('h2', { text: 'Backtest job' }), state);
  async function poll() {
    if (stopped) return;
    try {
      const report = await api.get('/backtests/' + id);
      const j = report.job;
      state.dataset.jobState = j.state;
      state.className = 'state-' + j.state;
      state.textContent = `${j.state} · fold ${j.fold ?? 0} of ${j.folds ?? '?'}` + (j.error ? ` · ${j.error}` : '');
      if (report.result) { showResult(out, report.result); announce('backtest finished'); return; }
      if (['FAILED', 'CANCELLED'].includes(j.state)) return;
    } catch (e) {
      state.textContent = e.detail || e.message;
      return;
    }
    timer = setTimeout(poll, 700);
  }
  poll();
  return () => { stopped = true; clearTimeout(timer); };
}

function showResult(out, r) {
  const rows = r.folds.map((f) => [String(f.index + 1), f.originTime, f.refitted ? 'yes' : 'no', String(f.windows),
    fmt(f.zScored.mse), fmt(f.zScored.mae), fmt(f.original.mae)]);
  const all = r.aggregate.zScored.overall;
  rows.push(['all', '', '', String(r.aggregate.windows), fmt(all.mse), fmt(all.mae), fmt(r.aggregate.original.overall.mae)]);
  out.append(el('p', { text: `${r.modelType}, ${r.seqLen}→${r.predLen}, ${r.folds.length} folds, ${fmt(r.wallSeconds, 1)} s` }),
    table(['fold', 'origin', 'refitted', 'windows', 'MSE (z)', 'MAE (z)', 'MAE'], rows, [3, 4, 5, 6]));
  const charts = el('div', { class: 'charts' });
  out.append(charts);
  const bySteps = r.aggregate.zScored.byStep || [];
  if (bySteps.length) {
    lineChart(charts, { title: 'Backtest error by horizon step (z-scored)', x: bySteps.map((_, i) => i + 1),
      xLabel: 'step', series: [{ label: 'MSE', values: bySteps.map((s) => s.mse) }, { label: 'MAE', values: bySteps.map((s) => s.mae) }] });
  }
}
