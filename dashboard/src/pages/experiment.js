// Experiment page (/experiments/{id}): both arms side by side, their equity normalised to the same start, the daily
// difference of their returns with the mean's 95 % confidence interval, the p-values, the Sharpe test, the days needed
// for significance and a plain-language verdict. The statistics are the API's (GET /experiments/{id}, then the
// experiment:{id} pushes, latest wins); the curves are the arms' REST equity curves.
import { HistogramSeries, LineSeries } from 'lightweight-charts';
import { api } from '../api.js';
import { makeChart } from '../charts.js';
import { h, replace } from '../dom.js';
import { reportError } from '../errors.js';
import { enumText, fmtMoney, fmtNumber, fmtPct, fmtRatio, toChartTime } from '../format.js';
import { subscribe } from '../hub.js';
import { link } from '../router.js';
import { coalesce, endOfDay } from '../stats.js';

const ALPHA = 0.05;
/** A p-value with enough digits to read small ones ("0.0004", "< 0.0001"). */
export const fmtP = (p) => (p === null || p === undefined ? '—' : p < 0.0001 ? '< 0.0001' : p.toFixed(4));
/** A daily return difference in basis points ("+1.23 bp"). */
const fmtBp = (v) => (v === null || v === undefined ? '—' : `${v >= 0 ? '+' : ''}${(v * 10000).toFixed(2)} bp`);

/**
 * The verdict in plain words; never claims more than the test says: significance is evidence of a difference over
 * the days seen, not proof that it lasts, and no significance is not proof the arms are equal.
 * @param {any} r ExperimentResult
 * @param {string} status Running or Stopped
 */
export function verdict(r, status) {
  const running = enumText(status) === 'running';
  if (!r || !r.days) return { significant: false, text: 'No paired days yet: nothing can be said about the two versions.' };
  const days = `${fmtNumber(r.days)} paired day${r.days === 1 ? '' : 's'}`;
  if (r.pValue === null || r.pValue === undefined) {
    return { significant: false, text: `${days} so far: too few (or identical) daily returns for a test; no conclusion yet.` };
  }
  const better = r.meanDifference > 0 ? 'higher' : 'lower';
  const ci = `95 % interval ${fmtBp(r.ciLow)} to ${fmtBp(r.ciHigh)} a day`;
  if (r.pValue < ALPHA) {
    return {
      significant: true,
      text: `Over ${days}, the treatment's mean daily return was ${better} than the control's by ${fmtBp(Math.abs(r.meanDifference))} (${ci}; p = ${fmtP(r.pValue)}). `
        + 'A difference this large would be unlikely if the versions performed the same, so this is evidence of a real difference over this period, '
        + `not a guarantee that it persists${running ? ' (the experiment is still running)' : ''}.`,
    };
  }
  const needed = r.daysNeeded === null || r.daysNeeded === undefined ? ''
    : r.daysNeeded > r.days
      ? ` If the true difference were as large as the one seen, about ${fmtNumber(r.daysNeeded)} paired days would be needed to detect it reliably (${fmtNumber(r.days)} so far).`
      : ` The difference seen is small next to the day-to-day noise; more days may still change the picture.`;
  return {
    significant: false,
    text: `No significant difference over ${days} (p = ${fmtP(r.pValue)}; ${ci}, which includes zero): the data do not show either version to be better, `
      + `and they do not show them to be equal either.${needed}`,
  };
}

