// Overview: leaderboard, portfolio equity chart, alerts, replay control (replay-control.js).
import { api } from '../api.js';
import { makeChart, timeSeries } from '../charts.js';
import { h, replace } from '../dom.js';
import { reportError } from '../errors.js';
import { enumText, fmtMoney, fmtNumber, fmtPct, fmtRatio, fmtTime, signClass } from '../format.js';
import { markOnce, subscribe } from '../hub.js';
import { link } from '../router.js';
import { replayControl } from './replay-control.js';

/** Leaderboard columns: key in StrategySummary, header, formatter, whether higher is better for the default sort. */
export const COLUMNS = [
  { key: 'equity', title: 'Equity', fmt: fmtMoney },
  { key: 'netPnl', title: 'Net P&L', fmt: fmtMoney, signed: true },
  { key: 'totalReturn', title: 'Return', fmt: fmtPct, signed: true },
  { key: 'sharpe', title: 'Sharpe', fmt: fmtRatio },
  { key: 'maxDrawdown', title: 'Max DD', fmt: fmtPct },
  { key: 'trades', title: 'Trades', fmt: fmtNumber },
  { key: 'winRate', title: 'Win rate', fmt: fmtPct },
  { key: 'lastBarTime', title: 'As of', fmt: fmtTime, time: true },
];

/** An alert's identity: the same alert from the REST load, the join state and a push is shown once. */
export const alertKey = (a) => `${a.strategy}|${a.kind}|${a.time}|${a.message}`;
/** The date ("2020-04-17") of an ISO time, for the date-range filter. */
const dayOf = (iso) => (iso ? new Date(iso).toISOString().slice(0, 10) : '');

const MAX_ALERTS = 50;

