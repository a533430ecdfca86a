/**
 * Date/time modifiers, applied left to right to a DateTime: NNN days|hours|minutes|seconds|
 * months|years, ±HH:MM[:SS.fff], ±YYYY-MM-DD[ HH:MM[:SS.fff]], start of day|month|year,
 * weekday N, unixepoch, julianday, auto, localtime, utc, subsec/subsecond, ceiling, floor.
 * Each returns false when the modifier is malformed or out of range (the result is NULL).
 *
 * Local time uses the JavaScript runtime's time zone (Date's getTimezoneOffset), which is
 * what SQLite's localtime() gives on the same machine.
 */
import { DateTime, DAY_MS, MAX_JD_MS, parseHms, parseWholeNumber, UNIX_EPOCH_JD_MS } from './datetime-value.js';

interface Unit {
  name: string;
  limit: number;
  ms: number;
}

const UNITS: readonly Unit[] = [
  { name: 'second', limit: 4.6427e14, ms: 1000 },
  { name: 'minute', limit: 7.7379e12, ms: 60000 },
  { name: 'hour', limit: 1.2897e11, ms: 3600000 },
  { name: 'day', limit: 5373485.0, ms: DAY_MS },
  { name: 'month', limit: 176546.0, ms: 30 * DAY_MS },
  { name: 'year', limit: 14713.0, ms: 365 * DAY_MS },
];

/**
 * Milliseconds east of UTC of the local zone at the UTC instant `jd`. Like SQLite (whose
 * localtime_r() is trusted only for 1971-2037), other years are looked up in an equivalent
 * year 2000 + Y%4 on the same month, day and time.
 */
function localOffsetMs(jd: number): number {
  const d = new DateTime();
  d.jd = jd;
  d.validJD = true;
  d.computeYMDHMS();
  let at = jd;
  if (d.Y < 1971 || d.Y >= 2038) {
    d.Y = 2000 + (d.Y % 4);
    d.validJD = false;
    d.computeJD();
    at = d.jd;
  }
  return -new Date(at - UNIX_EPOCH_JD_MS).getTimezoneOffset() * 60000;
}

function toLocal(p: DateTime): boolean {
  if (p.rawS && !p.validJD) {
    // An out-of-range bare number reads as the default 2000-01-01 here, as in SQLite.
    p.jd = 2451544.5 * DAY_MS;
    p.validJD = true;
    p.rawS = false;
  }
  p.computeJD();
  if (p.isError) return false;
  p.jd += localOffsetMs(p.jd);
  p.clearYMDHMS();
  return true;
}

function toUtc(p: DateTime): boolean {
  if (p.rawS && !p.validJD) {
    // SQLite reads an out-of-range bare number as Julian day 0 here.
    p.jd = 0;
    p.validJD = true;
    p.rawS = false;
  }
  p.computeJD();
  if (p.isError) return false;
  // Find the UTC instant whose local time is p.jd, with SQLite's fixed number of
  // corrections (in a skipped DST hour it settles where SQLite does).
  const orig = p.jd;
  let guess = orig;
  let err = 0;
  let count = 0;
  do {
    guess -= err;
    err = guess + localOffsetMs(guess) - orig;
  } while (err !== 0 && count++ < 3);
  p.jd = guess;
  p.clearYMDHMS();
  return true;
}

function addMonths(p: DateTime, months: number): void {
  p.computeYMDHMS();
  p.M += months;
  const x = p.M > 0 ? Math.trunc((p.M - 1) / 12) : Math.trunc((p.M - 12) / 12);
  p.Y += x;
  p.M -= x * 12;
  p.validJD = false;
}

function daysInMonth(Y: number, M: number): number {
  if (M === 2) return (Y % 4 === 0 && Y % 100 !== 0) || Y % 400 === 0 ? 29 : 28;
  return M === 4 || M === 6 || M === 9 || M === 11 ? 30 : 31;
}

/** NNN units; `text` is the lower-cased modifier. */
function numericModifier(p: DateTime, text: string): boolean {
  let n = 1;
  while (n < text.length && text[n] !== ':' && !/\s/.test(text[n]!)) n++;
  if (text[n] === ':') return timeOffset(p, text);
  const r = parseWholeNumber(text.slice(0, n));
  if (r === null) return false;
  let unit = text.slice(n).trim();
  if (unit.length > 3 && unit.endsWith('s')) unit = unit.slice(0, -1);
  const u = UNITS.find((x) => x.name === unit);
  if (u === undefined || !(r > -u.limit && r < u.limit)) return false;
  let rest = r;
  if (u.name === 'month' || u.name === 'year') {
    const whole = Math.trunc(r);
    if (u.name === 'month') addMonths(p, whole);
    else {
      p.computeYMDHMS();
      p.Y += whole;
      p.validJD = false;
    }
    const dim = daysInMonth(p.Y, p.M);
    p.nFloor = p.D > dim ? p.D - dim : 0;
    rest = r - whole;
  }
  p.computeJD();
  if (p.isError) return false;
  p.jd += Math.trunc(rest * u.ms + (rest < 0 ? -0.5 : 0.5));
  p.clearYMDHMS();
  p.rawS = false;
  return true;
}

