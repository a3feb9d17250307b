// lightweight-charts helpers: a themed chart that sizes itself to its container, and a time series that merges
// pushed points by time (pushes may repeat or overlap the latest point) and exposes its point count as
// data-points on the container so tests and people can see it grow.
import { createChart, ColorType, LineSeries, AreaSeries } from 'lightweight-charts';
import { toChartTime } from './format.js';

const axisNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Creates a chart filling el. */
export function makeChart(el, options = {}) {
  return createChart(el, {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: '#c9d1d9', fontSize: 11 },
    grid: { vertLines: { color: 'rgba(255,255,255,0.05)' }, horzLines: { color: 'rgba(255,255,255,0.05)' } },
    rightPriceScale: { borderColor: '#30363d' },
    // A small minimum spacing lets fitContent() show a whole 20-year daily history in a narrow chart.
    timeScale: { borderColor: '#30363d', timeVisible: false, minBarSpacing: 0.01 },
    localization: { priceFormatter: (v) => axisNumber.format(v) },
    ...options,
  });
}

/**
 * A line (or area) series keyed by time.
 * @param {HTMLElement} el the chart's container (gets data-points)
 * @param {any} chart the chart
 * @param {'line'|'area'} kind
 * @param {object} options series options
 */
export function timeSeries(el, chart, kind, options) {
  const series = chart.addSeries(kind === 'area' ? AreaSeries : LineSeries, options);
  /** @type {Map<number, number>} */
  const points = new Map();
  let last = -Infinity;
  const publish = () => { el.dataset.points = String(points.size); };
  publish();
  return {
    series,
    get size() { return points.size; },
    /** Replaces the data with [{ time: iso, value }]. */
    set(items) {
      points.clear();
      for (const p of items) points.set(toChartTime(p.time), p.value);
      const data = [...points].sort((a, b) => a[0] - b[0]).map(([time, value]) => ({ time, value }));
      last = data.length ? data[data.length - 1].time : -Infinity;
      series.setData(data);
      publish();
    },
    /** Merges [{ time: iso, value }] (usually newer than everything so far). */
    merge(items) {
      let ordered = true;
      for (const p of items) {
        const t = toChartTime(p.time);
        if (t < last) ordered = false;
        points.set(t, p.value);
      }
      if (ordered) {
        for (const p of items) {
          const t = toChartTime(p.time);
          series.update({ time: t, value: points.get(t) });
          last = Math.max(last, t);
        }
      } else {
        const data = [...points].sort((a, b) => a[0] - b[0]).map(([time, value]) => ({ time, value }));
        last = data.length ? data[data.length - 1].time : -Infinity;
        series.setData(data);
      }
      publish();
    },
  };
}
