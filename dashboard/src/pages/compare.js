// Compare page (/compare?ids=a,b&portfolio=1&benchmark=1): pick strategies (and the portfolio and the benchmark) with
// checkboxes; their equity curves normalised to 100 at the start of one aligned date window (the dates every selected
// series has, narrowed by the From/To inputs), their drawdowns over that window, the figures of the window, the
// all-time metrics and one period of a chosen level side by side, and the correlation matrix of the window's daily
// returns. The series are the REST equity curves (strategies; the benchmark from their benchmarkEquity) and the
// portfolio's daily buckets; the tables follow the overview pushes.
import { LineSeries } from 'lightweight-charts';
import { api } from '../api.js';
import { makeChart } from '../charts.js';
import { h, replace } from '../dom.js';
import { reportError } from '../errors.js';
import { fmtMoney, fmtNumber, fmtPct, fmtRatio, toChartTime } from '../format.js';
import { subscribe } from '../hub.js';
import { link } from '../router.js';
import { coalesce, correlation, endOfDay } from '../stats.js';
import { METRIC_COLUMNS, metricCell, periodLabel } from './strategy.js';

const COLORS = ['#58a6ff', '#f2cc60', '#d2a8ff', '#56d4dd', '#ff9bce', '#7ee787', '#ffa657', '#f85149', '#a5d6ff', '#e3b341'];
export const PORTFOLIO = 'portfolio';
export const BENCHMARK = 'benchmark';
const TABLE_LEVELS = ['yearly', 'quarterly', 'monthly', 'weekly', 'daily'];
/** Every figure of a bucket, in table order: the strategy page's columns and the rest of MetricsSnapshot. */
export const COMPARE_ROWS = [
  ...METRIC_COLUMNS,
  { key: 'wins', title: 'Wins', fmt: fmtNumber },
  { key: 'losses', title: 'Losses', fmt: fmtNumber },
  { key: 'grossProfit', title: 'Gross profit', fmt: fmtMoney },
  { key: 'grossLoss', title: 'Gross loss', fmt: fmtMoney },
  { key: 'averageWin', title: 'Average win', fmt: fmtMoney },
  { key: 'averageLoss', title: 'Average loss', fmt: fmtMoney },
  { key: 'largestWin', title: 'Largest win', fmt: fmtMoney },
  { key: 'largestLoss', title: 'Largest loss', fmt: fmtMoney },
  { key: 'averageTradeReturn', title: 'Avg trade return', fmt: fmtPct },
  { key: 'startEquity', title: 'Start equity', fmt: fmtMoney },
  { key: 'peakEquity', title: 'Peak equity', fmt: fmtMoney },
  { key: 'maxDrawdownAmount', title: 'Max DD amount', fmt: fmtMoney },
  { key: 'meanDailyReturn', title: 'Mean daily return', fmt: fmtPct, ratio: true },
  { key: 'downsideRisk', title: 'Downside risk', fmt: fmtPct, ratio: true },
  { key: 'benchmarkTotalReturn', title: 'Benchmark return', fmt: fmtPct, signed: true },
  { key: 'correlation', title: 'Correlation to benchmark', fmt: fmtRatio, ratio: true },
  { key: 'trackingError', title: 'Tracking error', fmt: fmtPct, ratio: true },
  { key: 'upCapture', title: 'Up capture', fmt: fmtRatio, ratio: true },
  { key: 'downCapture', title: 'Down capture', fmt: fmtRatio, ratio: true },
  { key: 'marks', title: 'Marks', fmt: fmtNumber },
];

/**
 * The aligned window of several end-of-day series: the dates every series has, between from and to (inclusive).
 * @param {Map<string, { date: string, value: number }[]>} series by name
 * @returns {string[]} dates in order
 */
export function alignedDates(series, from, to) {
  let common = null;
  for (const eod of series.values()) {
    const dates = new Set(eod.map((d) => d.date));
    common = common ? new Set([...common].filter((d) => dates.has(d))) : dates;
  }
  return [...(common ?? [])].filter((d) => (!from || d >= from) && (!to || d <= to)).sort();
}

