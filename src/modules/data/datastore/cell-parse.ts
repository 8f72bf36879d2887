/**
 * Parsing of single cell values under Indonesian conventions: `1.053,92` (dot groups, comma
 * decimal), `94,30%`, `17 Agustus 2021`, Kemendagri region codes `52.01`. English-style numbers
 * (`1,053.92`) are recognised too, so a column can be classified as one or the other.
 * Numeric values are returned as canonical decimal strings (`1053.92`) to stay exact into `numeric`.
 */

export type NumberLocale = 'id' | 'en';

/** Values that mean "no value" in Indonesian statistical tables. */
export const MISSING_VALUES = ['', '-', '–', '—', '--', '...', '…', 'NA', 'N/A', 'n/a', 'na', '#N/A', 'null', 'NULL'];
const MISSING = new Set(MISSING_VALUES);

export function isMissing(raw: string): boolean {
  return MISSING.has(raw.trim());
}

const SPACES = /[\s\u00a0\u2009\u202f]/g;
const ID_NUMBER = /^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/;
const EN_NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const PLAIN_INT = /^[+-]?\d+$/;

/** How a raw numeric-looking string relates to the two locales. */
export type NumberShape = 'plain' | 'id' | 'en' | 'ambiguous' | 'invalid';

export function numberShape(raw: string): NumberShape {
  const s = raw.replace(SPACES, '');
  if (PLAIN_INT.test(s)) return 'plain';
  const id = ID_NUMBER.test(s);
  const en = EN_NUMBER.test(s);
  if (id && en) return 'ambiguous';
  if (id) return 'id';
  if (en) return 'en';
  return 'invalid';
}

function canonical(sign: string, intPart: string, frac: string): string {
  let i = intPart.replace(/^0+(?=\d)/, '');
  if (i === '') i = '0';
  const f = frac.replace(/0+$/, '');
  const body = f ? `${i}.${f}` : i;
  return body === '0' ? '0' : sign === '-' ? `-${body}` : body;
}

/**
 * One-pass scan of the common case (no spaces): sign, digits with optional groups of three, optional
 * decimal part. Returns the canonical string, null when it is not a number in the locale, or
 * undefined when the text holds a character the scan does not decide (spaces) — then the regular
 * expressions below decide.
 */
function scanNumber(s: string, groupCode: number, decCode: number): string | null | undefined {
  const n = s.length;
  let i = 0;
  let neg = false;
  let c = s.charCodeAt(0);
  if (c === 45 /* - */ || c === 43 /* + */) { neg = c === 45; i = 1; }
  const intStart = i;
  let groups = false;
  let cur = 0;
  let digits = 0;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) { cur++; digits++; continue; }
    if (c === groupCode) {
      if (cur === 0 || (groups ? cur !== 3 : cur > 3)) return null;
      groups = true;
      cur = 0;
      continue;
    }
    if (c === decCode) break;
    return c === 32 || c === 9 || c === 160 || c === 0x2009 || c === 0x202f || c === 10 || c === 13 ? undefined : null;
  }
  if (digits === 0 || (groups && cur !== 3)) return null;
  const intEnd = i;
  let frac = '';
  if (i < n) { // decimal char at i
    const fs = i + 1;
    if (fs >= n) return null;
    for (let k = fs; k < n; k++) {
      const d = s.charCodeAt(k);
      if (d < 48 || d > 57) return d === 32 || d === 9 || d === 160 || d === 0x2009 || d === 0x202f || d === 10 || d === 13 ? undefined : null;
    }
    let fe = n;
    while (fe > fs && s.charCodeAt(fe - 1) === 48) fe--;
    frac = s.slice(fs, fe);
  }
  // Already canonical (plain digits, no leading zero, no '+'): the input itself, no new string.
  if (!groups && i === n && intStart === (neg ? 1 : 0) && (s.charCodeAt(intStart) !== 48 || intEnd - intStart === 1) && !(neg && intEnd - intStart === 1 && s.charCodeAt(1) === 48)) return s;
  let int = s.slice(intStart, intEnd);
  if (groups) int = int.replaceAll(groupCode === 46 ? '.' : ',', '');
  let z = 0;
  while (z < int.length - 1 && int.charCodeAt(z) === 48) z++;
  if (z) int = int.slice(z);
  const body = frac ? `${int}.${frac}` : int;
  return body === '0' ? '0' : neg ? `-${body}` : body;
}

