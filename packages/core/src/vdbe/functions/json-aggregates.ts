/**
 * json_group_array(X) and json_group_object(NAME, VALUE): JSON text of the group's values
 * (NULL becomes null; TEXT from a JSON function is embedded as JSON).
 */
import { SqliteError } from '../../errors.js';
import type { SqlValue } from '../../format/sql-value.js';
import type { AggregateDef, AggregateState, FunctionContext } from './function-def.js';
import { escapeJson, render } from './json-node.js';
import { isJsonArg, jsonResult, valueToNode } from './json-values.js';
import { textOf } from './value-helpers.js';

class GroupArray implements AggregateState {
  private readonly items: string[] = [];
  step(r: SqlValue[], b: number, _n: number, ctx: FunctionContext): void {
    this.items.push(render(valueToNode(r[b]!, isJsonArg(ctx, 0, r[b]!))));
  }
  final(): SqlValue {
    return jsonResult(`[${this.items.join(',')}]`);
  }
}

class GroupObject implements AggregateState {
  private readonly items: string[] = [];
  step(r: SqlValue[], b: number, _n: number, ctx: FunctionContext): void {
    const k = r[b]!;
    // SQLite skips rows whose label is NULL.
    if (k === null) return;
    if (k instanceof Uint8Array) throw new SqliteError('SQLITE_ERROR', 'json_group_object() labels must be TEXT');
    this.items.push(`"${escapeJson(textOf(k))}":${render(valueToNode(r[b + 1]!, isJsonArg(ctx, 1, r[b + 1]!)))}`);
  }
  final(): SqlValue {
    return jsonResult(`{${this.items.join(',')}}`);
  }
}

export const JSON_AGGREGATES: readonly AggregateDef[] = [
  { name: 'json_group_array', minArgs: 1, maxArgs: 1, create: () => new GroupArray(), json: true },
  { name: 'json_group_object', minArgs: 2, maxArgs: 2, create: () => new GroupObject(), json: true },
];
