/**
 * Bind parameters as callers pass them, in the better-sqlite3 / Turso style: `run(1, 'a')`,
 * `run([1, 'a'])`, or `run({ id: 1 })` (named, without the prefix).
 */
import type { WireParams, WireValue } from '../worker/wire-types.js';

export type BindValue = WireValue | boolean | undefined | ArrayBuffer | ArrayBufferView;
export type BindParameters = BindValue[] | [Record<string, BindValue>] | [BindValue[]];

function isNamed(v: unknown): v is Record<string, BindValue> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer);
}

export function normalizeParams(args: readonly unknown[]): WireParams {
  if (args.length === 1) {
    const only = args[0];
    if (Array.isArray(only)) return only as WireValue[];
    if (isNamed(only)) return only as Record<string, WireValue>;
  }
  return args as WireValue[];
}
