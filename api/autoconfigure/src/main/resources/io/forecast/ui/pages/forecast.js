// Forecast: pick a model, upload or paste recent history, see history + forecast + interval band per
// variate, download the forecast as CSV.

import { api, load, noModels } from '../api.js';
import { announce, clearErrors, csvBlob, el, field, input, select, showError } from '../forms.js';
import { epochSeconds, lineChart } from '../charts.js';

export async function render(view, preselected) {
  view.append(el('h1', { text: 'Forecast' }));
  const loaded = await load(view, '/models');
  if (!loaded) return;
  const [models] = loaded;
  if (!models.length) {
    view.append(noModels());
    return;
  }
  const byId = Object.fromEntries(models.map((m) => [m.id, m]));
  const modelId = select('modelId', models.map((m) => [m.id, `${m.id} (${m.card.type}, ${m.card.seqLen}→${m.card.predLen})`]),
    byId[preselected] ? preselected : models[0].id);
  const file = input('file', { type: 'file', accept: '.csv,text/csv' });
  const pasted = el('textarea', { name: 'pasted', placeholder: 'or paste CSV here: a header line, then at least seq len rows' });
  const levels = el('div', { class: 'actions', role: 'group', 'aria-label': 'interval levels' });
  const hint = el('small');
  const form = el('form', { novalidate: true, 'aria-label': 'forecast' },
    field('Model', modelId), el('div', { class: 'field' }, el('span', { class: 'field-label', text: 'Intervals' }), levels, hint),
    field('History (CSV file)', file, 'the model\'s columns; the last seq len rows are used', true),
    field('… or paste it', pasted, null, true),
    el('div', { class: 'actions wide' }, el('button', { type: 'submit', text: 'Forecast' })));
  const out = el('section', { 'aria-label': 'forecast result' });
  view.append(form, out);

  async function showLevels() {
    levels.replaceChildren();
    hint.textContent = '';
    try {
      const d = await api.get('/models/' + encodeURIComponent(modelId.value));
      const available = d.intervals && d.intervals.levels ? d.intervals.levels : [];
      for (const l of available) {
        const id = 'level-' + l;
        levels.append(el('label', { for: id }, el('input', { type: 'checkbox', id, name: 'level', value: l, checked: true }), ` ${l} %`));
      }
      hint.textContent = available.length ? 'split-conformal prediction intervals' : 'this model has no calibrated intervals';
    } catch (e) {
      hint.textContent = e.detail || e.message;
    }
  }
  modelId.addEventListener('change', showLevels);
  await showLevels();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const blob = csvBlob(file, pasted);
    if (!blob) { showError(form, { detail: "multipart part 'file' is missing: choose a CSV file or paste one" }); return; }
    performance.mark('forecast-click');
    const chosen = [...form.querySelectorAll('input[name="level"]:checked')].map((c) => c.value);
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const result = await api.postForm('/forecasts', { modelId: modelId.value, intervals: chosen.join(','), file: blob });
      const history = parseCsv(await blob.text());
      draw(out, byId[modelId.value].card, history, result);
      performance.mark('forecast-drawn');
      const took = performance.measure('forecast', 'forecast-click', 'forecast-drawn');
      out.dataset.forecastMs = took.duration.toFixed(1);
      announce(`forecast of ${result.predLen} steps drawn`);
    } catch (e) {
      showError(form, e);
    } finally {
      button.disabled = false;
    }
  });
}

/** A small CSV reader for the chart's history (no quoted commas in numeric time-series files). */
export function parseCsv(text) {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (lines.length < 2) return null;
  const header = lines[0].split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  const rows = lines.slice(1).map((l) => l.split(','));
  const column = (name) => {
    const i = header.indexOf(name);
    return i < 0 ? null : rows.map((r) => Number(r[i]));
  };
  return { header, rows, column, times: rows.map((r) => r[0].trim().replace(/^"|"$/g, '')) };
}

function draw(out, card, history, result) {
  const levelsDrawn = result.intervals ? Object.keys(result.intervals).sort((a, b) => Number(b) - Number(a)) : [];
  const band = levelsDrawn.length ? result.intervals[levelsDrawn[0]] : null;
  const shown = history ? Math.min(history.rows.length, card.seqLen) : 0;
  const histTimes = history ? history.times.slice(-shown).map(epochSeconds) : [];
  const fcTimes = result.timestamps.map(epochSeconds);
  const timeAxis = [...histTimes, ...fcTimes].every(Number.isFinite);
  const x = timeAxis ? [...histTimes, ...fcTimes] : [...Array(shown + result.predLen).keys()].map((i) => i - shown + 1);
  const pad = (n) => new Array(n).fill(null);
  const charts = el('div', { class: 'charts' });
  out.replaceChildren(el('h2', { text: `${result.predLen} steps from ${result.timestamps[0]}` }),
    el('div', { class: 'actions' }, downloadLink(result)), charts);
  for (const name of Object.keys(result.columns)) {
    const past = history && history.column(name) ? history.column(name).slice(-shown) : pad(shown);
    const future = Array.from(result.columns[name]);
    lineChart(charts, {
      title: name, x, time: timeAxis, yLabel: name,
      series: [{ label: 'history', values: [...past, ...pad(result.predLen)], color: '#5b6472' },
        { label: 'forecast', values: [...pad(shown), ...future], color: '#d9480f', width: 2 }],
      band: band ? { label: levelsDrawn[0] + ' %', lower: [...pad(shown), ...band.lower[name]], upper: [...pad(shown), ...band.upper[name]] } : null,
    });
  }
}

function downloadLink(result) {
  const names = Object.keys(result.columns);
  const header = ['timestamp', ...names];
  const levels = result.intervals ? Object.keys(result.intervals) : [];
  for (const l of levels) for (const n of names) header.push(`${n}_lower_${l}`, `${n}_upper_${l}`);
  const lines = [header.join(',')];
  result.timestamps.forEach((t, i) => {
    const row = [t, ...names.map((n) => result.columns[n][i])];
    for (const l of levels) for (const n of names) row.push(result.intervals[l].lower[n][i], result.intervals[l].upper[n][i]);
    lines.push(row.join(','));
  });
  const url = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }));
  return el('a', { href: url, download: `forecast-${result.modelId}.csv`, text: 'Download CSV' });
}
