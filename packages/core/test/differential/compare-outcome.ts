/**
 * Deciding whether Minnow's outcome matches the oracle's. Both must succeed or both fail;
 * errors must have the same message; rows must match value for value, storage class
 * included (INTEGER 1 is not REAL 1.0, REALs compare as exact doubles).
 *
 * Row order is only compared where the statement fixes it. Without ORDER BY, rows compare as
 * multisets. With ORDER BY (by output positions), rows are cut into runs of equal sort keys:
 * the sequence of keys must match exactly and each run must match as a multiset. Equal keys
 * are judged coarsely (numbers by value, text case- and trailing-space-folded), so ties under
 * NOCASE/RTRIM or between 1 and 1.0 never count as a difference; being coarser only makes the
 * run check more tolerant, never wrong. LIMIT may cut the last run and OFFSET the first one
 * anywhere, so those runs compare by size only; with LIMIT/OFFSET and no ORDER BY, only the
 * row count is fixed.
 */
import type { OrderSpec } from './generated.js';
import type { Outcome } from './outcome.js';

/** A sort key value, folded so that values SQLite may sort as equal fold alike. */
function coarse(v: string): string {
  if (v.startsWith('i:') || v.startsWith('r:')) return `n:${Number(v.slice(2))}`;
  if (v.startsWith('t:')) return `t:${(JSON.parse(v.slice(2)) as string).toLowerCase().replace(/ +$/, '')}`;
  return v;
}

function multisetKey(rows: readonly string[][]): string {
  return rows.map((r) => JSON.stringify(r)).sort().join('\n');
}

interface Run {
  key: string;
  rows: string[][];
}

function runs(rows: readonly string[][], keys: readonly number[]): Run[] {
  const out: Run[] = [];
  for (const r of rows) {
    const key = keys.map((k) => coarse(r[k] ?? 'NULL')).join('|');
    const last = out[out.length - 1];
    if (last !== undefined && last.key === key) last.rows.push(r);
    else out.push({ key, rows: [r] });
  }
  return out;
}

function rowsMatch(want: readonly string[][], got: readonly string[][], order: OrderSpec): string | null {
  if (want.length !== got.length) return `row count ${got.length}, expected ${want.length}`;
  if (want.length > 0 && got.length > 0 && want[0]!.length !== got[0]!.length) return `column count ${got[0]!.length}, expected ${want[0]!.length}`;
  if (order.keys === null) {
    if (order.limit || order.offset) return null;
    return multisetKey(want) === multisetKey(got) ? null : 'different rows';
  }
  const a = runs(want, order.keys);
  const b = runs(got, order.keys);
  if (a.length !== b.length) return `different order (${b.length} runs of equal keys, expected ${a.length})`;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.key !== y.key) return `different order at run ${i}: key ${y.key}, expected ${x.key}`;
    const cut = (i === 0 && order.offset) || (i === a.length - 1 && order.limit);
    if (cut ? x.rows.length !== y.rows.length : multisetKey(x.rows) !== multisetKey(y.rows)) return `different rows in run ${i}`;
  }
  return null;
}

/** null when Minnow's outcome matches the oracle's, else what differs. */
export function compareOutcomes(want: Outcome, got: Outcome, order: OrderSpec): string | null {
  if (got.kind === 'crash') return `crash: ${got.message}`;
  if (want.kind === 'error') {
    if (got.kind !== 'error') return `succeeded, expected error "${want.message}"`;
    return got.message === want.message ? null : `error "${got.message}", expected "${want.message}"`;
  }
  if (want.kind !== 'rows') return 'oracle crashed';
  if (got.kind === 'error') return `error "${got.message}", expected success`;
  return rowsMatch(want.rows, got.rows, order);
}

/** A short rendering of an outcome for reports. */
export function showOutcome(o: Outcome, maxRows = 8): string {
  if (o.kind !== 'rows') return `${o.kind}: ${o.message}`;
  const shown = o.rows.slice(0, maxRows).map((r) => `  [${r.join(', ')}]`);
  if (o.rows.length > maxRows) shown.push(`  ... ${o.rows.length - maxRows} more`);
  return `${o.rows.length} rows${shown.length > 0 ? `\n${shown.join('\n')}` : ''}`;
}
