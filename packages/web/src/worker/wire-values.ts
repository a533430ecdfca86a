/**
 * Values between the engine's representation (SqlValue: SqlReal for integral reals, bigints
 * only outside the safe range, blobs that may be views of page buffers) and the API's.
 */
import { SqliteError, SqlReal, intValue, type SqlValue } from '@minnow/core';
import type { RowShape, WireError, WireParams, WireValue } from './wire-types.js';

/** A bind parameter from the API as the engine takes it. */
export function toSqlValue(v: unknown): SqlValue {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
    case 'string':
      return v;
    case 'bigint':
      return intValue(v);
    case 'boolean':
      return v ? 1 : 0;
    default:
      if (v instanceof Uint8Array) return v;
      if (v instanceof ArrayBuffer) return new Uint8Array(v);
      if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      throw new SqliteError('SQLITE_MISMATCH', `cannot bind a value of type ${Object.prototype.toString.call(v)}`);
  }
}

export function toSqlParams(params: WireParams): SqlValue[] | Record<string, SqlValue> {
  if (Array.isArray(params)) return params.map(toSqlValue);
  const out: Record<string, SqlValue> = {};
  for (const [k, v] of Object.entries(params)) out[k] = toSqlValue(v);
  return out;
}

/** An engine value as the API hands it out. */
export function toWireValue(v: SqlValue, safeIntegers: boolean): WireValue {
  if (v === null || typeof v === 'string') return v;
  if (typeof v === 'number') return safeIntegers && Number.isInteger(v) ? BigInt(v) : v;
  if (typeof v === 'bigint') return safeIntegers ? v : Number(v);
  if (v instanceof SqlReal) return v.value;
  // A blob may be a view of a page buffer or a program constant: the copy is the API's own,
  // so only its bytes cross and it can be transferred without detaching engine memory.
  return v.slice();
}

/** Shapes one row: an object by column name (later duplicates win), an array, or one value. */
export function shapeRow(row: readonly SqlValue[], columns: readonly string[], shape: RowShape): unknown {
  if (shape.pluck) return row.length === 0 ? undefined : toWireValue(row[0]!, shape.safeIntegers);
  if (shape.raw) return row.map((v) => toWireValue(v, shape.safeIntegers));
  const obj: Record<string, WireValue> = {};
  for (let i = 0; i < columns.length; i++) obj[columns[i]!] = toWireValue(row[i]!, shape.safeIntegers);
  return obj;
}

export function toWireError(e: unknown): WireError {
  if (e instanceof SqliteError) {
    const err: WireError = { code: e.code, message: e.message };
    const offset = (e as { offset?: unknown }).offset;
    if (typeof offset === 'number') err.offset = offset;
    return err;
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'SQLITE_INTERNAL', message };
}
