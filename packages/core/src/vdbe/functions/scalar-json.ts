/**
 * JSON scalar functions over JSON text (JSONB blobs are not supported): json, json_valid,
 * json_type, json_extract, -> and ->>, json_array, json_object, json_array_length,
 * json_insert/replace/set/remove, json_patch, json_quote, json_error_position.
 */
import { SqliteError } from '../../errors.js';
import type { SqlValue } from '../../format/sql-value.js';
import type { FunctionContext, ScalarDef } from './function-def.js';
import { cloneNode, escapeJson, type JNode, render, renderPretty } from './json-node.js';
import { JsonSyntaxError, parseJsonText } from './json-parse.js';
import { edit, type EditMode, lookup, parsePath, type Step } from './json-path.js';
import { docArg, isJsonArg, jsonResult, jsonTypeName, nodeToValue, valueToNode } from './json-values.js';
import { int64Arg, textOf } from './value-helpers.js';

function fn(name: string, minArgs: number, maxArgs: number, call: ScalarDef['call'], json = false, tag = json): ScalarDef {
  if (!json || !tag) return { name, minArgs, maxArgs, deterministic: true, call, json };
  if (!json) return { name, minArgs, maxArgs, deterministic: true, call };
  const tagged: ScalarDef['call'] = (r, b, n, ctx) => {
    const v = call(r, b, n, ctx);
    return typeof v === 'string' ? jsonResult(v) : v;
  };
  return { name, minArgs, maxArgs, deterministic: true, call: tagged, json };
}

/** The node at text path `p` of `doc`, undefined when absent. */
function at(doc: JNode, p: SqlValue): JNode | undefined {
  const steps = parsePath(textOf(p!));
  return steps === null ? undefined : lookup(doc, steps);
}

/** The path an `->`/`->>` right operand stands for. */
function arrowPath(v: SqlValue): Step[] | null {
  if (typeof v === 'number' || typeof v === 'bigint') {
    const n = BigInt(v);
    return [n < 0n ? { index: Number(-n), fromEnd: true } : { index: Number(n), fromEnd: false }];
  }
  const t = textOf(v!);
  if (t.startsWith('$')) return parsePath(t);
  if (t.startsWith('[')) return parsePath('$' + t);
  return [{ key: t }];
}

function arrow(asJson: boolean): ScalarDef['call'] {
  return (r, b) => {
    const doc = docArg(r[b]!);
    const p = r[b + 1]!;
    if (doc === null || p === null) return null;
    const steps = arrowPath(p);
    const n = steps === null ? undefined : lookup(doc, steps);
    if (n === undefined) return null;
    return asJson ? render(n) : nodeToValue(n);
  };
}

function editor(mode: EditMode): ScalarDef['call'] {
  return (r, b, n, ctx) => {
    if (mode !== 'remove' && n % 2 === 0) {
      throw new SqliteError('SQLITE_ERROR', `json_${mode === 'arrayInsert' ? 'array_insert' : mode}() needs an odd number of arguments`);
    }
    const src = docArg(r[b]!);
    if (src === null) return null;
    let doc: JNode | null = cloneNode(src);
    const step = mode === 'remove' ? 1 : 2;
    for (let i = 1; i < n; i += step) {
      const p = r[b + i]!;
      if (p === null) return null;
      const steps = parsePath(textOf(p));
      if (steps === null) continue;
      if (mode === 'arrayInsert') {
        if (steps.length === 0) continue;
        if ('key' in steps[steps.length - 1]!) throw new SqliteError('SQLITE_ERROR', `not an array element: '${textOf(p)}'`);
      }
      const value = mode === 'remove' ? doc! : valueToNode(r[b + i + 1]!, isJsonArg(ctx, i + 1, r[b + i + 1]!));
      doc = edit(doc!, steps, mode, value);
      if (doc === null) return null;
    }
    return render(doc!);
  };
}

/** RFC 7396 merge patch. */
function mergePatch(target: JNode, patch: JNode): JNode {
  if (patch.k !== 'obj') return patch;
  const out: Extract<JNode, { k: 'obj' }> = target.k === 'obj' ? { k: 'obj', keys: [...target.keys], vals: [...target.vals] } : { k: 'obj', keys: [], vals: [] };
  for (let i = 0; i < patch.keys.length; i++) {
    const key = patch.keys[i]!;
    const v = patch.vals[i]!;
    const idx = out.keys.indexOf(key);
    if (v.k === 'null') {
      if (idx >= 0) {
        out.keys.splice(idx, 1);
        out.vals.splice(idx, 1);
      }
    } else if (idx >= 0) {
      out.vals[idx] = mergePatch(out.vals[idx]!, v);
    } else {
      out.keys.push(key);
      out.vals.push(mergePatch({ k: 'null' }, v));
    }
  }
  return out;
}

