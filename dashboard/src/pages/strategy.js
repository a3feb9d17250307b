// Strategy page: candlestick chart with trade markers and indicator overlays, equity and drawdown charts, metrics
// by bucket level, positions, and a cursor-paged trades table; live through strategy:{id} and instrument:{symbol}.
import { CandlestickSeries, LineSeries, createSeriesMarkers } from 'lightweight-charts';
import { api } from '../api.js';
import { makeChart, timeSeries } from '../charts.js';
import { h, replace } from '../dom.js';
import { reportError } from '../errors.js';
import { enumText, fmtDuration, fmtMoney, fmtNumber, fmtPct, fmtPrice, fmtRatio, fmtTime, signClass, toChartTime } from '../format.js';
import { subscribe } from '../hub.js';
import { link } from '../router.js';
import { hasMarketData } from '../control-api.js';
import { strategyControls } from './strategy-controls.js';

export const LEVELS = ['hourly', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'all_time'];
const PAGE_SIZE = 20;
const MAX_BARS = 10000;
const VISIBLE_BARS = 260;
const MAX_MARKER_TRADES = 1000;
const OVERLAY_COLORS = ['#f2cc60', '#d2a8ff', '#56d4dd', '#ff9bce', '#7ee787', '#ffa657'];
/** Indicator columns drawn on their own scale under the price (oscillators), by name prefix. */
const OSCILLATORS = /^(rsi|macd|stoch|atr|adx|cci|roc|mom|obv)/i;

const symbolOf = (x) => (typeof x === 'string' ? x : x?.symbol ?? String(x));
/** Timeframe text ("1d") from either form the API uses ("1d" in definitions, the enum name "OneDay" in bars). */
const TIMEFRAME_NAMES = { oneminute: '1m', fiveminutes: '5m', fifteenminutes: '15m', onehour: '1h', oneday: '1d' };
const timeframeText = (t) => TIMEFRAME_NAMES[enumText(t)] ?? String(t ?? '');

