/**
 * Date and time functions: date, time, datetime, julianday, unixepoch, strftime, timediff,
 * and current_date/current_time/current_timestamp.
 *
 * 'now' is read once per statement step (statement-clock.ts), as in SQLite.
 */
import { realValue, type SqlValue } from '../../format/sql-value.js';
import { applyModifier } from './datetime-modifiers.js';
import { DateTime, DAY_MS, parseDateText, setRawNumber, UNIX_EPOCH_JD_MS } from './datetime-value.js';
import type { ScalarDef } from './function-def.js';
import { stepNow } from './statement-clock.js';
import { sqlPrintf } from './printf-format.js';
import { isNumber, textOf, doubleArg } from './value-helpers.js';

const now = stepNow;

/** The time value and modifiers in regs[base .. base+argc-1], or null (NULL result). */
function toDateTime(regs: SqlValue[], base: number, argc: number): DateTime | null {
  const p = new DateTime();
  if (argc === 0) {
    p.jd = now();
    p.validJD = true;
  } else {
    const v = regs[base]!;
    if (v === null) return null;
    if (isNumber(v)) setRawNumber(p, doubleArg(v));
    else if (!parseDateText(textOf(v), p, now)) return null;
  }
  for (let i = 1; i < argc; i++) {
    const m = regs[base + i]!;
    if (m === null || !applyModifier(p, textOf(m), i)) return null;
  }
  p.computeJD();
  if (p.isError || !(p.jd >= 0 && p.jd < 464269060800000)) return null;
  // A lone YYYY-MM-DD past the 28th may not exist (2023-02-31): render it from the day
  // number. An hour of 24 always is.
  if (argc === 1 && p.validYMD && p.D > 28) p.validYMD = false;
  if (p.validHMS && p.h >= 24) p.validHMS = false;
  return p;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

function ymd(p: DateTime): string {
  return p.Y < 0 ? `-${pad(-p.Y, 4)}-${pad(p.M, 2)}-${pad(p.D, 2)}` : `${pad(p.Y, 4)}-${pad(p.M, 2)}-${pad(p.D, 2)}`;
}

function hms(p: DateTime): string {
  const sec = p.useSubsec ? sqlPrintf('%06.3f', [p.s], 0, 1) : pad(Math.trunc(p.s), 2);
  return `${pad(p.h, 2)}:${pad(p.m, 2)}:${sec}`;
}

/** Days since January 1st (0-based), measured at the same time of day. */
function dayOfYear(p: DateTime): number {
  const jan1 = p.clone();
  jan1.M = 1;
  jan1.D = 1;
  jan1.validJD = false;
  jan1.computeJD();
  return Math.trunc((p.jd - jan1.jd + 43200000) / DAY_MS);
}

/** 0 = Sunday. */
function weekday(jd: number): number {
  return Math.trunc((jd + 129600000) / DAY_MS) % 7;
}

/** The ISO 8601 week-numbering year and week of `p`. */
function isoWeek(p: DateTime): [number, number] {
  const thursday = new DateTime();
  thursday.jd = p.jd + (3 - ((weekday(p.jd) + 6) % 7)) * DAY_MS;
  thursday.validJD = true;
  thursday.computeYMDHMS();
  return [thursday.Y, Math.trunc(dayOfYear(thursday) / 7) + 1];
}

function unixSeconds(p: DateTime): SqlValue {
  if (p.useSubsec) return realValue((p.jd - UNIX_EPOCH_JD_MS) / 1000);
  return Math.trunc(p.jd / 1000) - 210866760000;
}

function strftime(fmt: string, p: DateTime): string | null {
  p.computeYMDHMS();
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const code = fmt[++i];
    const h12 = p.h % 12 === 0 ? 12 : p.h % 12;
    switch (code) {
      case 'd': out += pad(p.D, 2); break;
      case 'e': out += String(p.D).padStart(2, ' '); break;
      case 'f': out += sqlPrintf('%06.3f', [p.s > 59.999 ? 59.999 : p.s], 0, 1); break;
      case 'F': out += sqlPrintf('%04d-%02d-%02d', [p.Y, p.M, p.D], 0, 3); break;
      case 'G': out += sqlPrintf('%04d', [isoWeek(p)[0]], 0, 1); break;
      case 'g': out += sqlPrintf('%02d', [isoWeek(p)[0] % 100], 0, 1); break;
      case 'H': out += pad(p.h, 2); break;
      case 'k': out += String(p.h).padStart(2, ' '); break;
      case 'I': out += pad(h12, 2); break;
      case 'l': out += String(h12).padStart(2, ' '); break;
      case 'j': out += pad(dayOfYear(p) + 1, 3); break;
      case 'J': out += sqlPrintf('%.16g', [p.jd / DAY_MS], 0, 1); break;
      case 'm': out += pad(p.M, 2); break;
      case 'M': out += pad(p.m, 2); break;
      case 'p': out += p.h >= 12 ? 'PM' : 'AM'; break;
      case 'P': out += p.h >= 12 ? 'pm' : 'am'; break;
      case 'R': out += `${pad(p.h, 2)}:${pad(p.m, 2)}`; break;
      case 's': {
        const u = unixSeconds(p);
        out += typeof u === 'number' && Number.isInteger(u) && !p.useSubsec ? String(u) : sqlPrintf('%.3f', [(p.jd - UNIX_EPOCH_JD_MS) / 1000], 0, 1);
        break;
      }
      case 'S': out += pad(Math.trunc(p.s), 2); break;
      case 'T': out += `${pad(p.h, 2)}:${pad(p.m, 2)}:${pad(Math.trunc(p.s), 2)}`; break;
      case 'u': out += String(weekday(p.jd) || 7); break;
      case 'w': out += String(weekday(p.jd)); break;
      case 'U': out += pad(Math.trunc((dayOfYear(p) + 7 - weekday(p.jd)) / 7), 2); break;
      case 'W': out += pad(Math.trunc((dayOfYear(p) + 7 - ((weekday(p.jd) + 6) % 7)) / 7), 2); break;
      case 'V': out += pad(isoWeek(p)[1], 2); break;
      case 'Y': out += sqlPrintf('%04d', [p.Y], 0, 1); break;
      case '%': out += '%'; break;
      default: return null;
    }
  }
  return out;
}

