/**
 * Per-connection PRAGMA settings that are not stored in the file: their defaults (SQLite's),
 * and how a set value is normalised. foreign_keys and recursive_triggers are accepted and
 * reported; synchronous and cache_size have no effect on Minnow's I/O.
 */
import type { SqlValue } from '../format/sql-value.js';
import type { TextEncoding } from '../format/text-codec.js';

const DEFAULTS: Record<string, SqlValue> = {
  foreign_keys: 0,
  recursive_triggers: 0,
  cache_size: -2000,
  synchronous: 2,
  temp_store: 0,
  busy_timeout: 0,
  case_sensitive_like: 0,
  automatic_index: 1,
};

const BOOLEAN = new Set(['foreign_keys', 'recursive_triggers', 'case_sensitive_like', 'automatic_index']);
const SYNCHRONOUS: Record<string, number> = { off: 0, normal: 1, full: 2, extra: 3 };

function asInteger(v: SqlValue): number {
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const lower = v.toLowerCase();
    if (lower === 'on' || lower === 'yes' || lower === 'true') return 1;
    if (lower === 'off' || lower === 'no' || lower === 'false') return 0;
    if (lower in SYNCHRONOUS) return SYNCHRONOUS[lower]!;
    const n = Number.parseInt(v, 10);
    return Number.isNaN(n) ? 0 : n;
  }
  return 0;
}

export function connectionSetting(settings: Map<string, SqlValue>, name: string, value: SqlValue | undefined, enc: TextEncoding): SqlValue {
  if (name === 'encoding') return enc === 1 ? 'UTF-8' : enc === 2 ? 'UTF-16le' : 'UTF-16be';
  if (value !== undefined) {
    let v = asInteger(value);
    if (BOOLEAN.has(name)) v = v !== 0 ? 1 : 0;
    settings.set(name, v);
  }
  return settings.get(name) ?? DEFAULTS[name] ?? null;
}

export function isConnectionSetting(name: string): boolean {
  return name in DEFAULTS || name === 'encoding';
}
