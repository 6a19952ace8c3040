// Models: every stored model with its type, data, lengths and test metrics; delete with a confirmation.

import { api, load, noModels } from '../api.js';
import { announce, el, fmt, table } from '../forms.js';

export async function render(view) {
  view.append(el('h1', { text: 'Models' }));
  const loaded = await load(view, '/models');
  if (!loaded) return;
  const [list] = loaded;
  if (!list.length) {
    view.append(noModels());
    return;
  }
  const status = el('p');
  view.append(status);
  // the data file each model was trained on is in its description (provenance)
  const described = await Promise.all(list.map((m) => api.get('/models/' + encodeURIComponent(m.id)).catch(() => null)));
  const rows = list.map((m, i) => {
    const d = described[i];
    const data = d && d.provenance && d.provenance.data ? d.provenance.data.file : '–';
    const metrics = m.testMetrics || {};
    return [
      el('a', { href: '#/forecast/' + encodeURIComponent(m.id), text: m.id, title: 'forecast with ' + m.id }),
      m.card.type, data, String(m.card.seqLen), String(m.card.predLen), String(m.card.columns.length),
      fmt(metrics.mse), fmt(metrics.mae), (m.trainedAt || '').replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      deleteCell(m.id),
    ];
  });
  status.replaceWith(el('p', { text: `${list.length} model${list.length === 1 ? '' : 's'} in the store. ` +
    'MSE and MAE: test split, z-scored, recorded at training.' }),
  table(['id', 'type', 'data', 'seq len', 'pred len', 'columns', 'test MSE', 'test MAE', 'trained', ''], rows, [3, 4, 5, 6, 7]));
}

function deleteCell(id) {
  const cell = el('span', { class: 'actions' });
  const ask = el('button', { class: 'secondary', type: 'button', 'aria-label': 'delete ' + id, text: 'Delete' });
  ask.addEventListener('click', () => {
    const yes = el('button', { class: 'danger', type: 'button', 'data-confirm': id, text: `Delete ${id}` });
    const no = el('button', { class: 'secondary', type: 'button', text: 'Keep' });
    const error = el('span', { class: 'error', role: 'alert' });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        await api.del('/models/' + encodeURIComponent(id));
        cell.closest('tr').remove();
        announce(`model ${id} deleted`);
      } catch (e) {
        error.textContent = e.detail || e.message;
        yes.disabled = false;
      }
    });
    no.addEventListener('click', () => cell.replaceChildren(ask));
    cell.replaceChildren(yes, no, error);
    yes.focus();
  });
  cell.append(ask);
  return cell;
}
