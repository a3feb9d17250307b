// REST client for /api/v1 (docs/api.md). Non-2xx answers throw an ApiError carrying the ProblemDetails; a 401 also
// opens the sign-in dialog (auth.js). The credential is sent as a header, never in the URL.
import { authHeaders, requireSignIn } from './auth.js';

/** An HTTP error with the server's ProblemDetails (title, detail, errors). */
export class ApiError extends Error {
  constructor(status, problem, url) {
    const fields = problem?.errors ? Object.entries(problem.errors).map(([k, v]) => `${k}: ${[].concat(v).join(', ')}`).join('; ') : '';
    super(`${status} ${problem?.title ?? 'request failed'}${problem?.detail ? ` — ${problem.detail}` : ''}${fields ? ` (${fields})` : ''} [${url}]`);
    this.status = status;
    this.problem = problem;
  }
}

/**
 * Sends a request to /api/v1 and returns the parsed JSON (null for an empty body).
 * @param {string} method HTTP method
 * @param {string} path path under /api/v1, with its query
 * @param {unknown} [body] JSON body
 * @throws {ApiError} on a non-2xx answer
 */
export async function request(method, path, body) {
  const url = `/api/v1${path}`;
  const res = await fetch(url, {
    method,
    headers: {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...authHeaders(),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (err) {
      if (res.ok) throw new Error(`invalid JSON from ${url}: ${err.message}`);
      data = { title: res.statusText, detail: text.slice(0, 200) };
    }
  }
  if (res.status === 401) requireSignIn(data?.detail);
  if (!res.ok) throw new ApiError(res.status, data, url);
  return data;
}

const q = (params) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
};
const enc = encodeURIComponent;

export const api = {
  overview: () => request('GET', '/overview'),
  strategies: () => request('GET', '/strategies?pageSize=500'),
  replay: () => request('GET', '/replays/current'),
  alerts: () => request('GET', '/alerts'),
  portfolio: () => request('GET', '/portfolio'),
  portfolioMetrics: (level) => request('GET', `/portfolio/metrics${q({ level })}`),
  strategy: (id) => request('GET', `/strategies/${enc(id)}`),
  snapshot: (id) => request('GET', `/strategies/${enc(id)}/snapshot`),
  metrics: (id, level) => request('GET', `/strategies/${enc(id)}/metrics${q({ level })}`),
  equity: (id, maxPoints) => request('GET', `/strategies/${enc(id)}/equity${q({ maxPoints })}`),
  trades: (id, cursor, limit) => request('GET', `/strategies/${enc(id)}/trades${q({ cursor, limit })}`),
  bars: (symbol, timeframe, limit) => request('GET', `/instruments/${enc(symbol)}/bars${q({ timeframe, limit })}`),
  indicators: (symbol, set, timeframe, limit, from) => request('GET', `/instruments/${enc(symbol)}/indicators${q({ set, timeframe, limit, from })}`),
  datasets: () => request('GET', '/datasets'),
  startReplay: (dataSet, symbol, speed) => request('POST', '/replays', { dataSet, symbol, speed }),
  stopReplay: () => request('POST', '/replays/current/stop'),
  cluster: () => request('GET', '/cluster'),
  // Judging pages (compare, experiment detail).
  experiment: (id) => request('GET', `/experiments/${enc(id)}`),
};
