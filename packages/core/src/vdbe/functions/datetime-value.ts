/**
 * The date/time value behind SQLite's date functions: a Julian day number in milliseconds
 * (`jd`), and its calendar form (Y-M-D h:m:s), each computed from the other on demand.
 * Dates are proleptic Gregorian; the valid range is 4714-11-24 BC to 9999-12-31.
 *
 * Parsing accepts what SQLite accepts: YYYY-MM-DD, with an optional time (after a space or
 * 'T'), HH:MM[:SS[.fff]] alone (on 2000-01-01), an optional zone suffix (Z or ±HH:MM),
 * 'now', or a number (a Julian day, or seconds for the 'unixepoch'/'auto' modifiers).
 */

/** Milliseconds from the Julian epoch to 1970-01-01. */
export const UNIX_EPOCH_JD_MS = 210866760000000;
/** One past the last valid Julian day, in ms (10000-01-01 00:00:00). */
export const MAX_JD_MS = 464269060800000;
export const DAY_MS = 86400000;

export class DateTime {
  jd = 0;
  Y = 2000;
  M = 1;
  D = 1;
  h = 0;
  m = 0;
  s = 0;
  /** Zone offset in minutes of a parsed `±HH:MM` suffix. */
  tz = 0;
  validJD = false;
  validYMD = false;
  validHMS = false;
  /** The value came from a bare number: `rawS` is that number (for unixepoch/auto). */
  rawS = false;
  rawValue = 0;
  isError = false;
  useSubsec = false;
  isLocal = false;
  isUtc = false;
  /** Days a month/year step overshot the month's end by (for the 'floor' modifier). */
  nFloor = 0;

  clone(): DateTime {
    return Object.assign(new DateTime(), this);
  }

  computeJD(): void {
    if (this.validJD) return;
    let Y: number;
    let M: number;
    let D: number;
    if (this.validYMD) {
      Y = this.Y;
      M = this.M;
      D = this.D;
    } else {
      Y = 2000;
      M = 1;
      D = 1;
    }
    if (Y < -4713 || Y > 9999 || this.rawS) {
      this.isError = true;
      return;
    }
    if (M <= 2) {
      Y--;
      M += 12;
    }
    const A = Math.trunc(Y / 100);
    const B = 2 - A + Math.trunc(A / 4);
    const X1 = Math.trunc((36525 * (Y + 4716)) / 100);
    const X2 = Math.trunc((306001 * (M + 1)) / 10000);
    this.jd = Math.trunc((X1 + X2 + D + B - 1524.5) * DAY_MS);
    this.validJD = true;
    if (this.validHMS) {
      this.jd += this.h * 3600000 + this.m * 60000 + Math.trunc(this.s * 1000 + 0.5);
      if (this.tz) {
        this.jd -= this.tz * 60000;
        this.validYMD = false;
        this.validHMS = false;
        this.tz = 0;
        this.isUtc = true;
        this.isLocal = false;
      }
    }
  }

  computeYMD(): void {
    if (this.validYMD) return;
    if (!this.validJD) {
      this.Y = 2000;
      this.M = 1;
      this.D = 1;
    } else if (!validJulianDay(this.jd)) {
      this.isError = true;
      return;
    } else {
      const Z = Math.trunc((this.jd + 43200000) / DAY_MS);
      let A = Math.trunc((Z - 1867216.25) / 36524.25);
      A = Z + 1 + A - Math.trunc(A / 4);
      const B = A + 1524;
      const C = Math.trunc((B - 122.1) / 365.25);
      const D = Math.trunc((36525 * (C & 32767)) / 100);
      const E = Math.trunc((B - D) / 30.6001);
      const X1 = Math.trunc(30.6001 * E);
      this.D = B - D - X1;
      this.M = E < 14 ? E - 1 : E - 13;
      this.Y = this.M > 2 ? C - 4716 : C - 4715;
    }
    this.validYMD = true;
  }

  computeHMS(): void {
    if (this.validHMS) return;
    this.computeJD();
    const dayMs = (this.jd + 43200000) % DAY_MS;
    this.s = (dayMs % 60000) / 1000;
    const dayMin = Math.trunc(dayMs / 60000);
    this.m = dayMin % 60;
    this.h = Math.trunc(dayMin / 60);
    this.rawS = false;
    this.validHMS = true;
  }

  computeYMDHMS(): void {
    this.computeYMD();
    this.computeHMS();
  }

  clearYMDHMS(): void {
    this.validYMD = false;
    this.validHMS = false;
    this.tz = 0;
  }
}

