// REST calls that change things (strategies, replays, experiments) and the catalogues their forms need (docs/api.md).
// Non-2xx answers throw an ApiError carrying the ProblemDetails (see api.js).
import { request } from './api.js';

const enc = encodeURIComponent;
const q = (params) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
};

export const controlApi = {
  strategyKinds: () => request('GET', '/strategy-kinds'),
  instruments: () => request('GET', '/instruments'),
  createStrategy: (definition) => request('POST', '/strategies', definition),
  startStrategy: (id) => request('POST', `/strategies/${enc(id)}/start`),
  pauseStrategy: (id) => request('POST', `/strategies/${enc(id)}/pause`),
  stopStrategy: (id) => request('POST', `/strategies/${enc(id)}/stop`),
  deleteStrategy: (id) => request('DELETE', `/strategies/${enc(id)}`),
  pauseReplay: () => request('POST', '/replays/current/pause'),
  resumeReplay: () => request('POST', '/replays/current/resume'),
  replaySpeed: (speed) => request('PUT', '/replays/current/speed', { speed }),
  restartReplay: (symbol, speed) => request('POST', '/replays/current/restart', { symbol: symbol || null, speed }),
  previewReplay: (dataSet, symbol) => request('GET', `/replays/preview${q({ dataSet, symbol })}`),
  experiments: () => request('GET', '/experiments?pageSize=500'),
  createExperiment: (definition) => request('POST', '/experiments', definition),
  stopExperiment: (id) => request('POST', `/experiments/${enc(id)}/stop`),
};

/**
 * Whether an instrument has published any bar or tick (GET /instruments lists those), i.e. whether its bars and
 * indicators can be read yet.
 * @param {string} symbol
 */
export async function hasMarketData(symbol) {
  const list = await request('GET', '/instruments');
  return (list ?? []).some((i) => i.symbol === symbol && (i.bars > 0 || i.ticks > 0));
}