/** ±HH:MM[:SS.fff]: shifts by that time of day. */
function timeOffset(p: DateTime, text: string): boolean {
  const sign = text[0] === '-' ? -1 : 1;
  const body = text[0] === '-' || text[0] === '+' ? text.slice(1) : text;
  const t = new DateTime();
  if (!parseHms(body, 0, t)) return false;
  t.computeJD();
  let off = t.jd - 43200000;
  off -= Math.trunc(off / DAY_MS) * DAY_MS;
  p.computeJD();
  if (p.isError) return false;
  p.clearYMDHMS();
  p.jd += sign * off;
  p.rawS = false;
  return true;
}

/** ±YYYY-MM-DD[ HH:MM[:SS.fff]]: adds years, months and days (and a time). */
function dateOffset(p: DateTime, text: string): boolean {
  const m = /^([+-])(\d{4})-(\d{2})-(\d{2})(?:[ t]+(.*))?$/.exec(text);
  if (m === null) return false;
  const sign = m[1] === '-' ? -1 : 1;
  const [Y, M, D] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (M > 11 || D > 30) return false;
  p.computeYMDHMS();
  p.Y += sign * Y;
  addMonths(p, sign * M);
  p.computeJD();
  if (p.isError) return false;
  p.jd += sign * D * DAY_MS;
  p.clearYMDHMS();
  p.rawS = false;
  if (m[5] !== undefined) return timeOffset(p, (sign < 0 ? '-' : '+') + m[5]);
  return true;
}

/**
 * Applies modifier number `index` (1 = the first after the time value) to `p`.
 */
export function applyModifier(p: DateTime, modifier: string, index: number): boolean {
  const z = modifier.toLowerCase();
  if (z !== 'floor' && z !== 'ceiling') p.nFloor = 0;
  switch (z) {
    case 'auto':
      if (index > 1) return false;
      if (p.rawS) {
        const r = p.rawValue;
        if (r >= 0 && r < 5373484.5) {
          p.rawS = false;
          return true;
        }
        if (r >= -210866760000 && r <= 253402300799) return unixepoch(p);
        return false;
      }
      return true;
    case 'julianday':
      if (index > 1) return false;
      if (p.validJD && p.rawS) {
        p.rawS = false;
        return true;
      }
      return false;
    case 'unixepoch':
      if (index > 1 || !p.rawS) return false;
      return unixepoch(p);
    case 'localtime':
      if (p.isLocal) return true;
      if (!toLocal(p)) return false;
      p.isLocal = true;
      p.isUtc = false;
      return true;
    case 'utc':
      if (p.isUtc) return true;
      if (!toUtc(p)) return false;
      p.isUtc = true;
      p.isLocal = false;
      return true;
    case 'subsec':
    case 'subsecond':
      p.useSubsec = true;
      return true;
    case 'ceiling':
      p.nFloor = 0;
      return true;
    case 'floor':
      if (p.nFloor > 0) {
        p.computeJD();
        p.jd -= p.nFloor * DAY_MS;
        p.clearYMDHMS();
        p.nFloor = 0;
      }
      return true;
    case 'start of day':
    case 'start of month':
    case 'start of year':
      if (p.rawS && !p.validJD) return false;
      p.rawS = false;
      p.computeYMD();
      if (p.isError) return false;
      p.validHMS = true;
      p.h = 0;
      p.m = 0;
      p.s = 0;
      p.tz = 0;
      p.validJD = false;
      if (z !== 'start of day') p.D = 1;
      if (z === 'start of year') p.M = 1;
      return true;
  }
  if (z.startsWith('weekday ')) {
    const r = parseWholeNumber(z.slice(8));
    if (r === null || !Number.isInteger(r) || r < 0 || r >= 7) return false;
    p.computeYMDHMS();
    p.tz = 0;
    p.validJD = false;
    p.computeJD();
    if (p.isError) return false;
    let day = Math.trunc((p.jd + 129600000) / DAY_MS) % 7;
    if (day > r) day -= 7;
    p.jd += (r - day) * DAY_MS;
    p.clearYMDHMS();
    return true;
  }
  const c = z.charCodeAt(0);
  if (z[0] === '+' || z[0] === '-' || (c >= 0x30 && c <= 0x39) || z[0] === '.') {
    if ((z[0] === '+' || z[0] === '-') && z[5] === '-') return dateOffset(p, z);
    return numericModifier(p, z);
  }
  return false;
}

function unixepoch(p: DateTime): boolean {
  const r = p.rawValue * 1000 + UNIX_EPOCH_JD_MS;
  if (!(r >= 0 && r < MAX_JD_MS)) return false;
  p.clearYMDHMS();
  p.jd = Math.trunc(r + 0.5);
  p.validJD = true;
  p.rawS = false;
  return true;
}