function jsonValid(r: SqlValue[], b: number, n: number): SqlValue {
  const v = r[b]!;
  let flags = 1n;
  if (n > 1) {
    const f = r[b + 1]!;
    flags = f === null ? 0n : int64Arg(f);
    if (flags < 1n || flags > 15n) throw new SqliteError('SQLITE_ERROR', 'FLAGS parameter to json_valid() must be between 1 and 15');
  }
  if (v === null) return null;
  if (v instanceof Uint8Array) return 0;
  if ((flags & 3n) === 0n) return 0;
  try {
    const { json5 } = parseJsonText(textOf(v));
    return json5 && (flags & 2n) === 0n ? 0 : 1;
  } catch (e) {
    if (e instanceof JsonSyntaxError) return 0;
    throw e;
  }
}

function objectOf(r: SqlValue[], b: number, n: number, ctx: FunctionContext): string {
  if (n % 2 !== 0) throw new SqliteError('SQLITE_ERROR', 'json_object() requires an even number of arguments');
  const parts: string[] = [];
  for (let i = 0; i < n; i += 2) {
    const k = r[b + i]!;
    if (typeof k !== 'string') throw new SqliteError('SQLITE_ERROR', 'json_object() labels must be TEXT');
    parts.push(`"${escapeJson(k)}":${render(valueToNode(r[b + i + 1]!, isJsonArg(ctx, i + 1, r[b + i + 1]!)))}`);
  }
  return `{${parts.join(',')}}`;
}

export const JSON_SCALARS: readonly ScalarDef[] = [
  fn('json', 1, 1, (r, b) => {
    const doc = docArg(r[b]!);
    return doc === null ? null : render(doc);
  }, true),
  fn('json_valid', 1, 2, jsonValid),
  fn('json_error_position', 1, 1, (r, b) => {
    const v = r[b]!;
    if (v === null) return null;
    try {
      parseJsonText(textOf(v));
      return 0;
    } catch (e) {
      if (e instanceof JsonSyntaxError) return e.position + 1;
      throw e;
    }
  }),
  fn('json_quote', 1, 1, (r, b, _n, ctx) => render(valueToNode(r[b]!, isJsonArg(ctx, 0, r[b]!))), true),
  fn('json_array', 0, -1, (r, b, n, ctx) => {
    const items: string[] = [];
    for (let i = 0; i < n; i++) items.push(render(valueToNode(r[b + i]!, isJsonArg(ctx, i, r[b + i]!))));
    return `[${items.join(',')}]`;
  }, true),
  fn('json_object', 0, -1, objectOf, true),
  fn('json_type', 1, 2, (r, b, n) => {
    const doc = docArg(r[b]!);
    if (doc === null) return null;
    if (n > 1 && r[b + 1] === null) return null;
    const node = n > 1 ? at(doc, r[b + 1]!) : doc;
    return node === undefined ? null : jsonTypeName(node);
  }),
  fn('json_array_length', 1, 2, (r, b, n) => {
    const doc = docArg(r[b]!);
    if (doc === null) return null;
    if (n > 1 && r[b + 1] === null) return null;
    const node = n > 1 ? at(doc, r[b + 1]!) : doc;
    if (node === undefined) return null;
    return node.k === 'arr' ? node.items.length : 0;
  }),
  fn('json_extract', 1, -1, (r, b, n) => {
    const doc = docArg(r[b]!);
    if (doc === null) return null;
    if (n === 2) {
      if (r[b + 1] === null) return null;
      const node = at(doc, r[b + 1]!);
      if (node === undefined) return null;
      return node.k === 'arr' || node.k === 'obj' ? jsonResult(render(node)) : nodeToValue(node);
    }
    const items: string[] = [];
    for (let i = 1; i < n; i++) {
      if (r[b + i] === null) return null;
      const node = at(doc, r[b + i]!);
      items.push(node === undefined ? 'null' : render(node));
    }
    return jsonResult(`[${items.join(',')}]`);
  }, true, false),
  fn('->', 2, 2, arrow(true), true),
  fn('->>', 2, 2, arrow(false)),
  fn('json_set', 1, -1, editor('set'), true),
  fn('json_insert', 1, -1, editor('insert'), true),
  fn('json_replace', 1, -1, editor('replace'), true),
  fn('json_remove', 1, -1, editor('remove'), true),
  fn('json_array_insert', 1, -1, editor('arrayInsert'), true),
  fn('json_pretty', 1, 2, (r, b, n) => {
    const doc = docArg(r[b]!);
    if (doc === null) return null;
    const indent = n > 1 && r[b + 1] !== null ? textOf(r[b + 1]!) : '    ';
    return renderPretty(doc, indent);
  }, true),
  fn('json_patch', 2, 2, (r, b) => {
    const t = docArg(r[b]!);
    const p = docArg(r[b + 1]!);
    if (t === null || p === null) return null;
    return render(mergePatch(t, p));
  }, true),
];