/** Renders the compare page into root; returns a dispose function. */
export function comparePage(root) {
  let disposed = false;
  const cleanups = [];
  const params = new URLSearchParams(location.search);
  const selected = new Set((params.get('ids') ?? '').split(',').filter(Boolean));
  if (params.get('portfolio') === '1') selected.add(PORTFOLIO);
  if (params.get('benchmark') === '1') selected.add(BENCHMARK);

  const checks = h('fieldset.checks', { testid: 'compare-picker' }, h('legend.muted', {}, 'Series'), h('span.muted', {}, 'Loading strategies…'));
  const fromInput = h('input', { type: 'date', id: 'compare-from', testid: 'compare-from' });
  const toInput = h('input', { type: 'date', id: 'compare-to', testid: 'compare-to' });
  const levelSelect = h('select', { id: 'compare-level', testid: 'compare-level' }, TABLE_LEVELS.map((l) => h('option', { value: l }, l)));
  const periodSelect = h('select', { id: 'compare-period', testid: 'compare-period' });
  const windowText = h('p.muted', { testid: 'compare-window' });
  const equityEl = h('div.chart', { testid: 'compare-equity-chart', role: 'img', 'aria-label': 'Normalised equity' });
  const ddEl = h('div.chart.short', { testid: 'compare-drawdown-chart', role: 'img', 'aria-label': 'Drawdowns' });
  const legend = h('div.legend', { testid: 'compare-legend' });
  const windowTable = h('div.table-wrap', { testid: 'compare-window-table' });
  const allTimeTable = h('div.table-wrap', { testid: 'compare-alltime-table' });
  const levelTable = h('div.table-wrap', { testid: 'compare-level-table' });
  const corrTable = h('div.table-wrap', { testid: 'compare-correlation' });

  replace(root,
    h('section.card', { 'aria-label': 'Choose series' },
      h('h2', {}, 'Compare'),
      checks,
      h('div.inline-form', {},
        h('label', { for: 'compare-from' }, 'From'), fromInput,
        h('label', { for: 'compare-to' }, 'To'), toInput),
      windowText),
    h('div.grid-2', {},
      h('section.card', { 'aria-label': 'Normalised equity' }, h('h2', {}, 'Equity (100 at the window start)'), equityEl, legend),
      h('section.card', { 'aria-label': 'Drawdowns' }, h('h2', {}, 'Drawdown over the window'), ddEl)),
    h('section.card', { 'aria-label': 'Window figures' }, h('h2', {}, 'Over the aligned window'), windowTable),
    h('section.card', { 'aria-label': 'Correlation of daily returns' }, h('h2', {}, 'Correlation of daily returns (window)'), corrTable),
    h('section.card', { 'aria-label': 'All-time metrics' }, h('h2', {}, 'All-time metrics'), allTimeTable),
    h('section.card', { 'aria-label': 'Metrics of one period' },
      h('div.card-head', {}, h('h2', {}, 'One period'),
        h('div.inline-form', {}, h('label', { for: 'compare-level' }, 'Level'), levelSelect, h('label', { for: 'compare-period' }, 'Period'), periodSelect)),
      levelTable));

  const equityChart = makeChart(equityEl);
  const ddChart = makeChart(ddEl, { localization: { priceFormatter: (v) => `${v.toFixed(1)} %` } });
  cleanups.push(() => equityChart.remove(), () => ddChart.remove());
  let lines = [];

  let strategies = [];
  /** name → end-of-day series, cached per selection */
  const curves = new Map();
  /** name → { all_time snapshot, levels: { level: periods[] } } */
  const metrics = new Map();
  let benchmarkOf = null;

  const names = () => [...strategies.map((s) => s.id).filter((id) => selected.has(id)),
    ...(selected.has(PORTFOLIO) ? [PORTFOLIO] : []), ...(selected.has(BENCHMARK) ? [BENCHMARK] : [])];
  const label = (n) => (n === PORTFOLIO ? 'portfolio' : n === BENCHMARK ? `benchmark${benchmarkOf ? ` (${benchmarkOf})` : ''}` : n);

  function renderChecks() {
    const box = (value, text) => {
      const input = h('input', { type: 'checkbox', value, checked: selected.has(value) });
      input.addEventListener('change', () => {
        if (input.checked) selected.add(value); else selected.delete(value);
        syncUrl();
        reload.call();
      });
      return h('label', {}, input, text);
    };
    replace(checks, h('legend.muted', {}, 'Series'),
      strategies.map((s) => box(s.id, s.id)),
      box(PORTFOLIO, 'Portfolio'),
      box(BENCHMARK, 'Benchmark (buy and hold)'));
  }

  function syncUrl() {
    const q = new URLSearchParams();
    const ids = names().filter((n) => n !== PORTFOLIO && n !== BENCHMARK);
    if (ids.length) q.set('ids', ids.join(','));
    if (selected.has(PORTFOLIO)) q.set('portfolio', '1');
    if (selected.has(BENCHMARK)) q.set('benchmark', '1');
    const text = q.toString();
    history.replaceState(null, '', `/compare${text ? `?${text.replace(/%2C/g, ',')}` : ''}`);
  }

  async function loadSeries(n) {
    if (n === PORTFOLIO) {
      const [daily, all] = await Promise.all([api.portfolioMetrics('daily'), api.portfolioMetrics('all_time')]);
      curves.set(n, endOfDay((daily.periods ?? []).filter((m) => m.endEquity !== null && m.endEquity !== undefined)
        .map((m) => ({ time: m.lastMarkTime ?? m.period?.start, value: m.endEquity }))));
      metrics.set(n, { allTime: all.periods?.[0] ?? null, levels: { daily: daily.periods ?? [] } });
      return;
    }
    if (n === BENCHMARK) return; // from the first strategy's curve
    const [eq, all] = await Promise.all([api.equity(n), api.metrics(n, 'all_time')]);
    const pts = eq.points ?? [];
    curves.set(n, endOfDay(pts.map((p) => ({ time: p.time, value: p.equity }))));
    const bench = pts.filter((p) => p.benchmarkEquity !== null && p.benchmarkEquity !== undefined);
    if (bench.length) curves.set(`${BENCHMARK}:${n}`, endOfDay(bench.map((p) => ({ time: p.time, value: p.benchmarkEquity }))));
    metrics.set(n, { allTime: all.periods?.[0] ?? null, levels: {} });
  }

  async function loadLevel(n, level) {
    const m = metrics.get(n);
    if (!m || m.levels[level]) return;
    const r = n === PORTFOLIO ? await api.portfolioMetrics(level) : await api.metrics(n, level);
    m.levels[level] = r.periods ?? [];
  }

  /** The benchmark's end-of-day series: that of the first selected strategy that has one (all share the instrument). */
  function benchmarkCurve() {
    for (const s of strategies) {
      const c = curves.get(`${BENCHMARK}:${s.id}`);
      if (c && curves.has(s.id)) { benchmarkOf = s.benchmark ?? null; return c; }
    }
    return null;
  }

  const reload = coalesce(async () => {
    try {
      const list = names();
      // A benchmark needs one strategy's curve; without a strategy selected, the first strategy supplies it.
      const need = list.filter((n) => n !== BENCHMARK);
      if (selected.has(BENCHMARK) && !need.some((n) => n !== PORTFOLIO) && strategies.length) need.push(strategies[0].id);
      await Promise.all(need.filter((n) => !curves.has(n)).map(loadSeries));
      if (disposed) return;
      await Promise.all(list.filter((n) => n !== BENCHMARK).map((n) => loadLevel(n, levelSelect.value)));
      if (disposed) return;
      render();
    } catch (err) {
      reportError('loading the compared series', err);
    }
  }, 250);
  cleanups.push(() => reload.cancel());

  function seriesOf(n) {
    return n === BENCHMARK ? benchmarkCurve() : curves.get(n);
  }

  function render() {
    const list = names().filter((n) => seriesOf(n));
    root.dataset.series = list.join(',');
    for (const s of lines) { equityChart.removeSeries(s.eq); ddChart.removeSeries(s.dd); }
    lines = [];
    replace(legend);
    if (list.length < 1) {
      windowText.textContent = 'Choose two or more series to compare.';
      for (const t of [windowTable, allTimeTable, levelTable, corrTable]) replace(t);
      return;
    }
    const all = new Map(list.map((n) => [n, seriesOf(n)]));
    const dates = alignedDates(all, fromInput.value || null, toInput.value || null);
    root.dataset.windowStart = dates[0] ?? '';
    root.dataset.windowEnd = dates[dates.length - 1] ?? '';
    windowText.textContent = dates.length
      ? `Aligned window: ${dates[0]} to ${dates[dates.length - 1]} (${fmtNumber(dates.length)} dates every series has).`
      : 'The selected series share no dates in this window.';
    const rows = [];
    const returns = new Map();
    list.forEach((n, i) => {
      const byDate = new Map(all.get(n).map((d) => [d.date, d.value]));
      const values = dates.map((d) => byDate.get(d));
      const base = values[0];
      let peak = -Infinity;
      const eq = []; const dd = []; let worst = 0;
      values.forEach((v, k) => {
        peak = Math.max(peak, v);
        const draw = peak > 0 ? 1 - v / peak : 0;
        worst = Math.max(worst, draw);
        const time = toChartTime(`${dates[k]}T00:00:00Z`);
        eq.push({ time, value: (v / base) * 100 });
        dd.push({ time, value: -draw * 100 });
      });
      const r = values.slice(1).map((v, k) => v / values[k] - 1);
      returns.set(n, r);
      const mean = r.length ? r.reduce((a, b) => a + b, 0) / r.length : null;
      const sd = r.length > 1 ? Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1)) : null;
      rows.push({ n, ret: values.length ? values[values.length - 1] / base - 1 : null, maxDd: values.length ? worst : null,
        vol: sd === null ? null : sd * Math.sqrt(252), sharpe: sd ? (mean / sd) * Math.sqrt(252) : null, days: r.length });
      const color = COLORS[i % COLORS.length];
      const e = equityChart.addSeries(LineSeries, { color, lineWidth: n === BENCHMARK ? 1 : 2, priceLineVisible: false, lastValueVisible: false, title: label(n) });
      e.setData(eq);
      const d = ddChart.addSeries(LineSeries, { color, lineWidth: 1, priceLineVisible: false, lastValueVisible: false });
      d.setData(dd);
      lines.push({ eq: e, dd: d });
      legend.append(h('span.legend-item', { testid: 'compare-series' }, h('span.swatch', { style: `background:${color}` }), label(n)));
    });
    equityChart.timeScale().fitContent();
    ddChart.timeScale().fitContent();
    equityEl.dataset.points = String(dates.length);

    const head = (first) => h('thead', {}, h('tr', {}, h('th', {}, first), list.map((n) => h('th.num', { scope: 'col' }, label(n)))));
    replace(windowTable, h('table', { 'aria-label': 'Figures over the aligned window' }, head('Figure'), h('tbody', {},
      [['ret', 'Return', fmtPct], ['maxDd', 'Max drawdown (end of day)', fmtPct], ['vol', 'Volatility', fmtPct], ['sharpe', 'Sharpe', fmtRatio], ['days', 'Daily returns', fmtNumber]]
        .map(([k, t, f]) => h('tr', {}, h('th', { scope: 'row' }, t),
          rows.map((r) => h('td.num', { 'data-key': k, 'data-series': r.n, 'data-value': r[k] ?? '' }, f(r[k]))))))));

    // Correlation of the daily returns over the window (same dates for every series).
    replace(corrTable, h('table.corr', { 'aria-label': 'Correlation matrix' }, head(''), h('tbody', {},
      list.map((a) => h('tr', {}, h('th', { scope: 'row' }, label(a)), list.map((b) => {
        const c = correlation(returns.get(a), returns.get(b));
        const bg = c === null ? '' : c >= 0 ? `background:rgba(88,166,255,${0.08 + 0.5 * c})` : `background:rgba(248,81,73,${0.08 + 0.5 * -c})`;
        return h('td.num', { 'data-row': a, 'data-col': b, 'data-value': c ?? '', style: bg }, fmtRatio(c));
      }))))));

    const metricsTable = (name, pick) => h('table', { 'aria-label': name }, head('Metric'), h('tbody', {},
      COMPARE_ROWS.map((c) => h('tr', {}, h('th', { scope: 'row' }, c.title), list.map((n) => {
        const m = pick(n);
        const td = m ? metricCell(c, m) : h('td.num.muted', {}, '—');
        td.dataset.key = c.key;
        td.dataset.series = n;
        return td;
      })))));
    // The benchmark as a column: its return next to each strategy's (beta 1 by definition); its other figures are not served.
    const benchFigures = (source) => (source ? { totalReturn: source.benchmarkTotalReturn, benchmarkTotalReturn: source.benchmarkTotalReturn, beta: 1, excessReturn: 0, dailyReturnCount: source.dailyReturnCount } : null);
    const firstStrategy = list.find((n) => n !== PORTFOLIO && n !== BENCHMARK) ?? strategies.find((s) => metrics.has(s.id))?.id;
    replace(allTimeTable, metricsTable('All-time metrics', (n) => (n === BENCHMARK ? benchFigures(metrics.get(firstStrategy)?.allTime) : metrics.get(n)?.allTime)));

    // One period of the chosen level: the periods any series has, the newest by default.
    const level = levelSelect.value;
    const keyOf = (m) => periodLabel(m.period, level);
    const periods = new Set();
    for (const n of list) for (const m of metrics.get(n)?.levels[level] ?? []) periods.add(keyOf(m));
    const sortedPeriods = [...periods].sort().reverse();
    const keep = sortedPeriods.includes(periodSelect.value) ? periodSelect.value : sortedPeriods[0];
    replace(periodSelect, sortedPeriods.map((p) => h('option', { value: p, selected: p === keep }, p)));
    const inPeriod = (n) => (metrics.get(n)?.levels[level] ?? []).find((m) => keyOf(m) === keep) ?? null;
    replace(levelTable, keep
      ? metricsTable(`${level} ${keep}`, (n) => (n === BENCHMARK ? benchFigures(inPeriod(firstStrategy)) : inPeriod(n)))
      : h('p.muted', {}, `No ${level} periods.`));
  }

  for (const el of [fromInput, toInput, periodSelect]) el.addEventListener('change', () => render());
  levelSelect.addEventListener('change', () => reload.call());

  // Live: the tables and curves of the selected strategies are read again (at most every 2 s) while they change.
  const live = coalesce(async () => {
    const changed = names().filter((n) => n !== BENCHMARK);
    for (const n of changed) { curves.delete(n); curves.delete(`${BENCHMARK}:${n}`); metrics.delete(n); }
    reload.call();
  }, 2000);
  cleanups.push(() => live.cancel());
  const unsubscribe = subscribe(['overview'], {
    metrics: (list) => {
      if ((list ?? []).some((s) => selected.has(s.id))) live.call();
    },
  });
  cleanups.push(unsubscribe);

  (async () => {
    try {
      const r = await api.strategies();
      if (disposed) return;
      strategies = (r.items ?? []).filter((s) => String(s.status).toLowerCase() !== 'none');
      renderChecks();
      reload.call();
    } catch (err) {
      replace(checks, h('p.neg', {}, 'Failed to load the strategies.'));
      reportError('loading strategies', err);
    }
  })();
  root.prepend(h('p.crumbs', {}, link('/', '← Overview')));

  return () => {
    disposed = true;
    for (const c of cleanups.reverse()) c();
  };
}