/** Renders the overview into root; returns a dispose function. */
export function overviewPage(root) {
  const strategies = new Map();
  let sortKey = 'equity';
  let sortDesc = true;
  let alerts = [];

  const tbody = h('tbody', { testid: 'leaderboard-body' });
  const cards = h('div.board-cards', { testid: 'leaderboard-cards', role: 'list', 'aria-label': 'Leaderboard' });
  const rangeFrom = h('input', { type: 'date', id: 'overview-from', testid: 'overview-from' });
  const rangeTo = h('input', { type: 'date', id: 'overview-to', testid: 'overview-to' });
  const rangeText = h('span.muted', { testid: 'overview-range-text' });
  /** @type {{ time: string, value: number }[]} the portfolio index points drawn, for the range's return */
  let portfolioPoints = [];
  const thead = h('thead', {}, h('tr', {},
    h('th', { 'data-sort': 'id' }, 'Strategy'),
    h('th.hide-sm', {}, 'Status'),
    COLUMNS.map((c) => h('th.num', { 'data-sort': c.key }, c.title))));
  thead.addEventListener('click', (e) => {
    const key = e.target.closest('th')?.dataset.sort;
    if (!key) return;
    sortDesc = key === sortKey ? !sortDesc : key !== 'id' && key !== 'maxDrawdown';
    sortKey = key;
    renderBoard();
  });

  const portfolioEl = h('div.chart', { testid: 'portfolio-equity-chart' });
  const portfolioStats = h('div.stats', { testid: 'portfolio-stats' });
  const alertsList = h('ul.alerts', { testid: 'alerts' });

  const replay = replayControl();

  replace(root,
    replay.el,
    h('div.grid-2', {},
      h('section.card', { 'aria-label': 'Portfolio' }, h('h2', {}, 'Portfolio equity'), portfolioStats,
        h('div.inline-form', { testid: 'overview-range' }, h('label', { for: 'overview-from' }, 'From'), rangeFrom,
          h('label', { for: 'overview-to' }, 'To'), rangeTo, rangeText),
        portfolioEl),
      h('section.card', { 'aria-label': 'Alerts' }, h('h2', {}, 'Alerts'), alertsList)),
    h('section.card', { 'aria-label': 'Leaderboard' },
      h('h2', {}, 'Leaderboard'),
      h('div.table-wrap.board-wrap', {}, h('table.board', { testid: 'leaderboard' }, thead, tbody), cards)));

  const chart = makeChart(portfolioEl);
  const equity = timeSeries(portfolioEl, chart, 'area', {
    lineColor: '#58a6ff', topColor: 'rgba(88,166,255,0.35)', bottomColor: 'rgba(88,166,255,0.02)', lineWidth: 2,
  });

  function renderBoard() {
    const rows = [...strategies.values()].sort((a, b) => {
      const x = a[sortKey];
      const y = b[sortKey];
      if (x === y) return String(a.id).localeCompare(String(b.id));
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      const c = typeof x === 'string' ? x.localeCompare(y) : x - y;
      return sortDesc ? -c : c;
    });
    for (const th of thead.querySelectorAll('th')) {
      th.classList.toggle('sorted', th.dataset.sort === sortKey);
      th.dataset.dir = th.dataset.sort === sortKey ? (sortDesc ? 'desc' : 'asc') : '';
    }
    if (!rows.length) {
      replace(tbody, h('tr', {}, h('td.muted', { colspan: COLUMNS.length + 2 }, 'No strategies yet.')));
      replace(cards, h('p.muted', {}, 'No strategies yet.'));
      return;
    }
    // The narrow layout: one card per strategy with every column (CSS shows either the table or the cards).
    replace(cards, rows.map((s) => h('article.board-card', { testid: 'leaderboard-card', role: 'listitem', 'data-strategy-id': s.id, 'aria-label': s.id },
      h('div.card-head', {}, link(`/strategies/${encodeURIComponent(s.id)}`, s.id, { testid: 'strategy-card-link' }),
        h('span.badge', { class: enumText(s.status) }, enumText(s.status) || '—')),
      h('dl', {}, COLUMNS.map((c) => [h('div', {}, h('dt', {}, c.title),
        h('dd', { testid: `card-${c.key}`, class: c.signed ? signClass(s[c.key]) : '' }, c.fmt(s[c.key])))])))));
    markOnce('leaderboard-rows');
    replace(tbody, rows.map((s) => h('tr', { testid: 'leaderboard-row', 'data-strategy-id': s.id },
      h('td', {}, link(`/strategies/${encodeURIComponent(s.id)}`, s.id, { testid: 'strategy-link', title: s.spec ?? s.id })),
      h('td.hide-sm', {}, h('span.badge', { class: enumText(s.status) }, enumText(s.status) || '—')),
      COLUMNS.map((c) => h('td.num', { testid: `cell-${c.key}`, class: c.signed ? signClass(s[c.key]) : '' }, c.fmt(s[c.key]))))));
  }

  function applySummaries(list) {
    for (const s of list ?? []) {
      // A deleted strategy is pushed once with status "None".
      if (enumText(s.status) === 'none') strategies.delete(s.id);
      else strategies.set(s.id, { ...strategies.get(s.id), ...s });
    }
    renderBoard();
  }

  // The headline figures are the portfolio's totals (Σ of every strategy's latest equity, as GET /portfolio gives
  // them); the chart is its time-weighted equity index (equal to the money equity until a strategy joins or is
  // deleted). Pushes refresh the headline from /portfolio, one request at a time, so it never shows a curve value.
  let portfolioLoading = false;
  let portfolioStale = false;
  async function refreshPortfolio() {
    if (portfolioLoading) {
      portfolioStale = true;
      return;
    }
    portfolioLoading = true;
    try {
      do {
        portfolioStale = false;
        const p = await api.portfolio();
        if (disposed) return;
        renderPortfolio(p);
      } while (portfolioStale && !disposed);
    } catch (err) {
      reportError('loading the portfolio', err);
    } finally {
      portfolioLoading = false;
    }
  }

  function renderPortfolio(p) {
    if (!p) return;
    replace(portfolioStats,
      stat('Equity', fmtMoney(p.equity), 'portfolio-equity'),
      stat('Net P&L', fmtMoney(p.netPnl), 'portfolio-netpnl', signClass(p.netPnl)),
      stat('Return', fmtPct(p.metrics?.totalReturn), null, signClass(p.metrics?.totalReturn)),
      stat('Max DD', fmtPct(p.metrics?.maxDrawdown)),
      stat('Sharpe', fmtRatio(p.metrics?.sharpe), 'portfolio-sharpe'),
      stat('Trades', fmtNumber(p.trades), 'portfolio-trades'),
      stat('As of', fmtTime(p.markedThroughUtc), 'portfolio-asof'));
  }

  function renderAlerts() {
    const from = rangeFrom.value;
    const to = rangeTo.value;
    const shown = alerts.filter((a) => (!from || dayOf(a.time) >= from) && (!to || dayOf(a.time) <= to));
    if (!shown.length) {
      replace(alertsList, h('li.muted', {}, alerts.length ? 'No alerts in this date range.' : 'No alerts raised.'));
      return;
    }
    replace(alertsList, shown.map((a) => h('li', { testid: 'alert' },
      h('span.alert-time', {}, fmtTime(a.time)), ' ',
      link(`/strategies/${encodeURIComponent(a.strategy)}`, a.strategy), ' ',
      h('span.badge.warn', {}, a.kind), ' ', a.message)));
  }

  function addAlerts(list) {
    const byKey = new Map(alerts.map((a) => [alertKey(a), a]));
    for (const a of list ?? []) byKey.set(alertKey(a), a);
    alerts = [...byKey.values()].sort((a, b) => Date.parse(b.time) - Date.parse(a.time)).slice(0, MAX_ALERTS);
    renderAlerts();
  }

  let disposed = false;
  let markOverviewLoaded = () => {};
  const overviewLoaded = new Promise((resolve) => { markOverviewLoaded = resolve; });
  (async () => {
    // After the leaderboard (the first meaningful content): the daily buckets are the page's largest download.
    await overviewLoaded;
    if (disposed) return;
    // History of the portfolio's equity index: the end of each daily bucket; live pushes then add the latest marks.
    try {
      const r = await api.portfolioMetrics('daily');
      if (disposed) return;
      const history = (r.periods ?? []).filter((m) => m.endEquity !== null && m.endEquity !== undefined)
        .map((m) => ({ time: m.lastMarkTime ?? m.period?.start, value: m.endEquity }));
      if (history.length) {
        mergePortfolio(history);
      }
    } catch (err) {
      reportError('loading the portfolio equity history', err);
    }
  })();
  (async () => {
    try {
      const o = await api.overview();
      if (disposed) return;
      applySummaries(o.strategies);
      renderPortfolio(o.portfolio);
      addAlerts(o.alerts);
      replay.update(o.replay);
      markOverviewLoaded();
    } catch (err) {
      // Show the failure, then fill what the narrower endpoints can still give.
      reportError('loading the overview', err);
      await Promise.all([
        api.strategies().then((r) => !disposed && applySummaries(r.items)).catch((e) => reportError('loading strategies', e)),
        api.alerts().then((r) => !disposed && addAlerts((r ?? []).slice(0, MAX_ALERTS))).catch((e) => reportError('loading alerts', e)),
      ]);
      markOverviewLoaded();
    }
  })();
  renderBoard();
  renderAlerts();

  // The portfolio chart and the date-range filter: the chart shows the range, the alerts are those raised in it, and
  // the range's return is that of the index points drawn (first and last in the range).
  const indexByTime = new Map();
  function mergePortfolio(points) {
    if (!points.length) return;
    equity.merge(points);
    for (const p of points) indexByTime.set(Date.parse(p.time), p);
    portfolioPoints = [...indexByTime.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
    applyRange();
  }
  function applyRange() {
    const from = rangeFrom.value;
    const to = rangeTo.value;
    const inRange = portfolioPoints.filter((p) => (!from || dayOf(p.time) >= from) && (!to || dayOf(p.time) <= to));
    if ((from || to) && inRange.length) {
      chart.timeScale().setVisibleRange({ from: Math.floor(Date.parse(inRange[0].time) / 1000), to: Math.floor(Date.parse(inRange[inRange.length - 1].time) / 1000) });
    } else {
      chart.timeScale().fitContent();
    }
    const r = inRange.length > 1 ? inRange[inRange.length - 1].value / inRange[0].value - 1 : null;
    rangeText.textContent = from || to ? (inRange.length ? `return in range ${fmtPct(r)}` : 'no portfolio marks in this range') : '';
    portfolioEl.dataset.rangePoints = String(inRange.length);
  }
  for (const el of [rangeFrom, rangeTo]) el.addEventListener('change', () => { applyRange(); renderAlerts(); });

  const unsubscribe = subscribe(['overview'], {
    metrics: (summaries) => {
      applySummaries(summaries);
      refreshPortfolio();
    },
    equity: (e) => {
      if (e?.strategyId !== 'portfolio') return;
      const points = e.points ?? [];
      mergePortfolio(points.map((p) => ({ time: p.time, value: p.equity })));
      if (points.length) refreshPortfolio();
    },
    alert: addAlerts,
  });

  return () => {
    disposed = true;
    unsubscribe();
    replay.dispose();
    chart.remove();
  };
}

function stat(label, value, testid, cls) {
  return h('div.stat', {}, h('div.stat-label', {}, label), h('div.stat-value', { testid, class: cls }, value));
}
