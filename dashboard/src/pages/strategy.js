// Strategy page: header (with the benchmark figures and every all-time risk figure), positions, the price with trade
// markers, indicator overlays and oscillator panes, equity with the benchmark, drawdown from zero, daily P&L, monthly
// returns heatmap, return distribution, the metrics table (all-time row pinned, periods paged) and the trades table
// (MAE/MFE, cumulative P&L, sorting, filtering, CSV export). Live through strategy:{id} and instrument:{symbol}:
// the REST load and the join state are merged by key (trades by instrument, side and entry time; equity by time), so
// nothing is counted twice, and the all-time row is drawn from the same figures as the header at every moment.
import { BaselineSeries, CandlestickSeries, HistogramSeries, LineSeries, createSeriesMarkers } from 'lightweight-charts';
import { api } from '../api.js';
import { makeChart, timeSeries } from '../charts.js';
import { h, replace } from '../dom.js';
import { reportError } from '../errors.js';
import { enumText, fmtDuration, fmtMoney, fmtNumber, fmtPct, fmtPrice, fmtRatio, fmtTime, signClass, toChartTime } from '../format.js';
import { markOnce, subscribe } from '../hub.js';
import { link } from '../router.js';
import { MIN_DAILY_RETURNS, coalesce, dailyChanges, download, endOfDay, histogram, monthlyReturns, toCsv, tradeKey } from '../stats.js';
import { hasMarketData } from '../control-api.js';
import { strategyControls } from './strategy-controls.js';

export const LEVELS = ['hourly', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'all_time'];
const PAGE_SIZE = 20;
const METRICS_PAGE = 12;
const MAX_BARS = 10000;
const VISIBLE_BARS = 260;
const TRADE_BATCH = 1000;
const DEFAULT_INDICATORS = 'sma:50,sma:200,rsi:14,macd:12:26:9,stoch:14:3';
const OVERLAY_COLORS = ['#f2cc60', '#d2a8ff', '#56d4dd', '#ff9bce', '#7ee787', '#ffa657'];
/** Indicator columns drawn in their own pane under the price (oscillators), by name prefix; one pane per family. */
const OSCILLATORS = /^(rsi|macd|stoch|atr|adx|cci|roc|mom|obv|stdev)/i;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const symbolOf = (x) => (typeof x === 'string' ? x : x?.symbol ?? String(x));
/** Timeframe text ("1d") from either form the API uses ("1d" in definitions, the enum name "OneDay" in bars). */
const TIMEFRAME_NAMES = { oneminute: '1m', fiveminutes: '5m', fifteenminutes: '15m', onehour: '1h', oneday: '1d' };
const timeframeText = (t) => TIMEFRAME_NAMES[enumText(t)] ?? String(t ?? '');

/**
 * The metrics table's columns: key in MetricsSnapshot, header, formatter, and whether it is a ratio of daily returns
 * (shown greyed with the count when the bucket has fewer than MIN_DAILY_RETURNS of them).
 */
export const METRIC_COLUMNS = [
  { key: 'dailyReturnCount', title: 'Days', fmt: fmtNumber },
  { key: 'trades', title: 'Trades', fmt: fmtNumber },
  { key: 'winRate', title: 'Win rate', fmt: fmtPct },
  { key: 'realizedPnl', title: 'Realized P&L', fmt: fmtMoney, signed: true },
  { key: 'netPnl', title: 'Net P&L', fmt: fmtMoney, signed: true },
  { key: 'totalReturn', title: 'Return', fmt: fmtPct, signed: true },
  { key: 'excessReturn', title: 'Excess return', fmt: fmtPct, signed: true },
  { key: 'alpha', title: 'Alpha', fmt: fmtPct, ratio: true },
  { key: 'beta', title: 'Beta', fmt: fmtRatio, ratio: true },
  { key: 'informationRatio', title: 'Info ratio', fmt: fmtRatio, ratio: true },
  { key: 'sharpe', title: 'Sharpe', fmt: fmtRatio, ratio: true },
  { key: 'sortino', title: 'Sortino', fmt: fmtRatio, ratio: true },
  { key: 'cagr', title: 'CAGR', fmt: fmtPct, ratio: true },
  { key: 'calmar', title: 'Calmar', fmt: fmtRatio, ratio: true },
  { key: 'volatility', title: 'Volatility', fmt: fmtPct, ratio: true },
  { key: 'valueAtRisk95', title: 'VaR 95', fmt: fmtPct, ratio: true },
  { key: 'conditionalValueAtRisk95', title: 'CVaR 95', fmt: fmtPct, ratio: true },
  { key: 'maxDrawdown', title: 'Max DD', fmt: fmtPct },
  { key: 'exposure', title: 'Exposure', fmt: fmtPct },
  { key: 'profitFactor', title: 'Profit factor', fmt: fmtRatio },
  { key: 'expectancy', title: 'Expectancy', fmt: fmtMoney, signed: true },
  { key: 'fees', title: 'Fees', fmt: fmtMoney },
  { key: 'endEquity', title: 'End equity', fmt: fmtMoney },
];

/** Fields of a StrategySummary that are the all-time metrics of the same name (docs/api.md), plus equity → end equity. */
const SUMMARY_FIELDS = ['trades', 'winRate', 'realizedPnl', 'netPnl', 'totalReturn', 'excessReturn', 'alpha', 'beta',
  'informationRatio', 'sharpe', 'sortino', 'maxDrawdown', 'profitFactor', 'correlation', 'trackingError', 'upCapture', 'downCapture'];

/** The all-time figures as the header shows them: the latest all-time snapshot with the latest summary's fields over it. */
export function allTimeFigures(snapshot, summary) {
  const m = { ...(snapshot ?? {}) };
  if (summary) {
    for (const k of SUMMARY_FIELDS) if (k in summary) m[k] = summary[k];
    if (summary.equity !== undefined) m.endEquity = summary.equity;
  }
  return m;
}

