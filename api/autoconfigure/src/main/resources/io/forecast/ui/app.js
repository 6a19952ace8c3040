// The dashboard's entry: the API key field and a hash router over the pages.

import { apiKey, setApiKey } from './api.js';
import { announce } from './forms.js';
import * as models from './pages/models.js';
import * as train from './pages/train.js';
import * as forecast from './pages/forecast.js';
import * as compare from './pages/compare.js';
import * as data from './pages/data.js';

const PAGES = { models, train, forecast, compare, data };
let leave = null;

async function route() {
  const [, name = 'models', arg] = (location.hash || '#/models').match(/^#\/([a-z]+)(?:\/(.*))?$/) || [];
  const page = PAGES[name] || models;
  if (leave) { leave(); leave = null; }
  document.querySelectorAll('nav a').forEach((a) => {
    if (a.dataset.page === name) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  const view = document.getElementById('view');
  view.dataset.ready = 'false';
  view.replaceChildren();
  try {
    leave = (await page.render(view, arg ? decodeURIComponent(arg) : undefined)) || null;
  } finally {
    view.dataset.page = name;
    view.dataset.ready = 'true';
    // time to interactive of the first page, read by the dashboard benchmark
    if (!performance.getEntriesByName('dashboard-ready').length) performance.mark('dashboard-ready');
  }
  const heading = view.querySelector('h1');
  if (heading) { document.title = heading.textContent + ' · forecast'; }
  view.focus({ preventScroll: true });
  announce(document.title);
}

const key = document.getElementById('api-key');
key.value = apiKey();
key.addEventListener('change', () => { setApiKey(key.value.trim()); route(); });
window.addEventListener('hashchange', route);
route();