/** Renders experiment id into root; returns a dispose function. */
export function experimentPage(root, id) {
  let disposed = false;
  const cleanups = [];
  const title = h('h2', { testid: 'experiment-title' }, `Experiment ${id}`);
  const meta = h('p.muted', { testid: 'experiment-meta' });
  const verdictEl = h('div.verdict', { testid: 'experiment-verdict', role: 'status' }, 'Loading…');
  const stats = h('div.table-wrap', { testid: 'experiment-stats' });
  const ciEl = h('div.ci', { testid: 'experiment-ci', role: 'img', 'aria-label': 'Mean daily difference with its 95 % confidence interval' });
  const arms = h('div.arms', { testid: 'experiment-arms' });
  const equityEl = h('div.chart', { testid: 'experiment-equity-chart', role: 'img', 'aria-label': 'Arms equity' });
  const diffEl = h('div.chart.short', { testid: 'experiment-diff-chart', role: 'img', 'aria-label': 'Daily difference' });

  replace(root,
    h('p.crumbs', {}, link('/experiments', '← Experiments')),
    h('section.card', { 'aria-label': 'Verdict' }, title, meta, verdictEl, ciEl, stats),
    h('section.card', { 'aria-label': 'Arms' }, h('h2', {}, 'Arms'), arms),
    h('div.grid-2', {},
      h('section.card', { 'aria-label': 'Equity of both arms' }, h('h2', {}, 'Equity (100 at the first paired date)'), equityEl,
        h('div.legend', {}, h('span.legend-item', {}, h('span.swatch', { style: 'background:#8b949e' }), 'control'),
          h('span.legend-item', {}, h('span.swatch', { style: 'background:#58a6ff' }), 'treatment'))),
      h('section.card', { 'aria-label': 'Daily difference' }, h('h2', {}, 'Daily difference (treatment − control), bp'), diffEl)));

  const equityChart = makeChart(equityEl);
  const control = equityChart.addSeries(LineSeries, { color: '#8b949e', lineWidth: 2, priceLineVisible: false, title: 'control' });
  const treatment = equityChart.addSeries(LineSeries, { color: '#58a6ff', lineWidth: 2, priceLineVisible: false, title: 'treatment' });
  const diffChart = makeChart(diffEl);
  const diff = diffChart.addSeries(HistogramSeries, { priceLineVisible: false });
  const meanLine = diffChart.addSeries(LineSeries, { color: '#f2cc60', lineWidth: 1, priceLineVisible: false, lastValueVisible: false, title: 'mean' });
  cleanups.push(() => equityChart.remove(), () => diffChart.remove());

  let snapshot = null;
  let armIds = null;

  function render(s) {
    if (!s) return;
    snapshot = s;
    const r = s.result ?? null;
    const set = s.settings ?? {};
    title.textContent = `Experiment ${set.name ?? s.id}`;
    meta.textContent = `${enumText(s.status)} · control ${set.control} vs treatment ${set.treatment}`
      + (r?.firstDate ? ` · ${r.firstDate} to ${r.lastDate}` : '') + (r ? ` · ${fmtNumber(r.days)} paired days, ${fmtNumber(r.unpairedDays)} unpaired` : '');
    root.dataset.status = enumText(s.status);
    root.dataset.days = String(r?.days ?? 0);
    const v = verdict(r, s.status);
    verdictEl.textContent = v.text;
    verdictEl.classList.toggle('sig', v.significant);
    verdictEl.dataset.significant = String(v.significant);

    const row = (label, key, value, text) => h('tr', {}, h('th', { scope: 'row' }, label), h('td.num', { 'data-key': key, 'data-value': value ?? '' }, text));
    replace(stats, h('table', { 'aria-label': 'Statistics' }, h('tbody', {},
      row('Paired days', 'days', r?.days, fmtNumber(r?.days)),
      row('Mean daily difference (treatment − control)', 'meanDifference', r?.meanDifference, fmtBp(r?.meanDifference)),
      row('95 % confidence interval', 'ci', r?.ciLow === null || r?.ciLow === undefined ? null : `${r.ciLow},${r.ciHigh}`, `${fmtBp(r?.ciLow)} to ${fmtBp(r?.ciHigh)}`),
      row('t statistic', 't', r?.t, fmtRatio(r?.t)),
      row('p-value (paired t-test, two-sided)', 'pValue', r?.pValue, fmtP(r?.pValue)),
      row('Sharpe difference z (Jobson–Korkie, Memmel)', 'sharpeDifferenceZ', r?.sharpeDifferenceZ, fmtRatio(r?.sharpeDifferenceZ)),
      row('Sharpe difference p-value', 'sharpeDifferenceP', r?.sharpeDifferenceP, fmtP(r?.sharpeDifferenceP)),
      row('Paired days needed (α 0.05, power 0.8)', 'daysNeeded', r?.daysNeeded, fmtNumber(r?.daysNeeded)))));
    renderCi(r);

    const arm = (name, a, strategyId) => h('section.card', { testid: `arm-${name}`, 'aria-label': `${name} arm` },
      h('h3', {}, `${name[0].toUpperCase()}${name.slice(1)}: `, link(`/strategies/${encodeURIComponent(strategyId)}`, strategyId)),
      h('table', { 'aria-label': `${name} figures` }, h('tbody', {},
        [['Initial capital', 'initialCapital', fmtMoney], ['Equity', 'equity', fmtMoney], ['Total return', 'totalReturn', fmtPct],
          ['Sharpe', 'sharpe', fmtRatio], ['Daily Sharpe', 'dailySharpe', fmtRatio], ['Max drawdown (end of day)', 'maxDrawdown', fmtPct]]
          .map(([t, k, f]) => h('tr', {}, h('th', { scope: 'row' }, t), h('td.num', { 'data-key': k, 'data-value': a?.[k] ?? '' }, f(a?.[k])))))));
    replace(arms, arm('control', r?.control, set.control), arm('treatment', r?.treatment, set.treatment));
    const ids = `${set.control}|${set.treatment}`;
    if (ids !== armIds) { armIds = ids; curves.call(); }
    else if (r) curves.call();
  }

  function renderCi(r) {
    if (!r || r.ciLow === null || r.ciLow === undefined) {
      replace(ciEl, h('p.muted.small', {}, 'The interval needs at least two paired days.'));
      return;
    }
    const lo = Math.min(r.ciLow, 0); const hi = Math.max(r.ciHigh, 0);
    const pad = (hi - lo) * 0.1 || 1e-4;
    const x = (v) => `${((v - (lo - pad)) / (hi - lo + 2 * pad)) * 100}%`;
    replace(ciEl, h('div.axis'),
      h('div.zero', { style: `left:${x(0)}`, title: 'no difference' }),
      h('div.range', { style: `left:${x(r.ciLow)};width:calc(${x(r.ciHigh)} - ${x(r.ciLow)})`, title: `95 % CI ${fmtBp(r.ciLow)} to ${fmtBp(r.ciHigh)}` }),
      h('div.mean', { style: `left:${x(r.meanDifference)}`, title: `mean ${fmtBp(r.meanDifference)}` }));
  }

  // The arms' curves over the experiment's dates (end of day, paired dates only), at most every 2 s.
  const curves = coalesce(async () => {
    const s = snapshot;
    const set = s?.settings;
    if (!set?.control || !set?.treatment) return;
    try {
      const [c, t] = await Promise.all([api.equity(set.control), api.equity(set.treatment)]);
      if (disposed) return;
      const eod = (r) => endOfDay((r.points ?? []).map((p) => ({ time: p.time, value: p.equity })));
      const cm = new Map(eod(c).map((d) => [d.date, d.value]));
      const tm = new Map(eod(t).map((d) => [d.date, d.value]));
      const first = s.result?.firstDate ?? null;
      const last = s.result?.lastDate ?? null;
      const dates = [...cm.keys()].filter((d) => tm.has(d) && (!first || d >= first) && (!last || d <= last)).sort();
      if (!dates.length) return;
      const c0 = cm.get(dates[0]); const t0 = tm.get(dates[0]);
      const time = (d) => toChartTime(`${d}T00:00:00Z`);
      control.setData(dates.map((d) => ({ time: time(d), value: (cm.get(d) / c0) * 100 })));
      treatment.setData(dates.map((d) => ({ time: time(d), value: (tm.get(d) / t0) * 100 })));
      const diffs = dates.slice(1).map((d, i) => {
        const v = (tm.get(d) / tm.get(dates[i]) - cm.get(d) / cm.get(dates[i])) * 10000;
        return { time: time(d), value: v, color: v >= 0 ? 'rgba(63,185,80,0.8)' : 'rgba(248,81,73,0.8)' };
      });
      diff.setData(diffs);
      const mean = s.result?.meanDifference;
      meanLine.setData(mean === null || mean === undefined || diffs.length < 2 ? [] : [
        { time: diffs[0].time, value: mean * 10000 }, { time: diffs[diffs.length - 1].time, value: mean * 10000 }]);
      equityChart.timeScale().fitContent();
      diffChart.timeScale().fitContent();
      diffEl.dataset.points = String(diffs.length);
    } catch (err) {
      reportError('loading the arms\' equity curves', err);
    }
  }, 2000);
  cleanups.push(() => curves.cancel());

  (async () => {
    try {
      const s = await api.experiment(id);
      if (!disposed) render(s);
    } catch (err) {
      if (err?.status === 404) replace(verdictEl, h('span.neg', { testid: 'not-found' }, `Experiment '${id}' does not exist.`));
      reportError(`loading experiment '${id}'`, err);
      return;
    }
    if (disposed) return;
    // The join state is the same snapshot (or a newer one): latest wins, nothing accumulates.
    cleanups.push(subscribe([`experiment:${id}`], { experiment: (s) => { if (!disposed && s?.id === snapshot?.id) render(s); } }));
  })();

  return () => {
    disposed = true;
    for (const c of cleanups.reverse()) c();
  };
}