/** A cell of a metric: a ratio of too few daily returns is shown greyed as "n=COUNT" with the raw value in its title. */
export function metricCell(c, m, testid) {
  const v = m?.[c.key];
  const n = m?.dailyReturnCount;
  if (c.ratio && v !== null && v !== undefined && typeof n === 'number' && n < MIN_DAILY_RETURNS) {
    return h('td.num.few', { testid, title: `${c.title} ${c.fmt(v)} from ${n} daily returns: fewer than ${MIN_DAILY_RETURNS}, too few to mean anything`, 'data-few': n },
      `n=${n}`);
  }
  return h('td.num', { testid, class: c.signed ? signClass(v) : '' }, c.fmt(v));
}

/** Renders the page of strategy id into root; returns a dispose function. */
export function strategyPage(root, id) {
  let disposed = false;
  const cleanups = [];
  const header = h('div.stats', { testid: 'strategy-summary' });
  const risk = h('div.stats.risk', { testid: 'strategy-risk' });
  const title = h('h2', { testid: 'strategy-title' }, id);
  const spec = h('p.muted', { testid: 'strategy-spec' });

  const priceEl = h('div.chart.price', { testid: 'price-chart' });
  const indicatorInput = h('input', { testid: 'indicator-set', id: 'indicator-set', value: DEFAULT_INDICATORS, size: 34 });
  const indicatorBtn = h('button.secondary', { type: 'button', testid: 'indicator-apply' }, 'Apply');
  const equityEl = h('div.chart', { testid: 'strategy-equity-chart', role: 'img', 'aria-label': 'Equity and benchmark' });
  const drawdownEl = h('div.chart.short', { testid: 'drawdown-chart', role: 'img', 'aria-label': 'Drawdown' });
  const dailyEl = h('div.chart.short', { testid: 'daily-pnl-chart', role: 'img', 'aria-label': 'Daily P&L' });
  const distEl = h('div.distribution', { testid: 'return-distribution', role: 'img', 'aria-label': 'Distribution of daily returns' });
  const heatmap = h('div.table-wrap', { testid: 'monthly-heatmap' });
  const levelSelect = h('select', { testid: 'metrics-level', id: 'metrics-level' },
    LEVELS.map((l) => h('option', { value: l, selected: l === 'monthly' }, l)));
  const metricsBody = h('tbody', { testid: 'metrics-body' });
  const metricsPrev = h('button.secondary', { type: 'button', testid: 'metrics-prev', disabled: true, 'aria-label': 'Newer periods' }, '‹ Newer');
  const metricsNext = h('button.secondary', { type: 'button', testid: 'metrics-next', disabled: true, 'aria-label': 'Older periods' }, 'Older ›');
  const metricsPage = h('span.muted', { testid: 'metrics-page' });
  const positionsBody = h('tbody', { testid: 'positions-body' });
  const tradesBody = h('tbody', { testid: 'trades-body' });
  const prevBtn = h('button.secondary', { type: 'button', testid: 'trades-prev', disabled: true, 'aria-label': 'Previous trades page' }, '‹ Prev');
  const nextBtn = h('button.secondary', { type: 'button', testid: 'trades-next', disabled: true, 'aria-label': 'Next trades page' }, 'Next ›');
  const pageLabel = h('span.muted', { testid: 'trades-page' }, 'page 1');
  const sideFilter = h('select', { id: 'trades-side', testid: 'trades-side' },
    h('option', { value: '' }, 'all'), h('option', { value: 'long' }, 'long'), h('option', { value: 'short' }, 'short'));
  const resultFilter = h('select', { id: 'trades-result', testid: 'trades-result' },
    h('option', { value: '' }, 'all'), h('option', { value: 'win' }, 'winners'), h('option', { value: 'loss' }, 'losers'), h('option', { value: 'open' }, 'open'));
  const textFilter = h('input', { id: 'trades-filter', testid: 'trades-filter', type: 'search', size: 14, placeholder: 'instrument, date…' });
  const exportBtn = h('button.secondary', { type: 'button', testid: 'trades-export' }, 'Export CSV');
  const tradesCount = h('span.muted', { testid: 'trades-count' });

  const TRADE_COLUMNS = [
    { key: 'n', title: '#', num: true, value: (t) => t.n, fmt: fmtNumber },
    { key: 'instrument', title: 'Instrument', value: (t) => symbolOf(t.instrument) },
    { key: 'side', title: 'Side', value: (t) => enumText(t.side) },
    { key: 'entryTime', title: 'Entry', value: (t) => Date.parse(t.entryTime), fmt: (_, t) => fmtTime(t.entryTime) },
    { key: 'entryPrice', title: 'Entry price', num: true, value: (t) => t.entryPrice, fmt: fmtPrice },
    { key: 'exitTime', title: 'Exit', value: (t) => (t.exitTime ? Date.parse(t.exitTime) : null), fmt: (_, t) => (t.exitTime ? fmtTime(t.exitTime) : 'open') },
    { key: 'exitPrice', title: 'Exit price', num: true, value: (t) => t.exitPrice, fmt: fmtPrice },
    { key: 'quantity', title: 'Qty', num: true, value: (t) => t.quantity, fmt: fmtNumber },
    { key: 'pnl', title: 'P&L', num: true, signed: true, value: (t) => t.pnl, fmt: fmtMoney },
    { key: 'return', title: 'Return', num: true, signed: true, value: (t) => t.return, fmt: fmtPct },
    { key: 'mae', title: 'MAE', num: true, value: (t) => t.mae, fmt: fmtPrice },
    { key: 'mfe', title: 'MFE', num: true, value: (t) => t.mfe, fmt: fmtPrice },
    { key: 'fees', title: 'Fees', num: true, value: (t) => t.fees, fmt: fmtMoney },
    { key: 'cumPnl', title: 'Cum. P&L', num: true, signed: true, value: (t) => t.cumPnl, fmt: fmtMoney },
    { key: 'holdingTime', title: 'Held', num: true, value: (t) => holdingSeconds(t.holdingTime), fmt: (_, t) => holding(t.holdingTime) },
    { key: 'exitReason', title: 'Exit reason', value: (t) => (t.exitTime ? enumText(t.exitReason) : '') },
  ];
  let tradeSort = { key: 'n', desc: true };
  const tradesHead = h('tr', {}, TRADE_COLUMNS.map((c) => h(c.num ? 'th.num' : 'th', { 'aria-sort': 'none', 'data-key': c.key },
    h('button.sort', { type: 'button', 'data-key': c.key }, c.title))));

  const controls = strategyControls(id);
  cleanups.push(controls.dispose);
  replace(root,
    h('p.crumbs', {}, link('/', '← Overview')),
    h('section.card', { 'aria-label': 'Summary' }, title, spec, controls.el, header, risk),
    h('section.card', { 'aria-label': 'Positions' },
      h('h2', {}, 'Positions'),
      h('div.table-wrap', {}, h('table', { testid: 'positions-table' },
        h('thead', {}, h('tr', {}, ['Instrument', 'Quantity', 'Avg price', 'Last price', 'Unrealized', 'Realized', 'Fees']
          .map((t, i) => h(i ? 'th.num' : 'th', {}, t)))),
        positionsBody))),
    h('section.card', { 'aria-label': 'Price' },
      h('div.card-head', {}, h('h2', {}, 'Price'),
        h('div.inline-form', {}, h('label', { for: 'indicator-set' }, 'Indicators'), indicatorInput, indicatorBtn)),
      priceEl,
      h('div.legend-row', {},
        h('div.legend', { testid: 'indicator-legend' }),
        h('div.legend.muted', {}, h('span.pos', {}, '▲'), ' long entry ', h('span.neg', {}, '▼'), ' short entry ',
          h('span', { style: 'color:#58a6ff' }, '●'), ' exit with gain ', h('span', { style: 'color:#f0883e' }, '●'), ' exit with loss'))),
    h('div.grid-2', {},
      h('section.card', { 'aria-label': 'Equity' }, h('h2', {}, 'Equity'), equityEl,
        h('div.legend', {}, h('span.legend-item', {}, h('span.swatch', { style: 'background:#58a6ff' }), 'strategy'),
          h('span.legend-item', { testid: 'benchmark-legend' }, h('span.swatch', { style: 'background:#8b949e' }), 'benchmark (buy and hold)'))),
      h('section.card', { 'aria-label': 'Drawdown' }, h('h2', {}, 'Drawdown'), drawdownEl)),
    h('div.grid-2', {},
      h('section.card', { 'aria-label': 'Daily P&L' }, h('h2', {}, 'Daily P&L'), dailyEl),
      h('section.card', { 'aria-label': 'Return distribution' }, h('h2', {}, 'Daily return distribution'), distEl)),
    h('section.card', { 'aria-label': 'Monthly returns' }, h('h2', {}, 'Monthly returns'), heatmap),
    h('section.card', { 'aria-label': 'Metrics' },
      h('div.card-head', {}, h('h2', {}, 'Metrics'),
        h('div.pager', {}, h('label', { for: 'metrics-level' }, 'Level'), levelSelect, metricsPrev, metricsPage, metricsNext)),
      h('p.muted.small', {}, `Ratios of periods with fewer than ${MIN_DAILY_RETURNS} daily returns are shown greyed as n=count.`),
      h('div.table-wrap', {}, h('table', { testid: 'metrics-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Period'), METRIC_COLUMNS.map((c) => h('th.num', {}, c.title)))),
        metricsBody))),
    h('section.card', { 'aria-label': 'Trades' },
      h('div.card-head', {}, h('h2', {}, 'Trades'),
        h('div.inline-form', {},
          h('label', { for: 'trades-side' }, 'Side'), sideFilter,
          h('label', { for: 'trades-result' }, 'Result'), resultFilter,
          h('label', { for: 'trades-filter' }, 'Filter'), textFilter,
          exportBtn),
        h('div.pager', {}, tradesCount, prevBtn, pageLabel, nextBtn)),
      h('div.table-wrap', {}, h('table', { testid: 'trades-table' }, h('thead', {}, tradesHead), tradesBody))));

  // Charts. The price chart has the candles in pane 0 and one pane per oscillator family under it.
  const priceChart = makeChart(priceEl);
  const candles = priceChart.addSeries(CandlestickSeries, {
    upColor: '#3fb950', downColor: '#f85149', borderVisible: false, wickUpColor: '#3fb950', wickDownColor: '#f85149',
  });
  const markers = createSeriesMarkers(candles, []);
  /** @type {{ col: string, series: any }[]} */
  let overlays = [];
  let overlaySet = '';
  let overlayLast = null;
  const equityChart = makeChart(equityEl);
  const equity = timeSeries(equityEl, equityChart, 'area', {
    lineColor: '#58a6ff', topColor: 'rgba(88,166,255,0.35)', bottomColor: 'rgba(88,166,255,0.02)', lineWidth: 2, title: 'strategy',
  });
  const benchmark = timeSeries(h('div'), equityChart, 'line', { color: '#8b949e', lineWidth: 1, priceLineVisible: false, title: 'benchmark' });
  // Drawdown in percent below a zero baseline (-35 = 35 % under the running peak), filled from 0 down to the curve.
  const ddChart = makeChart(drawdownEl, { localization: { priceFormatter: (v) => `${v.toFixed(1)} %` } });
  const drawdown = ddChart.addSeries(BaselineSeries, {
    baseValue: { type: 'price', price: 0 },
    topLineColor: 'rgba(0,0,0,0)', topFillColor1: 'rgba(0,0,0,0)', topFillColor2: 'rgba(0,0,0,0)',
    bottomLineColor: '#f85149', bottomFillColor1: 'rgba(248,81,73,0.05)', bottomFillColor2: 'rgba(248,81,73,0.45)', lineWidth: 1,
    autoscaleInfoProvider: (base) => {
      const r = base();
      return r ? { priceRange: { minValue: Math.min(r.priceRange.minValue, 0), maxValue: 0 } } : r;
    },
  });
  const dailyChart = makeChart(dailyEl);
  const dailyBars = dailyChart.addSeries(HistogramSeries, { priceLineVisible: false });
  cleanups.push(() => priceChart.remove(), () => equityChart.remove(), () => ddChart.remove(), () => dailyChart.remove());

  /** @type {Map<number, object>} bars by open time (s) */
  const bars = new Map();
  /** @type {Map<string, object>} every trade by tradeKey (REST pages, join state and pushes merged) */
  const trades = new Map();
  /** @type {Map<number, { time: string, equity: number, benchmark: number | null, drawdown: number }>} by time (s) */
  const curve = new Map();
  let symbol = null;
  let timeframe = '1d';
  let capital = null;
  let lastSummary = null;
  let allTimeSnapshot = null;

  const publishBars = () => { priceEl.dataset.bars = String(bars.size); };
  const candle = (b) => ({ time: toChartTime(b.openTime), open: b.open, high: b.high, low: b.low, close: b.close });

  function setBars(list) {
    bars.clear();
    for (const b of list ?? []) if (symbolOf(b.instrument) === symbol || b.instrument === undefined) bars.set(toChartTime(b.openTime), candle(b));
    candles.setData([...bars.values()].sort((a, b) => a.time - b.time));
    publishBars();
    renderMarkers();
    if (bars.size) markOnce('strategy-candles');
    // Readable candles: the latest bars; scroll or zoom out for the rest.
    priceChart.timeScale().setVisibleLogicalRange({ from: Math.max(0, bars.size - VISIBLE_BARS), to: bars.size + 2 });
  }

  function pushBars(list) {
    // The instrument group carries bars of its finest timeframe; keep those of the strategy's timeframe.
    const own = (list ?? []).filter((b) => b.timeframe === undefined || timeframeText(b.timeframe) === timeframe);
    if (!own.length) return;
    const sorted = [...own].sort((a, b) => Date.parse(a.openTime) - Date.parse(b.openTime));
    const last = bars.size ? Math.max(...bars.keys()) : -Infinity;
    let reset = false;
    for (const b of sorted) {
      const c = candle(b);
      if (c.time < last) reset = true;
      bars.set(c.time, c);
    }
    if (reset) candles.setData([...bars.values()].sort((a, b) => a.time - b.time));
    else for (const b of sorted) candles.update(candle(b));
    publishBars();
    refreshIndicators.call();
  }

  // Entries: green arrow up (long) / red arrow down (short); exits: a circle, blue for a gain, orange for a loss.
  // Markers before the first loaded bar are left out (the chart would pin them to it).
  function renderMarkers() {
    const list = [];
    const first = bars.size ? Math.min(...bars.keys()) : Infinity;
    for (const t of trades.values()) {
      if (symbolOf(t.instrument) !== symbol) continue;
      const long = enumText(t.side) !== 'short';
      const entry = toChartTime(t.entryTime);
      if (entry >= first) {
        list.push({ time: entry, position: long ? 'belowBar' : 'aboveBar', color: long ? '#3fb950' : '#f85149',
          shape: long ? 'arrowUp' : 'arrowDown', size: 1 });
      }
      const exit = t.exitTime ? toChartTime(t.exitTime) : null;
      if (exit !== null && exit >= first) {
        list.push({ time: exit, position: long ? 'aboveBar' : 'belowBar', color: t.pnl >= 0 ? '#58a6ff' : '#f0883e',
          shape: 'circle', size: 1 });
      }
    }
    list.sort((a, b) => a.time - b.time);
    markers.setMarkers(list);
    priceEl.dataset.markers = String(list.length);
  }

  // Indicators: a full load on Apply, then the rows from the last one on at most once a second while bars arrive.
  async function loadIndicators() {
    for (const o of overlays) priceChart.removeSeries(o.series);
    overlays = [];
    overlayLast = null;
    const legend = root.querySelector('[data-testid="indicator-legend"]');
    replace(legend);
    const set = indicatorInput.value.trim();
    overlaySet = set;
    priceEl.dataset.overlays = '0';
    if (!set || !symbol) return;
    try {
      const r = await api.indicators(symbol, set, timeframe, MAX_BARS);
      if (disposed || overlaySet !== set) return;
      const panes = new Map();
      (r.columns ?? []).forEach((col, i) => {
        const osc = OSCILLATORS.test(col);
        const family = col.split('_')[0];
        if (osc && !panes.has(family)) panes.set(family, panes.size + 1);
        const pane = osc ? panes.get(family) : 0;
        const color = OVERLAY_COLORS[i % OVERLAY_COLORS.length];
        const hist = /_hist$/.test(col);
        const s = priceChart.addSeries(hist ? HistogramSeries : LineSeries, {
          color: hist ? 'rgba(139,148,158,0.6)' : color, priceLineVisible: false, lastValueVisible: false, title: col,
          ...(hist ? {} : { lineWidth: 1 }),
        }, pane);
        s.setData((r.rows ?? []).filter((row) => row.values?.[i] !== null && row.values?.[i] !== undefined)
          .map((row) => ({ time: toChartTime(row.time), value: row.values[i] })));
        overlays.push({ col, series: s });
        legend.append(h('span.legend-item', { testid: 'indicator-series', 'data-pane': pane }, h('span.swatch', { style: `background:${color}` }), col));
      });
      const rows = r.rows ?? [];
      overlayLast = rows.length ? rows[rows.length - 1].time : null;
      const all = priceChart.panes();
      if (all.length > 1) {
        all[0].setStretchFactor(3);
        for (let i = 1; i < all.length; i++) all[i].setStretchFactor(1);
      }
      priceEl.dataset.overlays = String(overlays.length);
      priceEl.dataset.panes = String(all.length);
      priceEl.dataset.indicatorTime = overlayLast ?? '';
    } catch (err) {
      reportError(`loading indicators '${set}'`, err);
    }
  }
  const refreshIndicators = coalesce(async () => {
    const set = overlaySet;
    if (disposed || !set || !symbol || !overlays.length || !overlayLast) return;
    try {
      const r = await api.indicators(symbol, set, timeframe, MAX_BARS, overlayLast);
      if (disposed || overlaySet !== set) return;
      const rows = r.rows ?? [];
      (r.columns ?? []).forEach((col, i) => {
        const o = overlays[i];
        if (!o || o.col !== col) return;
        for (const row of rows) if (row.values?.[i] !== null && row.values?.[i] !== undefined) o.series.update({ time: toChartTime(row.time), value: row.values[i] });
      });
      if (rows.length) {
        overlayLast = rows[rows.length - 1].time;
        priceEl.dataset.indicatorTime = overlayLast;
      }
    } catch (err) {
      reportError(`updating indicators '${set}'`, err);
    }
  }, 1000);
  cleanups.push(() => refreshIndicators.cancel());
  indicatorBtn.addEventListener('click', loadIndicators);
  indicatorInput.addEventListener('keydown', (e) => { if (e.key === 'Enter') loadIndicators(); });

  // Header and the all-time row: one figures object, drawn in the same task, so they are equal at every moment.
  function renderFigures() {
    const s = lastSummary;
    if (!s) return;
    const m = allTimeFigures(allTimeSnapshot, s);
    replace(header,
      stat('Status', enumText(s.status) || '—', 'strategy-status'),
      stat('Equity', fmtMoney(s.equity), 'strategy-equity'),
      stat('Net P&L', fmtMoney(m.netPnl), 'strategy-netpnl', signClass(m.netPnl)),
      stat('Return', fmtPct(m.totalReturn), 'strategy-return', signClass(m.totalReturn)),
      stat(s.benchmark ? `Excess vs ${s.benchmark}` : 'Excess return', fmtPct(m.excessReturn), 'strategy-excess', signClass(m.excessReturn)),
      stat('Alpha', fmtPct(m.alpha), 'strategy-alpha'),
      stat('Beta', fmtRatio(m.beta), 'strategy-beta'),
      stat('Information ratio', fmtRatio(m.informationRatio), 'strategy-information-ratio'),
      stat('Sharpe', fmtRatio(m.sharpe), 'strategy-sharpe'),
      stat('Sortino', fmtRatio(m.sortino), 'strategy-sortino'),
      stat('Max DD', fmtPct(m.maxDrawdown), 'strategy-maxdd'),
      stat('Trades', fmtNumber(m.trades), 'strategy-trades'),
      stat('Win rate', fmtPct(m.winRate), 'strategy-winrate'),
      stat('Profit factor', fmtRatio(m.profitFactor), 'strategy-profit-factor'),
      stat('Bars', fmtNumber(s.barsProcessed)),
      stat('Last bar', fmtTime(s.lastBarTime), 'strategy-last-bar'));
    replace(risk,
      stat('VaR 95 (daily)', fmtPct(m.valueAtRisk95), 'strategy-var'),
      stat('CVaR 95 (daily)', fmtPct(m.conditionalValueAtRisk95), 'strategy-cvar'),
      stat('CAGR', fmtPct(m.cagr), 'strategy-cagr'),
      stat('Calmar', fmtRatio(m.calmar), 'strategy-calmar'),
      stat('Volatility', fmtPct(m.volatility), 'strategy-volatility'),
      stat('Exposure', fmtPct(m.exposure), 'strategy-exposure'),
      stat('Expectancy', fmtMoney(m.expectancy), 'strategy-expectancy', signClass(m.expectancy)),
      stat('Fees', fmtMoney(m.fees), 'strategy-fees'),
      stat('Correlation', fmtRatio(m.correlation)),
      stat('Tracking error', fmtPct(m.trackingError)),
      stat('Up capture', fmtRatio(m.upCapture)),
      stat('Down capture', fmtRatio(m.downCapture)));
    if (s.spec) spec.textContent = s.spec;
    const row = metricsBody.querySelector('[data-testid="alltime-row"]');
    const fresh = allTimeRow(m);
    if (row) row.replaceWith(fresh);
    else metricsBody.prepend(fresh);
  }

  function allTimeRow(m) {
    return h('tr.alltime', { testid: 'alltime-row' }, h('th', { scope: 'row' }, 'all time'),
      METRIC_COLUMNS.map((c) => metricCell(c, m, `alltime-${c.key}`)));
  }

  // Metrics table: the all-time row first, then the chosen level's periods, newest first, METRICS_PAGE a page.
  let periods = [];
  let metricsPageIndex = 0;
  async function loadMetrics() {
    const level = levelSelect.value;
    try {
      const [r, snap] = await Promise.all([level === 'all_time' ? null : api.metrics(id, level), api.metrics(id, 'all_time')]);
      if (disposed || levelSelect.value !== level) return;
      allTimeSnapshot = snap?.periods?.[0] ?? allTimeSnapshot;
      periods = r ? [...(r.periods ?? [])].reverse() : [];
      renderMetrics();
    } catch (err) {
      replace(metricsBody, h('tr', {}, h('td.neg', { colspan: METRIC_COLUMNS.length + 1 }, 'Failed to load metrics.')));
      reportError(`loading ${level} metrics`, err);
    }
  }
  function renderMetrics() {
    const level = levelSelect.value;
    const pages = Math.max(1, Math.ceil(periods.length / METRICS_PAGE));
    metricsPageIndex = Math.min(metricsPageIndex, pages - 1);
    const slice = periods.slice(metricsPageIndex * METRICS_PAGE, (metricsPageIndex + 1) * METRICS_PAGE);
    replace(metricsBody,
      allTimeRow(allTimeFigures(allTimeSnapshot, lastSummary)),
      level !== 'all_time' && !slice.length ? h('tr', {}, h('td.muted', { colspan: METRIC_COLUMNS.length + 1 }, `No ${level} buckets yet.`)) : null,
      slice.map((m) => h('tr', { testid: 'metrics-row' },
        h('td', {}, periodLabel(m.period, level), m.isClosed === false ? h('span.muted', {}, ' (open)') : null),
        METRIC_COLUMNS.map((c) => metricCell(c, m)))));
    metricsPage.textContent = level === 'all_time' ? '' : `${metricsPageIndex + 1} / ${pages} (${fmtNumber(periods.length)} periods)`;
    metricsPrev.disabled = metricsPageIndex === 0;
    metricsNext.disabled = metricsPageIndex >= pages - 1;
    renderFigures();
  }
  levelSelect.addEventListener('change', () => { metricsPageIndex = 0; loadMetrics(); });
  metricsPrev.addEventListener('click', () => { metricsPageIndex--; renderMetrics(); });
  metricsNext.addEventListener('click', () => { metricsPageIndex++; renderMetrics(); });
  // Pushes: the header and the all-time row change at once from the summary; the rest of the table follows.
  const refreshMetrics = coalesce(loadMetrics, 1000);
  cleanups.push(() => refreshMetrics.cancel());

  function renderPositions(list) {
    const rows = (list ?? []).filter((p) => Number(p.quantity) !== 0 || p.openTrade);
    if (!rows.length) {
      replace(positionsBody, h('tr', {}, h('td.muted', { colspan: 7 }, 'Flat: no open positions.')));
      return;
    }
    replace(positionsBody, rows.map((p) => h('tr', { testid: 'position-row' },
      h('td', {}, positionInstrument(p.id)),
      h('td.num', { class: signClass(p.quantity) }, fmtNumber(p.quantity)),
      h('td.num', {}, fmtPrice(p.averagePrice)),
      h('td.num', {}, fmtPrice(p.lastPrice)),
      h('td.num', { class: signClass(p.unrealizedPnl) }, fmtMoney(p.unrealizedPnl)),
      h('td.num', { class: signClass(p.realizedPnl) }, fmtMoney(p.realizedPnl)),
      h('td.num', {}, fmtMoney(p.fees)))));
  }

  // Equity: one map by time, fed by the REST curve and the pushes; the derived panels are redrawn from it.
  function mergeEquity(points, full) {
    let ordered = !full;
    const last = curve.size ? Math.max(...curve.keys()) : -Infinity;
    for (const p of points ?? []) {
      const t = toChartTime(p.time);
      if (t < last) ordered = false;
      curve.set(t, { time: p.time, equity: p.equity, benchmark: p.benchmarkEquity ?? null, drawdown: p.drawdown ?? 0 });
    }
    const e = (points ?? []).map((p) => ({ time: p.time, value: p.equity }));
    const b = (points ?? []).filter((p) => p.benchmarkEquity !== null && p.benchmarkEquity !== undefined).map((p) => ({ time: p.time, value: p.benchmarkEquity }));
    if (full) { equity.set(e); benchmark.set(b); } else { equity.merge(e); benchmark.merge(b); }
    const dd = (p) => ({ time: toChartTime(p.time), value: -Math.abs(p.drawdown ?? 0) * 100 });
    if (ordered) for (const p of [...(points ?? [])].sort((x, y) => Date.parse(x.time) - Date.parse(y.time))) drawdown.update(dd(p));
    else drawdown.setData([...curve.entries()].sort((x, y) => x[0] - y[0]).map(([, p]) => dd(p)));
    drawdownEl.dataset.points = String(curve.size);
    equityEl.dataset.benchmarkPoints = String(benchmark.size);
    if (e.length) {
      equityChart.timeScale().fitContent();
      ddChart.timeScale().fitContent();
      derived.call();
    }
  }

  // Daily P&L, monthly heatmap and return distribution from the end-of-day equity (at most twice a second).
  const derived = coalesce(() => {
    if (disposed) return;
    const sorted = [...curve.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => ({ time: p.time, value: p.equity }));
    const eod = endOfDay(sorted);
    const start = capital ?? (eod.length ? eod[0].value : null);
    const days = dailyChanges(eod, start);
    dailyBars.setData(days.map((d) => ({ time: toChartTime(`${d.date}T00:00:00Z`), value: d.change, color: d.change >= 0 ? 'rgba(63,185,80,0.8)' : 'rgba(248,81,73,0.8)' })));
    dailyChart.timeScale().fitContent();
    dailyEl.dataset.points = String(days.length);
    renderDistribution(days.map((d) => d.ret));
    renderHeatmap(monthlyReturns(eod, start));
  }, 500);
  cleanups.push(() => derived.cancel());

  function renderDistribution(returns) {
    const bins = histogram(returns, 41);
    distEl.dataset.count = String(returns.length);
    if (!bins.length) {
      replace(distEl, h('p.muted', {}, 'No daily returns yet.'));
      return;
    }
    const max = Math.max(...bins.map((b) => b.count));
    const W = 400; const H = 180; const bw = W / bins.length;
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', `0 0 ${W} ${H + 18}`);
    svg.setAttribute('preserveAspectRatio', 'none');
    bins.forEach((b, i) => {
      const r = document.createElementNS(ns, 'rect');
      const bh = max ? (b.count / max) * H : 0;
      r.setAttribute('x', String(i * bw + 0.5));
      r.setAttribute('y', String(H - bh));
      r.setAttribute('width', String(Math.max(0.5, bw - 1)));
      r.setAttribute('height', String(bh));
      r.setAttribute('fill', (b.from + b.to) / 2 >= 0 ? '#3fb950' : '#f85149');
      const t = document.createElementNS(ns, 'title');
      t.textContent = `${fmtPct(b.from)} to ${fmtPct(b.to)}: ${b.count} days`;
      r.append(t);
      svg.append(r);
    });
    const label = (x, text, anchor) => {
      const t = document.createElementNS(ns, 'text');
      t.setAttribute('x', String(x)); t.setAttribute('y', String(H + 14)); t.setAttribute('text-anchor', anchor);
      t.setAttribute('fill', '#8b949e'); t.setAttribute('font-size', '11');
      t.textContent = text;
      svg.append(t);
    };
    label(0, fmtPct(bins[0].from), 'start');
    label(W, fmtPct(bins[bins.length - 1].to), 'end');
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    replace(distEl, svg, h('p.muted.small', {}, `${fmtNumber(returns.length)} daily returns · mean ${fmtPct(mean)} · `,
      `worst ${fmtPct(Math.min(...returns))} · best ${fmtPct(Math.max(...returns))}`));
  }

  function renderHeatmap(months) {
    const years = [...new Set([...months.keys()].map((k) => k.slice(0, 4)))].sort().reverse();
    heatmap.dataset.months = String(months.size);
    if (!years.length) {
      replace(heatmap, h('p.muted', {}, 'No monthly returns yet.'));
      return;
    }
    const cell = (v) => {
      if (v === undefined) return h('td.heat', {}, '');
      const a = Math.min(1, Math.abs(v) / 0.1);
      const bg = v >= 0 ? `rgba(63,185,80,${0.12 + 0.6 * a})` : `rgba(248,81,73,${0.12 + 0.6 * a})`;
      return h('td.heat.num', { style: `background:${bg}`, title: fmtPct(v) }, (v * 100).toFixed(1));
    };
    replace(heatmap, h('table.heatmap', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Year'), MONTHS.map((m) => h('th.num', {}, m)), h('th.num', {}, 'Year'))),
      h('tbody', {}, years.map((y) => {
        const vals = MONTHS.map((_, i) => months.get(`${y}-${String(i + 1).padStart(2, '0')}`));
        const total = vals.filter((v) => v !== undefined).reduce((acc, v) => acc * (1 + v), 1) - 1;
        return h('tr', { testid: 'heatmap-year', 'data-year': y }, h('th', { scope: 'row' }, y), vals.map(cell), cell(total));
      }))));
  }

  // Trades: every trade in one map (REST pages + join state + pushes, merged by key); sorted, filtered and paged here.
  let tradePage = 0;
  function addTrades(list, openTrade, replaceOpen) {
    if (replaceOpen) for (const [k, t] of trades) if (!t.exitTime) trades.delete(k);
    for (const t of list ?? []) trades.set(tradeKey(t), t);
    if (openTrade) trades.set(tradeKey(openTrade), openTrade);
    renderMarkers();
    renderTrades();
  }
  /** Trades in order (entry time, then exit), numbered, with the cumulative P&L of the closed ones. */
  function orderedTrades() {
    const list = [...trades.values()].sort((a, b) => Date.parse(a.entryTime) - Date.parse(b.entryTime)
      || (a.exitTime ? Date.parse(a.exitTime) : Infinity) - (b.exitTime ? Date.parse(b.exitTime) : Infinity));
    let cum = 0;
    return list.map((t, i) => {
      if (t.exitTime) cum += t.pnl;
      return { ...t, n: i + 1, cumPnl: t.exitTime ? cum : null };
    });
  }
  function filteredTrades() {
    const side = sideFilter.value;
    const result = resultFilter.value;
    const text = textFilter.value.trim().toLowerCase();
    return orderedTrades().filter((t) => (!side || enumText(t.side) === side)
      && (!result || (result === 'open' ? !t.exitTime : result === 'win' ? t.exitTime && t.pnl > 0 : t.exitTime && t.pnl < 0))
      && (!text || `${symbolOf(t.instrument)} ${t.entryTime} ${t.exitTime ?? ''} ${enumText(t.exitReason)}`.toLowerCase().includes(text)));
  }
  function renderTrades() {
    const col = TRADE_COLUMNS.find((c) => c.key === tradeSort.key) ?? TRADE_COLUMNS[0];
    const rows = filteredTrades().sort((a, b) => {
      const x = col.value(a); const y = col.value(b);
      if (x === y) return a.n - b.n;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      const c = typeof x === 'string' ? x.localeCompare(y) : x - y;
      return tradeSort.desc ? -c : c;
    });
    for (const th of tradesHead.children) {
      th.setAttribute('aria-sort', th.dataset.key === tradeSort.key ? (tradeSort.desc ? 'descending' : 'ascending') : 'none');
    }
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    tradePage = Math.min(tradePage, pages - 1);
    const slice = rows.slice(tradePage * PAGE_SIZE, (tradePage + 1) * PAGE_SIZE);
    tradesBody.dataset.count = String(slice.length);
    tradesBody.dataset.total = String(trades.size);
    tradesCount.textContent = `${fmtNumber(rows.length)} of ${fmtNumber(trades.size)} trades`;
    pageLabel.textContent = `page ${tradePage + 1} / ${pages}`;
    prevBtn.disabled = tradePage === 0;
    nextBtn.disabled = tradePage >= pages - 1;
    if (!slice.length) {
      replace(tradesBody, h('tr', {}, h('td.muted', { colspan: TRADE_COLUMNS.length }, trades.size ? 'No trades match the filter.' : 'No trades yet.')));
      return;
    }
    markOnce('strategy-trades');
    replace(tradesBody, slice.map((t) => h('tr', { testid: 'trade-row', class: t.exitTime ? '' : 'open' },
      TRADE_COLUMNS.map((c) => {
        if (c.key === 'side') return h('td', {}, h('span.badge', { class: enumText(t.side) }, enumText(t.side)));
        if (c.key === 'exitTime' && !t.exitTime) return h('td', {}, h('span.badge.open', {}, 'open'));
        const v = c.value(t);
        const text = c.fmt ? c.fmt(c.key === 'n' ? t.n : t[c.key] ?? v, t) : (v ?? '—');
        return h(c.num ? 'td.num' : 'td', { class: c.signed ? signClass(t[c.key]) : '' }, text);
      }))));
  }
  tradesHead.addEventListener('click', (e) => {
    const key = e.target.closest('button.sort')?.dataset.key;
    if (!key) return;
    tradeSort = { key, desc: key === tradeSort.key ? !tradeSort.desc : key !== 'instrument' && key !== 'side' };
    tradePage = 0;
    renderTrades();
  });
  for (const el of [sideFilter, resultFilter]) el.addEventListener('change', () => { tradePage = 0; renderTrades(); });
  textFilter.addEventListener('input', () => { tradePage = 0; renderTrades(); });
  prevBtn.addEventListener('click', () => { tradePage--; renderTrades(); });
  nextBtn.addEventListener('click', () => { tradePage++; renderTrades(); });
  exportBtn.addEventListener('click', () => {
    const rows = filteredTrades();
    download(`${id}-trades.csv`, toCsv(
      ['strategy', 'instrument', 'side', 'entryTime', 'entryPrice', 'exitTime', 'exitPrice', 'quantity', 'pnl', 'return', 'fees', 'mae', 'mfe', 'cumulativePnl', 'holdingTime', 'exitReason'],
      rows.map((t) => [id, symbolOf(t.instrument), t.side, t.entryTime, t.entryPrice, t.exitTime, t.exitPrice, t.quantity, t.pnl, t.return,
        t.fees, t.mae, t.mfe, t.cumPnl, t.holdingTime, t.exitTime ? t.exitReason : ''])));
  });

  async function loadAllTrades() {
    let cursor = null;
    do {
      const r = await api.trades(id, cursor, TRADE_BATCH);
      if (disposed) return;
      addTrades(r.items ?? []);
      cursor = r.nextCursor ?? null;
    } while (cursor);
  }

  // Go live at once (the join state fills the header, equity, trades and positions), and load: the candles and the
  // trades first (the first meaningful content), then the rest, then the indicators.
  cleanups.push(subscribe([`strategy:${id}`], {
    metrics: (list) => {
      const s = (list ?? []).find((x) => x.id === id);
      if (!s) return;
      lastSummary = s;
      renderFigures();
      refreshMetrics.call();
    },
    equity: (e) => { if (e?.strategyId === id) mergeEquity(e.points, false); },
    trade: (e) => { if (e?.strategyId === id) addTrades(e.trades, e.openTrade, true); },
    position: (e) => { if (e?.strategyId === id) renderPositions(e.positions); },
    // The join state carries only the latest equity mark; pushes bring every later point. When the curve was
    // downloaded before this (re)join, the points in between came in neither: download it again.
    joined: () => {
      markOnce('strategy-joined');
      if (curveLoaded) loadEquity();
    },
  }));
  let curveLoaded = false;
  const loadEquity = () => api.equity(id)
    .then((r) => { if (!disposed) { mergeEquity(r.points, curve.size === 0); curveLoaded = true; } })
    .catch((err) => reportError('loading the equity curve', err));
  const tradesLoaded = loadAllTrades().catch((err) => reportError('loading trades', err));
  (async () => {
    let details;
    try {
      details = await api.strategy(id);
    } catch (err) {
      reportError(`loading strategy '${id}'`, err);
      if (err?.status === 404) replace(header, h('p.neg', { testid: 'not-found' }, `Strategy '${id}' does not exist.`));
      return;
    }
    if (disposed) return;
    const summary = details.summary ?? {};
    if (!lastSummary) {
      lastSummary = { status: details.status, ...summary };
      renderFigures();
    }
    const def = details.definition ?? details.settings ?? {};
    if (def.kind && !summary.spec) spec.textContent = `${def.kind} ${JSON.stringify(def.parameters ?? {})}`;
    capital = typeof def.capital === 'number' ? def.capital : null;
    const instruments = (summary.instruments ?? def.instruments ?? []).map(symbolOf);
    symbol = instruments[0] ?? null;
    timeframe = timeframeText(def.timeframe ?? '1d');
    title.textContent = symbol ? `${id} · ${symbol} ${timeframe}` : id;
    if (symbol) cleanups.push(subscribe([`instrument:${symbol}`], { bar: (e) => { if (e?.symbol === symbol) pushBars(e.bars); } }));
    renderMarkers();

    // A strategy created before its instrument's first bar has no bars or indicators to read yet: they come with the pushes.
    const hasData = symbol !== null && (summary.barsProcessed > 0
      || await hasMarketData(symbol).catch((err) => { reportError(`checking ${symbol} for market data`, err); return true; }));
    if (disposed) return;
    await Promise.all([
      hasData ? api.bars(symbol, timeframe, MAX_BARS).then((b) => !disposed && setBars(b)).catch((err) => reportError(`loading ${symbol} bars`, err)) : null,
      tradesLoaded,
    ]);
    if (disposed) return;
    await Promise.all([
      // The one download of the full curve (daily P&L, distribution and heatmap need every day); the join's latest
      // mark and the pushes merge into it by time.
      loadEquity(),
      api.snapshot(id).then((s) => !disposed && renderPositions(s.positions)).catch((err) => reportError('loading positions', err)),
      loadMetrics(),
    ]);
    if (!disposed && hasData) await loadIndicators();
  })();

  return () => {
    disposed = true;
    for (const c of cleanups.reverse()) c();
  };
}

