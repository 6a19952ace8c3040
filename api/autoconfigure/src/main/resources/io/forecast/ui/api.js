// Calls to the REST API under /api/v1. Every failure becomes an ApiError carrying the problem
// document's detail (RFC 7807), which the pages show next to the field it names.

const KEY = 'forecast.apiKey';

export function apiKey() {
  return sessionStorage.getItem(KEY) || '';
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY, key); else sessionStorage.removeItem(KEY);
}

export class ApiError extends Error {
  constructor(status, detail, problem) {
    super(detail);
    this.status = status;
    this.detail = detail;
    this.problem = problem;
  }
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  const key = apiKey();
  if (key) headers.Authorization = 'Bearer ' + key;
  let response;
  try {
    response = await fetch('/api/v1' + path, { method, headers, body });
  } catch (e) {
    throw new ApiError(0, 'the service cannot be reached (' + e.message + ')', null);
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch (e) { json = null; }
  }
  if (!response.ok) {
    const detail = json && json.detail ? json.detail
      : response.status === 401 ? 'this service needs an API key (field "API key" above)'
      : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, detail, json);
  }
  return json;
}

export const api = {
  get: (path) => call('GET', path),
  del: (path) => call('DELETE', path),
  /** POST a multipart form: fields is an object of strings, Blobs or Files (undefined and '' left out). */
  postForm: (path, fields) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined || value === null || value === '') continue;
      if (value instanceof Blob) form.append(name, value, value.name || 'upload.csv'); else form.append(name, String(value));
    }
    return call('POST', path, form);
  },
};

/**
 * GETs every path at once; on failure appends the problem's detail to view (as an alert) and returns
 * null, so that a page can simply stop.
 */
export async function load(view, ...paths) {
  try {
    return await Promise.all(paths.map((p) => api.get(p)));
  } catch (e) {
    const p = document.createElement('p');
    p.className = 'error';
    p.setAttribute('role', 'alert');
    p.textContent = e.detail || e.message;
    view.append(p);
    return null;
  }
}

/** The notice of an empty store, with a link to the Train page. */
export function noModels() {
  const p = document.createElement('p');
  p.className = 'notice';
  const a = document.createElement('a');
  a.href = '#/train';
  a.textContent = 'Train one';
  p.append('No models yet. ', a, '.');
  return p;
}
