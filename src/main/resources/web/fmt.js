// Display formatting for Mandate Watch. Money and ratios arrive as decimal strings
// (SPEC §2: never double on a comparison path), so everything here works on exact
// decimals held in BigInt and rounds only for display. Nothing here touches the DOM.

const DEC_RE = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses a JSON number or decimal string into {neg, digits: BigInt, scale}
 * meaning (neg ? -1 : 1) * digits / 10^scale. Returns null when it is not a number,
 * so callers can fall back to showing the raw text.
 */
export function parseDecimal(x) {
  if (x === null || x === undefined || typeof x === 'boolean') return null;
  const m = DEC_RE.exec(String(x).trim());
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return null;
  const frac = m[3] || '';
  let digits = BigInt((m[2] || '0') + frac);
  let scale = frac.length - Number(m[4] || 0);
  if (scale < 0) { digits *= 10n ** BigInt(-scale); scale = 0; }
  return { neg: m[1] === '-' && digits !== 0n, digits, scale };
}

/** Multiplies by 10^k without rounding (k = 2 turns a fraction into percent). */
function shift(d, k) {
  let scale = d.scale - k, digits = d.digits;
  if (scale < 0) { digits *= 10n ** BigInt(-scale); scale = 0; }
  return { neg: d.neg, digits, scale };
}

/** Signed BigInt of d rounded half away from zero to `places` decimals. */
function roundScaled(d, places) {
  let v;
  if (places >= d.scale) {
    v = d.digits * 10n ** BigInt(places - d.scale);
  } else {
    const div = 10n ** BigInt(d.scale - places);
    v = d.digits / div;
    if ((d.digits % div) * 2n >= div) v += 1n;
  }
  return d.neg ? -v : v;
}

/** Exact comparison of two parsed decimals: -1, 0 or 1. */
export function compareDecimal(a, b) {
  const s = Math.max(a.scale, b.scale);
  const x = roundScaled(a, s), y = roundScaled(b, s);
  return x < y ? -1 : x > y ? 1 : 0;
}

