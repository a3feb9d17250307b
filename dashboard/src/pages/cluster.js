// Cluster: silos with their activations by grain type, and messages per second. Refreshed every few seconds
// (the hub has no cluster event).
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { reportError } from '../errors.js';
import { fmtNumber, fmtTime } from '../format.js';

const REFRESH_MS = 5000;

/** Renders the cluster page into root; returns a dispose function. */
export function clusterPage(root) {
  const summary = h('div.stats', { testid: 'cluster-summary' });
  const silos = h('div', { testid: 'cluster-silos' }, h('p.muted', {}, 'Loading…'));
  const refreshed = h('span.muted', { testid: 'cluster-refreshed' });
  // The Orleans dashboard (grain calls, latencies, silo counters) is served by the API at /dashboard/.
  const orleans = h('p', {}, h('a', { href: '/dashboard/', target: '_blank', rel: 'noopener', testid: 'orleans-dashboard-link' }, 'Orleans dashboard'),
    h('span.muted', {}, ' — grain calls, latencies and silo counters (needs the API key when keys are configured)'));
  replace(root, h('section.card', {}, h('h2', {}, 'Cluster ', refreshed), summary, orleans, silos));

  let timer = 0;
  let disposed = false;
  async function load() {
    try {
      const c = await api.cluster();
      if (disposed) return;
      const list = c.silos ?? [];
      const activations = list.reduce((n, s) => n + Object.values(s.activations ?? {}).reduce((a, b) => a + b, 0), 0);
      replace(summary,
        stat('Silos', fmtNumber(list.length)),
        stat('Activations', fmtNumber(activations)),
        stat('Messages/s', fmtNumber(c.messagesPerSecond), 'cluster-mps'));
      replace(silos, list.map((s) => h('div.silo', { testid: 'silo' },
        h('h3', {}, s.name, ' ', h('span.badge', { class: String(s.status ?? '').toLowerCase() }, s.status ?? '—')),
        h('p.muted', {}, `${s.address ?? ''} on ${s.hostName ?? '—'} · started ${fmtTime(s.startedUtc)}`),
        h('div.table-wrap', {}, h('table', {},
          h('thead', {}, h('tr', {}, h('th', {}, 'Grain type'), h('th.num', {}, 'Activations'))),
          h('tbody', {}, Object.entries(s.activations ?? {}).sort((a, b) => b[1] - a[1]).map(([type, n]) =>
            h('tr', { testid: 'activation-row' }, h('td', {}, type), h('td.num', {}, fmtNumber(n))))))))));
      refreshed.textContent = `· updated ${new Date().toLocaleTimeString()}`;
    } catch (err) {
      reportError('loading the cluster', err);
    }
    if (!disposed) timer = setTimeout(load, REFRESH_MS);
  }
  load();
  return () => {
    disposed = true;
    clearTimeout(timer);
  };
}

function stat(label, value, testid) {
  return h('div.stat', {}, h('div.stat-label', {}, label), h('div.stat-value', { testid }, value));
}
