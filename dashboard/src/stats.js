// Pure helpers over equity curves, trades and metric buckets shared by the strategy, compare and experiment pages.
// Daily figures use the last mark of each UTC date (a daily bar's mark is its trading date), as the API's daily buckets do.

/** Buckets with fewer daily returns than this show their ratios greyed with the count (docs/metrics.md: too few to mean anything). */
export const MIN_DAILY_RETURNS = 20;

/** The UTC date ("2020-04-17") of an ISO time. */
export const dateOf = (iso) => new Date(iso).toISOString().slice(0, 10);

/**
 * End-of-day values: the last value of each UTC date, in date order.
 * @param {{ time: string, value: number }[]} points in any order
 * @returns {{ date: string, value: number }[]}
 */
export function endOfDay(points) {
  const byDate = new Map();
  const sorted = [...points].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  for (const p of sorted) byDate.set(dateOf(p.time), p.value);
  return [...byDate].map(([date, value]) => ({ date, value }));
}

/**
 * Daily changes of end-of-day values: return r = v / previous − 1 and change v − previous, the first day measured
 * from start (the starting capital) when given, else left out.
 * @param {{ date: string, value: number }[]} eod
 * @param {number | null} [start]
 */
export function dailyChanges(eod, start = null) {
  const out = [];
  let prev = start;
  for (const d of eod) {
    if (prev !== null && prev !== undefined && prev > 0) out.push({ date: d.date, ret: d.value / prev - 1, change: d.value - prev });
    prev = d.value;
  }
  return out;
}

/**
 * Monthly returns (month's last end-of-day value / previous month's last, or start for the first month, − 1).
 * @returns {Map<string, number>} "YYYY-MM" → return
 */
export function monthlyReturns(eod, start = null) {
  const lastOfMonth = new Map();
  for (const d of eod) lastOfMonth.set(d.date.slice(0, 7), d.value);
  const out = new Map();
  let prev = start ?? (eod.length ? eod[0].value : null);
  for (const [month, value] of lastOfMonth) {
    if (prev) out.set(month, value / prev - 1);
    prev = value;
  }
  return out;
}

/** Pearson correlation of two equal-length arrays; null when undefined (fewer than 2 values or a zero variance). */
export function correlation(x, y) {
  const n = Math.min(x.length, y.length);
  if (n < 2) return null;
  let mx = 0; let my = 0;
  for (let i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
  mx /= n; my /= n;
  let sxy = 0; let sxx = 0; let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx; const dy = y[i] - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Equal-width histogram of values.
 * @returns {{ from: number, to: number, count: number }[]}
 */
export function histogram(values, bins = 40) {
  if (!values.length) return [];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) { lo -= 1e-9; hi += 1e-9; }
  const width = (hi - lo) / bins;
  const out = Array.from({ length: bins }, (_, i) => ({ from: lo + i * width, to: lo + (i + 1) * width, count: 0 }));
  for (const v of values) out[Math.min(bins - 1, Math.floor((v - lo) / width))].count++;
  return out;
}

/** Key of a trade for merging the REST load with pushes (docs/api.md: instrument, side, entry time). */
export const tradeKey = (t) => `${typeof t.instrument === 'string' ? t.instrument : t.instrument?.symbol}|${t.side}|${Date.parse(t.entryTime)}`;

/** One CSV field (RFC 4180 quoting). */
const csvField = (v) => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV text (header row, CRLF line ends) of rows (arrays) under the header. */
export const toCsv = (header, rows) => [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';

/** Offers text as a file download. */
export function download(name, text, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Runs fn at most once per interval while calls keep coming (the last call always runs), one run at a time.
 * @returns {{ call: () => void, cancel: () => void }}
 */
export function coalesce(fn, intervalMs) {
  let timer = 0;
  let running = false;
  let again = false;
  let last = 0;
  const run = async () => {
    timer = 0;
    if (running) { again = true; return; }
    running = true;
    last = Date.now();
    try {
      await fn();
    } finally {
      running = false;
      if (again) { again = false; schedule(); }
    }
  };
  const schedule = () => {
    if (timer) return;
    timer = setTimeout(run, Math.max(0, last + intervalMs - Date.now()));
  };
  return { call: schedule, cancel: () => { clearTimeout(timer); timer = 0; } };
}