/** timediff(A, B): A - B as ±YYYY-MM-DD HH:MM:SS.SSS, in calendar years/months/days. */
function timediff(a: DateTime, b: DateTime): string {
  a.computeYMDHMS();
  b.computeYMDHMS();
  const d2 = b.clone();
  const reset = (): void => {
    d2.validJD = false;
    d2.computeJD();
  };
  let Y: number;
  let M: number;
  let diff: number;
  const sign = a.jd >= d2.jd ? '+' : '-';
  if (sign === '+') {
    Y = a.Y - d2.Y;
    if (Y) { d2.Y = a.Y; reset(); }
    M = a.M - d2.M;
    if (M < 0) { Y--; M += 12; }
    if (M !== 0) { d2.M = a.M; reset(); }
    for (let guard = 0; a.jd < d2.jd && guard < 24; guard++) {
      M--;
      if (M < 0) { M = 11; Y--; }
      d2.M--;
      if (d2.M < 1) { d2.M = 12; d2.Y--; }
      reset();
    }
    diff = a.jd - d2.jd;
  } else {
    Y = d2.Y - a.Y;
    if (Y) { d2.Y = a.Y; reset(); }
    M = d2.M - a.M;
    if (M < 0) { Y--; M += 12; }
    if (M !== 0) { d2.M = a.M; reset(); }
    for (let guard = 0; a.jd > d2.jd && guard < 24; guard++) {
      M--;
      if (M < 0) { M = 11; Y--; }
      d2.M++;
      if (d2.M > 12) { d2.M = 1; d2.Y++; }
      reset();
    }
    diff = d2.jd - a.jd;
  }
  const r = new DateTime();
  r.jd = diff + 148699540800000;
  r.validJD = true;
  r.computeYMDHMS();
  return `${sign}${sqlPrintf('%04d', [Y], 0, 1)}-${pad(M, 2)}-${pad(r.D - 1, 2)} ${pad(r.h, 2)}:${pad(r.m, 2)}:${sqlPrintf('%06.3f', [r.s], 0, 1)}`;
}

function dateFn(name: string, minArgs: number, render: (p: DateTime) => SqlValue): ScalarDef {
  return {
    name, minArgs, maxArgs: -1, deterministic: false,
    call: (r, b, n) => {
      const p = toDateTime(r, b, n);
      return p === null ? null : render(p);
    },
  };
}

function currentFn(name: string, render: (p: DateTime) => string): ScalarDef {
  return { name, minArgs: 0, maxArgs: 0, deterministic: false, call: () => {
    const p = toDateTime([], 0, 0)!;
    p.computeYMDHMS();
    return render(p);
  } };
}

export const DATETIME_SCALARS: readonly ScalarDef[] = [
  dateFn('date', 0, (p) => (p.computeYMD(), ymd(p))),
  dateFn('time', 0, (p) => (p.computeHMS(), hms(p))),
  dateFn('datetime', 0, (p) => (p.computeYMDHMS(), `${ymd(p)} ${hms(p)}`)),
  dateFn('julianday', 0, (p) => realValue(p.jd / DAY_MS)),
  dateFn('unixepoch', 0, unixSeconds),
  {
    name: 'strftime', minArgs: 1, maxArgs: -1, deterministic: false,
    call: (r, b, n) => {
      const fmt = r[b]!;
      if (fmt === null) return null;
      const p = toDateTime(r, b + 1, n - 1);
      return p === null ? null : strftime(textOf(fmt), p);
    },
  },
  {
    name: 'timediff', minArgs: 2, maxArgs: 2, deterministic: false,
    call: (r, b) => {
      const a = toDateTime(r, b, 1);
      const c = toDateTime(r, b + 1, 1);
      return a === null || c === null ? null : timediff(a, c);
    },
  },
  currentFn('current_date', ymd),
  currentFn('current_time', (p) => hms(p)),
  currentFn('current_timestamp', (p) => `${ymd(p)} ${hms(p)}`),
];
