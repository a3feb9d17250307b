// Number, money, percent and time formatting. Undefined statistics (null) show as an em dash.

const DASH = '—';
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const ratio = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const price = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** @param {unknown} v */
const missing = (v) => v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v));

export const fmtMoney = (v) => (missing(v) ? DASH : money.format(v));
export const fmtPrice = (v) => (missing(v) ? DASH : price.format(v));
export const fmtNumber = (v) => (missing(v) ? DASH : plain.format(v));
export const fmtRatio = (v) => (missing(v) ? DASH : ratio.format(v));
/** A fraction (0.05) as a percent ("5.00 %"). */
export const fmtPct = (v) => (missing(v) ? DASH : `${ratio.format(v * 100)} %`);
/** An ISO time as "YYYY-MM-DD HH:mm" UTC (date only at midnight). */
export function fmtTime(iso) {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const s = d.toISOString();
  return s.endsWith('T00:00:00.000Z') ? s.slice(0, 10) : `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}
/** Seconds as "1h 02m 03s". */
export function fmtDuration(seconds) {
  if (missing(seconds)) return DASH;
  let s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m ${String(s).padStart(2, '0')}s` : `${s}s`;
}
/** CSS class for the sign of a number. */
export const signClass = (v) => (missing(v) || v === 0 ? '' : v > 0 ? 'pos' : 'neg');
/** ISO time → lightweight-charts UTCTimestamp (seconds). */
export const toChartTime = (iso) => Math.floor(Date.parse(iso) / 1000);
/** Lower-cased enum text ("Running" and "running" compare equal). */
export const enumText = (v) => (v === null || v === undefined ? '' : String(v).toLowerCase());