export function validJulianDay(jd: number): boolean {
  return jd >= 0 && jd < MAX_JD_MS;
}

/** Reads `count` digits at `i` as a number in [min, max], or -1. */
function digits(z: string, i: number, count: number, min: number, max: number): number {
  let v = 0;
  for (let k = 0; k < count; k++) {
    const c = z.charCodeAt(i + k);
    if (!(c >= 0x30 && c <= 0x39)) return -1;
    v = v * 10 + c - 0x30;
  }
  return v < min || v > max ? -1 : v;
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** Parses an optional zone suffix at `i`; returns false on anything else left over. */
function parseZone(z: string, i: number, p: DateTime): boolean {
  while (isSpace(z.charCodeAt(i))) i++;
  p.tz = 0;
  const c = z[i];
  if (c === 'Z' || c === 'z') {
    i++;
    p.isLocal = false;
    p.isUtc = true;
  } else if (c === '+' || c === '-') {
    const hr = digits(z, i + 1, 2, 0, 14);
    const mn = z[i + 3] === ':' ? digits(z, i + 4, 2, 0, 59) : -1;
    if (hr < 0 || mn < 0) return false;
    p.tz = (c === '-' ? -1 : 1) * (hr * 60 + mn);
    i += 6;
  }
  while (isSpace(z.charCodeAt(i))) i++;
  return i === z.length;
}

/** HH:MM[:SS[.fff]] then an optional zone, from `i`. */
export function parseHms(z: string, i: number, p: DateTime): boolean {
  const h = digits(z, i, 2, 0, 24);
  if (h < 0 || z[i + 2] !== ':') return false;
  const m = digits(z, i + 3, 2, 0, 59);
  if (m < 0) return false;
  i += 5;
  let s = 0;
  if (z[i] === ':') {
    const sec = digits(z, i + 1, 2, 0, 59);
    if (sec < 0) return false;
    s = sec;
    i += 3;
    if (z[i] === '.' && z.charCodeAt(i + 1) >= 0x30 && z.charCodeAt(i + 1) <= 0x39) {
      let scale = 1;
      let frac = 0;
      i++;
      while (z.charCodeAt(i) >= 0x30 && z.charCodeAt(i) <= 0x39) {
        frac = frac * 10 + z.charCodeAt(i) - 0x30;
        scale *= 10;
        i++;
      }
      s += frac / scale;
    }
  }
  p.validJD = false;
  p.rawS = false;
  p.validHMS = true;
  p.h = h;
  p.m = m;
  p.s = s;
  return parseZone(z, i, p);
}

/** [-]YYYY-MM-DD then an optional time. */
function parseYmd(z: string, p: DateTime): boolean {
  let i = 0;
  const neg = z[0] === '-';
  if (neg) i++;
  const Y = digits(z, i, 4, 0, 9999);
  if (Y < 0 || z[i + 4] !== '-') return false;
  const M = digits(z, i + 5, 2, 1, 12);
  if (M < 0 || z[i + 7] !== '-') return false;
  const D = digits(z, i + 8, 2, 1, 31);
  if (D < 0) return false;
  i += 10;
  while (isSpace(z.charCodeAt(i)) || z[i] === 'T') i++;
  if (i < z.length) {
    if (!parseHms(z, i, p)) return false;
  } else {
    p.validHMS = false;
  }
  p.validJD = false;
  p.validYMD = true;
  p.Y = neg ? -Y : Y;
  p.M = M;
  p.D = D;
  if (p.tz) p.computeJD();
  return true;
}

/** A bare number: a Julian day when in range, kept raw for 'unixepoch' and 'auto'. */
export function setRawNumber(p: DateTime, r: number): void {
  p.rawValue = r;
  p.rawS = true;
  if (r >= 0 && r < 5373484.5) {
    p.jd = Math.trunc(r * DAY_MS + 0.5);
    p.validJD = true;
  }
}

/** SQLite's text-to-double for a whole string (surrounding spaces allowed), or null. */
export function parseWholeNumber(z: string): number | null {
  const m = /^[ \t\n\f\r\v]*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)[ \t\n\f\r\v]*$/.exec(z);
  return m === null ? null : Number(m[1]);
}

export function parseDateText(z: string, p: DateTime, now: () => number): boolean {
  if (parseYmd(z, p)) return true;
  if (parseHms(z, 0, p)) return true;
  if (z.toLowerCase() === 'now') {
    p.jd = now();
    p.validJD = true;
    return true;
  }
  const r = parseWholeNumber(z);
  if (r !== null) {
    setRawNumber(p, r);
    return true;
  }
  return false;
}