/** Renders the page of strategy id into root; returns a dispose function. */
export function strategyPage(root, id) {
  let disposed = false;
  const cleanups = [];
  const header = h('div.stats', { testid: 'strategy-summary' });
  const title = h('h2', { testid: 'strategy-title' }, id);
  const spec = h('p.muted', { testid: 'strategy-spec' });

  const priceEl = h('div.chart.tall', { testid: 'price-chart' });
  const indicatorInput = h('input', { testid: 'indicator-set', 'aria-label': 'indicators', value: 'sma:50,sma:200', size: 24 });
  const indicatorBtn = h('button.secondary', { type: 'button', testid: 'indicator-apply' }, 'Apply');
  const equityEl = h('div.chart', { testid: 'strategy-equity-chart' });
  const drawdownEl = h('div.chart.short', { testid: 'drawdown-chart' });
  const levelSelect = h('select', { testid: 'metrics-level', 'aria-label': 'bucket level' },
    LEVELS.map((l) => h('option', { value: l, selected: l === 'monthly' }, l)));
  const metricsBody = h('tbody', { testid: 'metrics-body' });
  const positionsBody = h('tbody', { testid: 'positions-body' });
  const tradesBody = h('tbody', { testid: 'trades-body' });
  const prevBtn = h('button.secondary', { type: 'button', testid: 'trades-prev', disabled: true }, '‹ Prev');
  const nextBtn = h('button.secondary', { type: 'button', testid: 'trades-next', disabled: true }, 'Next ›');
  const pageLabel = h('span.muted', { testid: 'trades-page' }, 'page 1');

  const controls = strategyControls(id);
  cleanups.push(controls.dispose);
  replace(root,
    h('p.crumbs', {}, link('/', '← Overview')),
    h('section.card', {}, title, spec, controls.el, header),
    h('section.card', {},
      h('div.card-head', {}, h('h2', {}, 'Price'), h('div.inline-form', {}, h('label', {}, 'Indicators ', indicatorInput), indicatorBtn)),
      priceEl,
      h('div.legend-row', {},
        h('div.legend', { testid: 'indicator-legend' }),
        h('div.legend.muted', {}, h('span.pos', {}, '▲'), ' long entry ', h('span.neg', {}, '▼'), ' short entry ',
          h('span', { style: 'color:#58a6ff' }, '●'), ' exit with gain ', h('span', { style: 'color:#f0883e' }, '●'), ' exit with loss'))),
    h('div.grid-2', {},
      h('section.card', {}, h('h2', {}, 'Equity'), equityEl),
      h('section.card', {}, h('h2', {}, 'Drawdown'), drawdownEl)),
    h('section.card', {},
      h('div.card-head', {}, h('h2', {}, 'Metrics'), h('label', {}, 'Level ', levelSelect)),
      h('div.table-wrap', {}, h('table', { testid: 'metrics-table' },
        h('thead', {}, h('tr', {}, ['Period', 'Trades', 'Win rate', 'Realized P&L', 'Net P&L', 'Return', 'Excess return', 'Beta', 'Sharpe', 'Sortino', 'Max DD', 'Profit factor', 'End equity']
          .map((t, i) => h(i ? 'th.num' : 'th', {}, t)))),
        metricsBody))),
    h('section.card', {},
      h('h2', {}, 'Positions'),
      h('div.table-wrap', {}, h('table', { testid: 'positions-table' },
        h('thead', {}, h('tr', {}, ['Instrument', 'Quantity', 'Avg price', 'Last price', 'Unrealized', 'Realized', 'Fees']
          .map((t, i) => h(i ? 'th.num' : 'th', {}, t)))),
        positionsBody))),
    h('section.card', {},
      h('div.card-head', {}, h('h2', {}, 'Trades'), h('div.pager', {}, prevBtn, pageLabel, nextBtn)),
      h('div.table-wrap', {}, h('table', { testid: 'trades-table' },
        h('thead', {}, h('tr', {}, ['Instrument', 'Side', 'Entry', 'Entry price', 'Exit', 'Exit price', 'Qty', 'P&L', 'Return', 'Held']
          .map((t, i) => h(i > 1 && i !== 2 && i !== 4 ? 'th.num' : 'th', {}, t)))),
        tradesBody))));

  // Charts
  const priceChart = makeChart(priceEl);
  const candles = priceChart.addSeries(CandlestickSeries, {
    upColor: '#3fb950', downColor: '#f85149', borderVisible: false, wickUpColor: '#3fb950', wickDownColor: '#f85149',
  });
  const markers = createSeriesMarkers(candles, []);
  let overlays = [];
  const equityChart = makeChart(equityEl);
  const equity = timeSeries(equityEl, equityChart, 'area', {
    lineColor: '#58a6ff', topColor: 'rgba(88,166,255,0.35)', bottomColor: 'rgba(88,166,255,0.02)', lineWidth: 2,
  });
  // Drawdown in percent below zero (-35 = 35 % under the running peak).
  const ddChart = makeChart(drawdownEl, { localization: { priceFormatter: (v) => `${v.toFixed(1)} %` } });
  const drawdown = timeSeries(drawdownEl, ddChart, 'area', {
    lineColor: '#f85149', topColor: 'rgba(248,81,73,0.02)', bottomColor: 'rgba(248,81,73,0.4)', lineWidth: 1,
  });
  cleanups.push(() => priceChart.remove(), () => equityChart.remove(), () => ddChart.remove());

  /** @type {Map<number, object>} bars by open time (s) */
  const bars = new Map();
  /** @type {Map<string, object>} trades for markers, by instrument|entryTime */
  const markerTrades = new Map();
  let symbol = null;
  let timeframe = '1d';

  const publishBars = () => { priceEl.dataset.bars = String(bars.size); };
  const candle = (b) => ({ time: toChartTime(b.openTime), open: b.open, high: b.high, low: b.low, close: b.close });

  function setBars(list) {
    bars.clear();
    for (const b of list ?? []) if (symbolOf(b.instrument) === symbol || b.instrument === undefined) bars.set(toChartTime(b.openTime), candle(b));
    candles.setData([...bars.values()].sort((a, b) => a.time - b.time));
    publishBars();
    renderMarkers();
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
  }

  // Entries: green arrow up (long) / red arrow down (short); exits: a circle, blue for a gain, orange for a loss.
  // Markers before the first loaded bar are left out (the chart would pin them to it).
  function renderMarkers() {
    const list = [];
    const first = bars.size ? Math.min(...bars.keys()) : Infinity;
    for (const t of markerTrades.values()) {
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

  function addMarkerTrades(list) {
    for (const t of list ?? []) markerTrades.set(`${symbolOf(t.instrument)}|${t.entryTime}`, t);
    renderMarkers();
  }

  async function loadIndicators() {
    for (const s of overlays) priceChart.removeSeries(s);
    overlays = [];
    const legend = root.querySelector('[data-testid="indicator-legend"]');
    replace(legend);
    const set = indicatorInput.value.trim();
    if (!set || !symbol) return;
    try {
      const r = await api.indicators(symbol, set, timeframe, MAX_BARS);
      if (disposed) return;
      (r.columns ?? []).forEach((col, i) => {
        const osc = OSCILLATORS.test(col);
        const color = OVERLAY_COLORS[i % OVERLAY_COLORS.length];
        const s = priceChart.addSeries(LineSeries, {
          color, lineWidth: 1, priceLineVisible: false, lastValueVisible: false, title: col,
          ...(osc ? { priceScaleId: 'osc' } : {}),
        });
        if (osc) s.priceScale().applyOptions({ scaleMargins: { top: 0.78, bottom: 0 } });
        s.setData((r.rows ?? []).filter((row) => row.values?.[i] !== null && row.values?.[i] !== undefined)
          .map((row) => ({ time: toChartTime(row.time), value: row.values[i] })));
        overlays.push(s);
        legend.append(h('span.legend-item', { testid: 'indicator-series' }, h('span.swatch', { style: `background:${color}` }), col));
      });
      priceEl.dataset.overlays = String(overlays.length);
    } catch (err) {
      reportError(`loading indicators '${set}'`, err);
    }
  }
  indicatorBtn.addEventListener('click', loadIndicators);
  indicatorInput.addEventListener('keydown', (e) => { if (e.key === 'Enter') loadIndicators(); });

  function renderSummary(s) {
    if (!s) return;
    replace(header,
      stat('Status', enumText(s.status) || '—', 'strategy-status'),
      stat('Equity', fmtMoney(s.equity), 'strategy-equity'),
      stat('Net P&L', fmtMoney(s.netPnl), 'strategy-netpnl', signClass(s.netPnl)),
      stat('Return', fmtPct(s.totalReturn), null, signClass(s.totalReturn)),
      stat(s.benchmark ? `Excess vs ${s.benchmark}` : 'Excess return', fmtPct(s.excessReturn), 'strategy-excess', signClass(s.excessReturn)),
      stat('Alpha', fmtPct(s.alpha)),
      stat('Beta', fmtRatio(s.beta)),
      stat('Sharpe', fmtRatio(s.sharpe)),
      stat('Sortino', fmtRatio(s.sortino)),
      stat('Max DD', fmtPct(s.maxDrawdown)),
      stat('Trades', fmtNumber(s.trades), 'strategy-trades'),
      stat('Win rate', fmtPct(s.winRate)),
      stat('Profit factor', fmtRatio(s.profitFactor)),
      stat('Bars', fmtNumber(s.barsProcessed)),
      stat('Last bar', fmtTime(s.lastBarTime)));
    if (s.spec) spec.textContent = s.spec;
  }

  function setEquity(points, merge) {
    const e = (points ?? []).map((p) => ({ time: p.time, value: p.equity }));
    const d = (points ?? []).map((p) => ({ time: p.time, value: -Math.abs(p.drawdown ?? 0) * 100 }));
    if (merge) {
      equity.merge(e);
      drawdown.merge(d);
      if (e.length) {
        equityChart.timeScale().fitContent();
        ddChart.timeScale().fitContent();
      }
    } else {
      equity.set(e);
      drawdown.set(d);
      equityChart.timeScale().fitContent();
      ddChart.timeScale().fitContent();
    }
  }

  async function loadMetrics() {
    const level = levelSelect.value;
    replace(metricsBody, h('tr', {}, h('td.muted', { colspan: 13 }, 'Loading…')));
    try {
      const r = await api.metrics(id, level);
      if (disposed || levelSelect.value !== level) return;
      const periods = [...(r.periods ?? [])].reverse().slice(0, 200);
      if (!periods.length) {
        replace(metricsBody, h('tr', {}, h('td.muted', { colspan: 13 }, `No ${level} buckets yet.`)));
        return;
      }
      replace(metricsBody, periods.map((m) => h('tr', { testid: 'metrics-row' },
        h('td', {}, periodLabel(m.period, level), m.isClosed === false ? h('span.muted', {}, ' (open)') : null),
        h('td.num', {}, fmtNumber(m.trades)),
        h('td.num', {}, fmtPct(m.winRate)),
        h('td.num', { class: signClass(m.realizedPnl) }, fmtMoney(m.realizedPnl)),
        h('td.num', { class: signClass(m.netPnl) }, fmtMoney(m.netPnl)),
        h('td.num', { class: signClass(m.totalReturn) }, fmtPct(m.totalReturn)),
        h('td.num', { class: signClass(m.excessReturn) }, fmtPct(m.excessReturn)),
        h('td.num', {}, fmtRatio(m.beta)),
        h('td.num', {}, fmtRatio(m.sharpe)),
        h('td.num', {}, fmtRatio(m.sortino)),
        h('td.num', {}, fmtPct(m.maxDrawdown)),
        h('td.num', {}, fmtRatio(m.profitFactor)),
        h('td.num', {}, fmtMoney(m.endEquity)))));
    } catch (err) {
      replace(metricsBody, h('tr', {}, h('td.neg', { colspan: 13 }, 'Failed to load metrics.')));
      reportError(`loading ${level} metrics`, err);
    }
  }
  levelSelect.addEventListener('change', loadMetrics);

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

  // Trades: oldest first, cursor paging; cursors[i] is the cursor of page i (page 0 has none).
  const cursors = [null];
  let pageIndex = 0;
  let nextCursor = null;
  let tradesLoading = false;
  async function loadTrades() {
    tradesLoading = true;
    prevBtn.disabled = true;
    nextBtn.disabled = true;
    try {
      const r = await api.trades(id, cursors[pageIndex], PAGE_SIZE);
      if (disposed) return;
      nextCursor = r.nextCursor ?? null;
      renderTrades(r.items ?? []);
    } catch (err) {
      replace(tradesBody, h('tr', {}, h('td.neg', { colspan: 10 }, 'Failed to load trades.')));
      reportError('loading trades', err);
    } finally {
      tradesLoading = false;
      prevBtn.disabled = pageIndex === 0;
      nextBtn.disabled = !nextCursor;
      pageLabel.textContent = `page ${pageIndex + 1}`;
    }
  }
  function renderTrades(items) {
    tradesBody.dataset.count = String(items.length);
    if (!items.length) {
      replace(tradesBody, h('tr', {}, h('td.muted', { colspan: 10 }, pageIndex ? 'No more trades.' : 'No trades yet.')));
      return;
    }
    replace(tradesBody, items.map((t) => h('tr', { testid: 'trade-row', class: t.exitTime ? '' : 'open' },
      h('td', {}, symbolOf(t.instrument)),
      h('td', {}, h('span.badge', { class: enumText(t.side) }, enumText(t.side))),
      h('td', {}, fmtTime(t.entryTime)),
      h('td.num', {}, fmtPrice(t.entryPrice)),
      h('td', {}, t.exitTime ? fmtTime(t.exitTime) : h('span.badge.open', {}, 'open')),
      h('td.num', {}, fmtPrice(t.exitPrice)),
      h('td.num', {}, fmtNumber(t.quantity)),
      h('td.num', { class: signClass(t.pnl) }, fmtMoney(t.pnl)),
      h('td.num', { class: signClass(t.return) }, fmtPct(t.return)),
      h('td.num', {}, holding(t.holdingTime)))));
  }
  prevBtn.addEventListener('click', () => { if (pageIndex > 0) { pageIndex--; loadTrades(); } });
  nextBtn.addEventListener('click', () => {
    if (!nextCursor) return;
    cursors[pageIndex + 1] = nextCursor;
    pageIndex++;
    loadTrades();
  });
  let tradesRefresh = 0;
  function onLiveTrades() {
    // Only the last page (no next cursor) shows the newest trades; refresh it at most twice a second.
    if (nextCursor || tradesRefresh) return;
    tradesRefresh = setTimeout(() => { tradesRefresh = 0; if (!disposed && !tradesLoading) loadTrades(); }, 500);
  }
  cleanups.push(() => clearTimeout(tradesRefresh));

  // Load, then go live.
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
    renderSummary({ status: details.status, ...summary });
    const def = details.definition ?? details.settings ?? {};
    if (def.kind && !summary.spec) spec.textContent = `${def.kind} ${JSON.stringify(def.parameters ?? {})}`;
    const instruments = (summary.instruments ?? def.instruments ?? []).map(symbolOf);
    symbol = instruments[0] ?? null;
    timeframe = timeframeText(def.timeframe ?? '1d');
    title.textContent = symbol ? `${id} · ${symbol} ${timeframe}` : id;

    const groups = [`strategy:${id}`];
    if (symbol) groups.push(`instrument:${symbol}`);
    const unsubscribe = subscribe(groups, {
      metrics: (list) => { const s = (list ?? []).find((x) => x.id === id); if (s) renderSummary(s); },
      equity: (e) => { if (e?.strategyId === id) setEquity(e.points, true); },
      trade: (e) => {
        if (e?.strategyId !== id) return;
        addMarkerTrades([...(e.trades ?? []), ...(e.openTrade ? [e.openTrade] : [])]);
        if (e.trades?.length) onLiveTrades();
      },
      position: (e) => { if (e?.strategyId === id) renderPositions(e.positions); },
      bar: (e) => { if (e?.symbol === symbol) pushBars(e.bars); },
    });
    cleanups.push(unsubscribe);

    // A strategy created before its instrument's first bar has no bars or indicators to read yet: they come with the pushes.
    const hasData = symbol !== null && (summary.barsProcessed > 0
      || await hasMarketData(symbol).catch((err) => { reportError(`checking ${symbol} for market data`, err); return true; }));
    const tasks = [
      hasData ? api.bars(symbol, timeframe, MAX_BARS).then((b) => !disposed && setBars(b)).catch((err) => reportError(`loading ${symbol} bars`, err)) : null,
      api.equity(id, 2000).then((r) => !disposed && setEquity(r.points, false)).catch((err) => reportError('loading the equity curve', err)),
      api.snapshot(id).then((s) => !disposed && renderPositions(s.positions)).catch((err) => reportError('loading positions', err)),
      api.trades(id, null, MAX_MARKER_TRADES).then((r) => !disposed && addMarkerTrades(r.items)).catch((err) => reportError('loading trade markers', err)),
      loadMetrics(),
      loadTrades(),
    ];
    await Promise.all(tasks);
    if (!disposed && hasData) await loadIndicators();
  })();

  return () => {
    disposed = true;
    for (const c of cleanups.reverse()) c();
  };
}

function stat(label, value, testid, cls) {
  return h('div.stat', {}, h('div.stat-label', {}, label), h('div.stat-value', { testid, class: cls }, value));
}

function positionInstrument(id) {
  if (typeof id === 'string') return id.includes(':') ? id.slice(id.lastIndexOf(':') + 1) : id;
  return symbolOf(id?.instrument ?? id);
}

function periodLabel(period, level) {
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
