/**
 * Conversions between SQL values and JSON nodes for the JSON functions.
 */
import { SqliteError } from '../../errors.js';
import { intValue, realValue, SqlReal, type SqlValue } from '../../format/sql-value.js';
import type { FunctionContext } from './function-def.js';
import { escapeJson, type JNode, JNULL, render, unescapeJson } from './json-node.js';
import { parseJson } from './json-parse.js';
import { realText } from './printf-float.js';
import { textOf } from './value-helpers.js';

/** A REAL as JSON: SQLite's REAL text, with 9e999 for infinities. */
function realNode(r: number): JNode {
  if (Number.isNaN(r)) return JNULL;
  if (!Number.isFinite(r)) return { k: 'real', text: r > 0 ? '9e999' : '-9e999' };
  return { k: 'real', text: realText(r) };
}

/**
 * SQLite tags JSON function results with a subtype that survives only from one function to
 * the next. The compiler marks arguments that are calls to JSON functions (ctx.jsonArgs);
 * since json_extract() returns JSON only for arrays and objects, results are also recorded
 * here, for the current synchronous run, and an argument counts as JSON when both agree.
 */
const producedJson = new Set<string>();
let clearing = false;

export function jsonResult(text: string): string {
  if (producedJson.size > 4096) producedJson.clear();
  producedJson.add(text);
  if (!clearing) {
    clearing = true;
    void Promise.resolve().then(() => {
      producedJson.clear();
      clearing = false;
    });
  }
  return text;
}

export function isJsonArg(ctx: FunctionContext, i: number, v: SqlValue): boolean {
  return i < 31 && ((ctx.jsonArgs ?? 0) & (1 << i)) !== 0 && typeof v === 'string' && producedJson.has(v);
}

/** SQL value to JSON: TEXT becomes a string unless it came from a JSON function. */
export function valueToNode(v: SqlValue, isJson: boolean): JNode {
  if (v === null) return JNULL;
  if (v instanceof Uint8Array) throw new SqliteError('SQLITE_ERROR', 'JSON cannot hold BLOB values');
  if (typeof v === 'string') return isJson ? parseJson(v) : { k: 'str', raw: escapeJson(v) };
  if (typeof v === 'bigint') return { k: 'int', text: String(v) };
  if (v instanceof SqlReal) return realNode(v.value);
  return Number.isInteger(v) ? { k: 'int', text: String(v) } : realNode(v);
}

/** The JSON document of a function's first argument (NULL stays null). */
export function docArg(v: SqlValue): JNode | null {
  if (v === null) return null;
  if (v instanceof Uint8Array) throw new SqliteError('SQLITE_ERROR', 'malformed JSON');
  return parseJson(textOf(v));
}

/** A JSON node as an SQL value (json_extract, ->>). */
export function nodeToValue(n: JNode): SqlValue {
  switch (n.k) {
    case 'null': return null;
    case 'true': return 1;
    case 'false': return 0;
    case 'int': {
      const big = BigInt(n.text);
      if (big > 0x7fffffffffffffffn || big < -0x8000000000000000n) return realValue(Number(n.text));
      return intValue(big);
    }
    case 'real': return realValue(Number(n.text));
    case 'str': return unescapeJson(n.raw);
    default: return render(n);
  }
}

export function jsonTypeName(n: JNode): string {
  switch (n.k) {
    case 'int': return 'integer';
    case 'str': return 'text';
    case 'arr': return 'array';
    case 'obj': return 'object';
    default: return n.k;
  }
}