/**
 * Parse a number in the given locale. Returns a canonical decimal string, or null when the text is
 * not a number in that locale (e.g. `6,643,98` in either).
 */
export function parseLocaleNumber(raw: string, locale: NumberLocale): string | null {
  const fast = locale === 'id' ? scanNumber(raw, 46, 44) : scanNumber(raw, 44, 46);
  if (fast !== undefined) return fast;
  const s = raw.replace(SPACES, '');
  if (!(locale === 'id' ? ID_NUMBER : EN_NUMBER).test(s)) return null;
  const sign = s[0] === '-' ? '-' : '';
  const body = s[0] === '-' || s[0] === '+' ? s.slice(1) : s;
  const [groupChar, decimalChar] = locale === 'id' ? ['.', ','] : [',', '.'];
  const [intRaw, frac = ''] = body.split(decimalChar);
  return canonical(sign, intRaw.split(groupChar).join(''), frac);
}

/** `94,30%` → { value: '94.3' }; null when not a percentage in the locale. */
export function parsePercent(raw: string, locale: NumberLocale): string | null {
  const s = raw.trim();
  if (!s.endsWith('%')) return null;
  return parseLocaleNumber(s.slice(0, -1), locale);
}

export function isCanonicalInteger(v: string): boolean {
  return v.indexOf('.') < 0 && /^-?\d+$/.test(v);
}

/** Fits PostgreSQL bigint. */
export function fitsBigint(v: string): boolean {
  if (v.length < 19) return true;
  const n = BigInt(v);
  return n <= 9223372036854775807n && n >= -9223372036854775808n;
}

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, january: 1,
  februari: 2, feb: 2, pebruari: 2, peb: 2, february: 2,
  maret: 3, mar: 3, march: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  agustus: 8, agu: 8, agt: 8, ags: 8, aug: 8, august: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, oct: 10, october: 10,
  november: 11, nov: 11, nop: 11, nopember: 11,
  desember: 12, des: 12, dec: 12, december: 12,
};

const WEEKDAY_PREFIX = /^(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+/i;

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > dim) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Parse a date: ISO `2021-08-17`, day-first `17/08/2021`, `17-08-2021`, `17.08.2021`, and
 * `17 Agustus 2021` / `Selasa, 17 Agu 2021` with Indonesian or English month names.
 * Returns `YYYY-MM-DD` or null.
 */
export function parseDate(raw: string): string | null {
  const s = raw.trim().replace(WEEKDAY_PREFIX, '');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(s);
  if (m) return isoDate(+m[4], +m[3], +m[1]);
  m = /^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS[m[2].toLowerCase()];
    return month ? isoDate(+m[3], month, +m[1]) : null;
  }
  return null;
}

/** ISO date-time `2021-08-17T10:00[:00][Z|+07:00]` or `2021-08-17 10:00`; returns an ISO string or null. */
export function parseDateTime(raw: string): string | null {
  const s = raw.trim();
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) return null;
  const d = parseDate(m[1]);
  if (!d || +m[2] > 23 || +m[3] > 59 || (m[4] && +m[4] > 59)) return null;
  return `${d}T${m[2]}:${m[3]}:${m[4] ?? '00'}${m[5] ?? ''}`;
}

const TRUE = new Set(['ya', 'true', 'yes', 'benar']);
const FALSE = new Set(['tidak', 'false', 'no', 'salah']);

export function parseBoolean(raw: string): boolean | null {
  const s = raw.trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return null;
}

/** Kemendagri region code: `52`, `52.01`, `52.01.05`, `52.01.05.2001`. */
export const REGION_CODE = /^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$/;

/** Codes written with leading zeros (`007`) or too long for a number (NIK, NIP) stay text. */
export function looksLikeCode(raw: string): boolean {
  const s = raw.trim();
  return /^0\d+$/.test(s) || /^\d{16,}$/.test(s);
}
