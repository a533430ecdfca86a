/**
 * The function registry: built-in scalars and aggregates by lower-cased name. A name may have
 * both forms (min/max: one argument is the aggregate, several the scalar); the compiler asks
 * for the kind it needs by argument count and reports SQLite's errors otherwise.
 */
import { AGGREGATES } from './aggregates.js';
import { type ConnectionCounters, connectionScalars } from './scalar-connection.js';
import type { AggregateDef, ScalarDef } from './function-def.js';
import { CORE_SCALARS } from './scalar-core.js';
import { TEXT_SCALARS } from './scalar-text.js';
import { MISC_SCALARS } from './scalar-misc.js';
import { MATH_SCALARS } from './scalar-math.js';
import { DATETIME_SCALARS } from './scalar-datetime.js';
import { JSON_SCALARS } from './scalar-json.js';
import { JSON_AGGREGATES } from './json-aggregates.js';

export class FunctionRegistry {
  private readonly scalars = new Map<string, ScalarDef[]>();
  private readonly aggregates = new Map<string, AggregateDef[]>();

  constructor(base?: FunctionRegistry) {
    if (base !== undefined) {
      for (const [k, v] of base.scalars) this.scalars.set(k, [...v]);
      for (const [k, v] of base.aggregates) this.aggregates.set(k, [...v]);
      return;
    }
    for (const f of CORE_SCALARS) this.addScalar(f);
    for (const f of TEXT_SCALARS) this.addScalar(f);
    for (const f of AGGREGATES) this.addAggregate(f);
    for (const f of MISC_SCALARS) this.addScalar(f);
    for (const f of MATH_SCALARS) this.addScalar(f);
    for (const f of DATETIME_SCALARS) this.addScalar(f);
    for (const f of JSON_SCALARS) this.addScalar(f);
    for (const f of JSON_AGGREGATES) this.addAggregate(f);
  }

  /** A copy with changes(), total_changes() and last_insert_rowid() reading `counters`. */
  forConnection(counters: ConnectionCounters): FunctionRegistry {
    const r = new FunctionRegistry(this);
    for (const f of connectionScalars(counters)) r.addScalar(f);
    return r;
  }

  addScalar(f: ScalarDef): void {
    const list = this.scalars.get(f.name) ?? [];
    list.push(f);
    this.scalars.set(f.name, list);
  }

  addAggregate(f: AggregateDef): void {
    const list = this.aggregates.get(f.name) ?? [];
    list.push(f);
    this.aggregates.set(f.name, list);
  }

  scalar(name: string, argc: number): ScalarDef | undefined {
    return this.scalars.get(name.toLowerCase())?.find((f) => fits(f, argc));
  }

  aggregate(name: string, argc: number): AggregateDef | undefined {
    return this.aggregates.get(name.toLowerCase())?.find((f) => fits(f, argc));
  }

  /** Whether a call to `name` with `argc` arguments yields JSON (SQLite's JSON subtype). */
  returnsJson(name: string, argc: number): boolean {
    return (this.scalar(name, argc)?.json ?? false) || (this.aggregate(name, argc)?.json ?? false);
  }

  /** Whether any function (of either kind, any arity) has this name. */
  exists(name: string): boolean {
    const n = name.toLowerCase();
    return this.scalars.has(n) || this.aggregates.has(n);
  }
}

function fits(f: { minArgs: number; maxArgs: number }, argc: number): boolean {
  return argc >= f.minArgs && (f.maxArgs < 0 || argc <= f.maxArgs);
}

export const BUILTIN_FUNCTIONS = new FunctionRegistry();