function stat(label, value, testid, cls) {
  return h('div.stat', { role: 'group', 'aria-label': label }, h('div.stat-label', {}, label), h('div.stat-value', { testid, class: cls }, value));
}

function positionInstrument(id) {
  if (typeof id === 'string') return id.includes(':') ? id.slice(id.lastIndexOf(':') + 1) : id;
  return symbolOf(id?.instrument ?? id);
}

/** A bucket's label ("2020-03", "2020-Q1", "all time") from its period. */
export function periodLabel(period, level) {
  if (!period) return level;
  if (typeof period === 'string') return period;
  if (enumText(period.level).replace('_', '') === 'alltime') return 'all time';
  const s = String(period.start ?? '');
  switch (level) {
    case 'hourly': return `${s.slice(0, 10)} ${s.slice(11, 13)}h`;
    case 'daily': case 'weekly': return s.slice(0, 10);
    case 'monthly': return s.slice(0, 7);
    case 'quarterly': return `${s.slice(0, 4)}-Q${Math.floor((Number(s.slice(5, 7)) - 1) / 3) + 1}`;
    case 'yearly': return s.slice(0, 4);
    default: return s;
  }
}

/** TimeSpan JSON ("1.02:03:04" or "02:03:04") or seconds → seconds. */
function holdingSeconds(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  const m = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(String(v));
  return m ? Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]) : null;
}

/** TimeSpan JSON ("1.02:03:04" or "02:03:04") or seconds → "1d 2h" etc. */
function holding(v) {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return fmtDuration(v);
  const m = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(String(v));
  if (!m) return String(v);
  const days = Number(m[1] ?? 0);
  const hours = Number(m[2]);
  return days ? `${days}d${hours ? ` ${hours}h` : ''}` : fmtDuration(hours * 3600 + Number(m[3]) * 60 + Number(m[4]));
}
