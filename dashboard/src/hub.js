// The one SignalR connection to /hubs/dashboard. Pages subscribe to groups with handlers for the server events;
// joined groups are re-joined after an automatic reconnect, and the first start is retried until it succeeds.
import { HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import { accessToken } from './auth.js';
import { reportError } from './errors.js';

export const EVENTS = ['metrics', 'equity', 'trade', 'position', 'alert', 'replay', 'bar', 'experiment', 'experiments'];

const connection = new HubConnectionBuilder()
  // The token is sent as Authorization on HTTP requests and as access_token on the WebSocket (the browser cannot set
  // headers there); it is a short-lived token, never the API key (auth.js).
  .withUrl('/hubs/dashboard', { accessTokenFactory: accessToken })
  .withAutomaticReconnect()
  .configureLogging(LogLevel.Warning)
  .build();

/** @type {Set<{ groups: string[], handlers: Record<string, Function> }>} */
const subscriptions = new Set();
/** Group name → number of subscriptions that want it. */
const wanted = new Map();

function setState(state) {
  const el = document.querySelector('[data-testid="connection-state"]');
  if (el) {
    el.dataset.state = state;
    el.querySelector('.conn-text').textContent = state;
  }
  document.body.classList.toggle('stale', state !== 'connected');
}

/** Marks a moment once (performance.mark), read by the speed measurement of docs/benchmarks.md. */
export function markOnce(name) {
  if (!performance.getEntriesByName(name, 'mark').length) performance.mark(name);
}

for (const event of EVENTS) {
  connection.on(event, (payload) => {
    markOnce('hub-first-message');
    for (const sub of subscriptions) {
      const fn = sub.handlers[event];
      if (!fn) continue;
      try {
        fn(payload);
      } catch (err) {
        reportError(`applying the '${event}' update`, err);
      }
    }
  });
}

async function join(group) {
  if (connection.state !== HubConnectionState.Connected) return; // joined on (re)connect
  try {
    await connection.invoke('Join', group);
  } catch (err) {
    reportError(`joining live group '${group}'`, err);
    return;
  }
  // The join state has arrived (the server sends it before Join completes): tell the subscriptions of this group.
  for (const sub of subscriptions) {
    if (!sub.groups.includes(group) || !sub.handlers.joined) continue;
    try {
      sub.handlers.joined(group);
    } catch (err) {
      reportError(`after joining live group '${group}'`, err);
    }
  }
}

async function leave(group) {
  if (connection.state !== HubConnectionState.Connected) return;
  try {
    await connection.invoke('Leave', group);
  } catch (err) {
    reportError(`leaving live group '${group}'`, err);
  }
}

const joinAll = () => Promise.all([...wanted.keys()].map(join));

connection.onreconnecting((err) => {
  setState('reconnecting');
  if (err) console.warn('[dashboard] connection lost, reconnecting:', err);
});
connection.onreconnected(async () => {
  setState('connected');
  await joinAll();
});
connection.onclose((err) => {
  setState('disconnected');
  if (err) reportError('live connection closed', err);
  scheduleStart(2000);
});

let retryMs = 1000;
let startTimer = 0;
function scheduleStart(delay) {
  clearTimeout(startTimer);
  startTimer = setTimeout(start, delay);
}

async function start() {
  if (connection.state !== HubConnectionState.Disconnected) return;
  setState('connecting');
  try {
    await connection.start();
    retryMs = 1000;
    markOnce('hub-connected');
    setState('connected');
    await joinAll();
  } catch (err) {
    setState('disconnected');
    console.warn(`[dashboard] live connection failed, retrying in ${retryMs} ms:`, err);
    scheduleStart(retryMs);
    retryMs = Math.min(retryMs * 2, 15000);
  }
}

/** Starts the connection (idempotent). */
export function startHub() {
  start();
}

/**
 * Joins groups and routes events to handlers until the returned function is called.
 * @param {string[]} groups e.g. ['overview'] or ['strategy:sma-cross', 'instrument:SPX']
 * @param {Record<string, (payload: any) => void>} handlers by event name, and optionally `joined(group)`, called each
 *   time a group is (re)joined, after its join state was handled
 * @returns {() => void} unsubscribe (leaves groups no other subscription wants)
 */
export function subscribe(groups, handlers) {
  const sub = { groups, handlers };
  subscriptions.add(sub);
  for (const g of groups) {
    const n = wanted.get(g) ?? 0;
    wanted.set(g, n + 1);
    if (n === 0) join(g);
  }
  return () => {
    subscriptions.delete(sub);
    for (const g of groups) {
      const n = (wanted.get(g) ?? 1) - 1;
      if (n <= 0) {
        wanted.delete(g);
        leave(g);
      } else {
        wanted.set(g, n);
      }
    }
  };
}