function groupThousands(intDigits) {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Renders a scaled BigInt as text with `places` decimals; "-0.00" never appears. */
function scaledToText(v, places, group) {
  const neg = v < 0n;
  const s = (neg ? -v : v).toString().padStart(places + 1, '0');
  let int = s.slice(0, s.length - places);
  const frac = places > 0 ? '.' + s.slice(s.length - places) : '';
  if (group) int = groupThousands(int);
  return (neg ? '-' : '') + int + frac;
}

function trimZeros(text) {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A fraction as percent with fixed decimals, e.g. "0.1032" → "10.32%". */
export function formatPercent(x, places = 2) {
  const d = parseDecimal(x);
  if (!d) return x === null || x === undefined ? '' : String(x);
  return scaledToText(roundScaled(shift(d, 2), places), places, false) + '%';
}

/**
 * A fraction as percent showing every significant digit it has (at least `min`, at
 * most `max` decimals) — for evidence and limits, where the inputs themselves are the
 * point. Trailing zeros of the stored scale are not digits: "0.050000" is "5.00%".
 */
export function formatPercentExact(x, min = 2, max = 6) {
  const d = parseDecimal(x);
  if (!d) return x === null || x === undefined ? '' : String(x);
  const p = shift(d, 2);
  let places = Math.min(max, Math.max(min, p.scale));
  let v = roundScaled(p, places);
  while (places > min && v % 10n === 0n) { v /= 10n; places -= 1; }
  return scaledToText(v, places, false) + '%';
}

/**
 * Value and limit ratios as percent texts that never contradict the verdict
 * (SPEC §2): start at 2 decimals and add digits until the rounded texts differ
 * whenever the exact values differ. Rounding is monotonic, so it can merge two
 * values into one text but never swap their order; distinct texts are therefore
 * truthful. The limit drops trailing zeros ("10%"), as the server messages do.
 */
export function formatRatioPair(value, limit) {
  const v = parseDecimal(value), l = parseDecimal(limit);
  if (!v) return { value: value == null ? '' : String(value), limit: l ? trimPct(l, 2) : (limit == null ? '' : String(limit)) };
  const pv = shift(v, 2);
  if (!l) return { value: scaledToText(roundScaled(pv, 2), 2, false) + '%', limit: limit == null ? '' : String(limit) };
  const pl = shift(l, 2);
  const exact = compareDecimal(pv, pl);
  const maxPlaces = Math.max(2, pv.scale, pl.scale);
  let places = 2;
  while (places < maxPlaces && exact !== 0 && roundScaled(pv, places) === roundScaled(pl, places)) places++;
  return {
    value: scaledToText(roundScaled(pv, places), places, false) + '%',
    limit: trimZeros(scaledToText(roundScaled(pl, places), places, false)) + '%',
  };
}

function trimPct(d, places) {
  return trimZeros(scaledToText(roundScaled(shift(d, 2), places), places, false)) + '%';
}

const YI = parseDecimal('100000000');

/**
 * CNY amount in the department's habit: 万元 below 1亿, 亿元 at or above, two
 * decimals, thousands separators (300000000 → "3.00亿元", 25000000 → "2,500.00万元").
 * An amount just under 1亿 that would round to "10,000.00万元" is shown as 亿元.
 */
export function formatAmount(x) {
  const d = parseDecimal(x);
  if (!d) return x === null || x === undefined ? '' : String(x);
  const abs = { neg: false, digits: d.digits, scale: d.scale };
  if (compareDecimal(abs, YI) < 0) {
    const wan = roundScaled(shift(d, -4), 2);
    if ((wan < 0n ? -wan : wan) < 1000000n) return scaledToText(wan, 2, true) + '万元';
  }
  return scaledToText(roundScaled(shift(d, -8), 2), 2, true) + '亿元';
}

/** A price with at least two decimals, more where it has them: "6.20", "31.00", "4.125". */
export function formatPrice(x) {
  const d = parseDecimal(x);
  if (!d) return x === null || x === undefined ? '' : String(x);
  const places = Math.max(2, d.scale);
  return scaledToText(roundScaled(d, places), places, true);
}

/** A plain number with thousands separators, keeping the decimals it came with. */
export function formatNumber(x) {
  const d = parseDecimal(x);
  if (!d) return x === null || x === undefined ? '' : String(x);
  return scaledToText(roundScaled(d, d.scale), d.scale, true);
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/**
 * An ISO-8601 instant as Asia/Shanghai "YYYY-MM-DD HH:mm", whatever the browser's
 * own time zone is (business time is Shanghai time, SPEC §2).
 */
export function formatShanghai(iso) {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return String(iso);
  const p = Object.fromEntries(SHANGHAI.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The Asia/Shanghai calendar date "YYYY-MM-DD" of an ISO instant. */
export function formatShanghaiDate(iso) {
  return formatShanghai(iso).slice(0, 10);
}

/** Exact sum of decimal strings, as a plain decimal string (weights per kind, amounts). */
export function sumDecimals(list) {
  let total = { neg: false, digits: 0n, scale: 0 };
  for (const x of list) {
    const d = parseDecimal(x);
    if (!d) continue;
    const s = Math.max(total.scale, d.scale);
    const v = roundScaled(total, s) + roundScaled(d, s);
    total = { neg: v < 0n, digits: v < 0n ? -v : v, scale: s };
  }
  return scaledToText(roundScaled(total, total.scale), total.scale, false);
}

/**
 * An amount in 亿元 as a JavaScript number, for the geometry of a chart only: the texts shown
 * beside it (axis labels aside) come from formatAmount on the exact string.
 */
export function toYi(x) {
  const d = parseDecimal(x);
  if (!d) return null;
  return Number(scaledToText(roundScaled(shift(d, -8), 6), 6, false));
}

/** A fraction as a number for drawing bars (never for a verdict). */
export function toNumber(x) {
  const d = parseDecimal(x);
  return d ? Number(scaledToText(roundScaled(d, Math.min(d.scale, 12)), Math.min(d.scale, 12), false)) : null;
}
