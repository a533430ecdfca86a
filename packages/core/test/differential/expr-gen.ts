/**
 * Random expressions over the columns in scope: literals of every storage class, column
 * references (qualified or not, the rowid too), arithmetic, concatenation, bitwise operators,
 * comparisons with COLLATE, BETWEEN, IN lists, LIKE/GLOB, IS [NOT] [NULL], CASE, CAST, the
 * deterministic scalar functions, and subqueries (scalar, IN, EXISTS; correlated through the
 * enclosing scopes). Aggregate expressions are built separately (`aggregateExpr`).
 *
 * Nondeterminism is kept out by construction: no random(), no clock, scalar subqueries are
 * aggregates (a bare scalar subquery returns "the first row", which is plan dependent).
 */
import type { Features } from './features.js';
import type { Prng } from './prng.js';
import type { SchemaModel, TableModel } from './schema-model.js';
import { literalOf, numberLiteral, randomLiteral } from './value-gen.js';

export interface Source {
  readonly alias: string;
  readonly table: TableModel;
}

/** The sources visible at one level, and the levels around it (for correlation). */
export interface Scope {
  readonly sources: readonly Source[];
  readonly outer: Scope | null;
}

const ARITH_OPS = ['+', '-', '*', '/', '%'];
const BIT_OPS = ['&', '|', '<<', '>>'];
const CMP_OPS = ['=', '==', '<>', '!=', '<', '<=', '>', '>=', 'IS', 'IS NOT'];
const COLLATIONS = ['NOCASE', 'RTRIM', 'BINARY'];
const CAST_TYPES = ['INTEGER', 'REAL', 'TEXT', 'NUMERIC', 'BLOB', 'INT', 'VARCHAR(5)', 'FLOAT', 'DATE'];
const LIKE_PATTERNS = ["'a%'", "'%b%'", "'_'", "'A_C'", "'%'", "'1%'", "'%.%'", "'abc'", "'%c'", "'[a]%'"];
const GLOB_PATTERNS = ["'a*'", "'*b*'", "'?'", "'[a-c]*'", "'[^a]*'", "'1*'", "'*[0-9]'", "'A?C'", "'abc'", "'*'"];

export class ExprGen {
  constructor(
    readonly rng: Prng,
    readonly features: Features,
    readonly model: SchemaModel,
  ) {}

  /** A reference to a column of some source in `scope` (or an outer scope, rarely). */
  columnRef(scope: Scope): string {
    const rng = this.rng;
    let s: Scope = scope;
    while (s.outer !== null && (s.sources.length === 0 || (this.features.correlated && rng.chance(0.15)))) s = s.outer;
    if (s.sources.length === 0) return this.literal();
    const src = rng.pick(s.sources);
    const col = this.pickColumn(src.table);
    const total = countSources(scope);
    // Unqualified names only where they are unambiguous enough to be interesting.
    if (col === 'rowid') return rng.chance(0.5) || total > 1 ? `${src.alias}.rowid` : 'rowid';
    return total === 1 && s === scope && rng.chance(0.5) ? col : `${src.alias}.${col}`;
  }

  private pickColumn(t: TableModel): string {
    if (this.rng.chance(0.08)) return 'rowid';
    return this.rng.pick(t.columns).name;
  }

  literal(): string {
    return randomLiteral(this.rng, this.features.rawBlobText);
  }

  /** An expression of at most `depth` levels. */
  expr(scope: Scope, depth: number): string {
    const rng = this.rng;
    if (depth <= 0 || rng.chance(0.3)) return rng.chance(0.65) ? this.columnRef(scope) : this.literal();
    const f = this.features;
    const kind = rng.weighted<string>([
      [4, 'arith'], [2, 'concat'], [f.bitwise ? 1 : 0, 'bit'], [1, 'unary'], [3, 'compare'], [2, 'logic'],
      [3, 'function'], [1, 'case'], [f.casts ? 2 : 0, 'cast'], [1, 'collate'],
      [f.subqueries ? 1 : 0, 'scalarSub'], [1, 'paren'],
    ]);
    const sub = (): string => this.expr(scope, depth - 1);
    switch (kind) {
      case 'arith':
        return `${sub()} ${rng.pick(ARITH_OPS)} ${rng.chance(0.5) ? sub() : numberLiteral(rng)}`;
      case 'concat':
        return `${sub()} || ${sub()}`;
      case 'bit':
        return rng.chance(0.2) ? `~${sub()}` : `${sub()} ${rng.pick(BIT_OPS)} ${rng.chance(0.5) ? sub() : numberLiteral(rng)}`;
      case 'unary':
        return rng.pick(['-', '+', '- ']) + `(${sub()})`;
      case 'compare':
      case 'logic':
        return `(${this.condition(scope, depth - 1)})`;
      case 'function':
        return this.functionCall(scope, depth - 1);
      case 'case':
        return this.caseExpr(scope, depth - 1);
      case 'cast':
        return `CAST(${sub()} AS ${rng.pick(CAST_TYPES)})`;
      case 'collate':
        return `${this.columnRef(scope)} COLLATE ${rng.pick(COLLATIONS)}`;
      case 'scalarSub':
        return this.scalarSubquery(scope);
      default:
        return `(${sub()})`;
    }
  }

  /** A boolean-ish expression (WHERE, ON, HAVING, CASE WHEN). */
  condition(scope: Scope, depth: number): string {
    const rng = this.rng;
    const f = this.features;
    const sub = (): string => this.expr(scope, Math.max(0, depth - 1));
    const kind = rng.weighted<string>([
      [6, 'cmp'], [2, 'and'], [2, 'or'], [1, 'not'], [2, 'between'], [2, 'inList'], [f.likeGlob ? 2 : 0, 'like'],
      [2, 'null'], [1, 'isBool'], [f.subqueries ? 1 : 0, 'inSelect'], [f.subqueries ? 1 : 0, 'exists'], [1, 'bare'], [1, 'distinct'],
    ]);
    switch (kind) {
      case 'cmp': {
        const op = rng.pick(CMP_OPS);
        const right = rng.chance(0.5) ? this.literal() : sub();
        const coll = rng.chance(0.15) ? ` COLLATE ${rng.pick(COLLATIONS)}` : '';
        return `${this.columnOrExpr(scope, depth)} ${op} ${right}${coll}`;
      }
      case 'and':
      case 'or':
        if (depth <= 0) return `${this.columnRef(scope)} ${rng.pick(CMP_OPS)} ${this.literal()}`;
        return `(${this.condition(scope, depth - 1)}) ${kind.toUpperCase()} (${this.condition(scope, depth - 1)})`;
      case 'not':
        return `NOT (${this.condition(scope, Math.max(0, depth - 1))})`;
      case 'between':
        return `${this.columnOrExpr(scope, depth)} ${rng.chance(0.3) ? 'NOT ' : ''}BETWEEN ${rng.chance(0.7) ? this.literal() : sub()} AND ${rng.chance(0.7) ? this.literal() : sub()}`;
      case 'inList': {
        const n = rng.int(0, 4);
        const items: string[] = [];
        for (let i = 0; i < n; i++) items.push(rng.chance(0.8) ? this.literal() : sub());
        return `${this.columnOrExpr(scope, depth)} ${rng.chance(0.3) ? 'NOT ' : ''}IN (${items.join(', ')})`;
      }
      case 'like': {
        const glob = rng.chance(0.4);
        const pat = rng.chance(0.8) ? rng.pick(glob ? GLOB_PATTERNS : LIKE_PATTERNS) : sub();
        const escape = !glob && rng.chance(0.15) ? ` ESCAPE ${rng.pick(["'%'", "'_'", "'\\'", "'a'", "'x'"])}` : '';
        return `${this.columnOrExpr(scope, depth)} ${rng.chance(0.3) ? 'NOT ' : ''}${glob ? 'GLOB' : 'LIKE'} ${pat}${escape}`;
      }
      case 'distinct':
        return `${this.columnOrExpr(scope, depth)} IS ${rng.chance(0.5) ? 'NOT ' : ''}DISTINCT FROM ${rng.chance(0.6) ? this.literal() : sub()}`;
      case 'null':
        return `${this.columnOrExpr(scope, depth)} ${rng.pick(['IS NULL', 'IS NOT NULL', 'ISNULL', 'NOTNULL', 'NOT NULL'])}`;
      case 'isBool':
        return `${this.columnOrExpr(scope, depth)} ${rng.pick(['IS TRUE', 'IS FALSE', 'IS NOT TRUE', 'IS NOT FALSE'])}`;
      case 'inSelect':
        return `${this.columnOrExpr(scope, depth)} ${rng.chance(0.3) ? 'NOT ' : ''}IN (${this.columnSubquery(scope)})`;
      case 'exists':
        return `${rng.chance(0.3) ? 'NOT ' : ''}EXISTS (${this.existsSubquery(scope)})`;
      default:
        return sub();
    }
  }

  private columnOrExpr(scope: Scope, depth: number): string {
    return this.rng.chance(0.7) ? this.columnRef(scope) : this.expr(scope, Math.max(0, depth - 1));
  }

  private functionCall(scope: Scope, depth: number): string {
    const rng = this.rng;
    const a = (): string => this.expr(scope, depth);
    const f = this.features;
    const choices: [number, () => string][] = [
      [2, () => `abs(${a()})`],
      [2, () => `coalesce(${a()}, ${a()}${rng.chance(0.5) ? `, ${a()}` : ''})`],
      [1, () => `ifnull(${a()}, ${a()})`],
      [1, () => `nullif(${a()}, ${a()})`],
      [1, () => `iif(${this.condition(scope, depth)}, ${a()}, ${a()})`],
      [3, () => `typeof(${a()})`],
      [1, () => `${rng.pick(['min', 'max'])}(${a()}, ${a()}${rng.chance(0.4) ? `, ${a()}` : ''})`],
      [1, () => `round(${a()}${rng.chance(0.5) ? `, ${rng.int(-1, 4)}` : ''})`],
      [f.stringFunctions ? 2 : 0, () => `length(${a()})`],
      [f.stringFunctions ? 1 : 0, () => `${rng.pick(['lower', 'upper'])}(${a()})`],
      [f.stringFunctions ? 2 : 0, () => `${rng.pick(['substr', 'substring'])}(${a()}, ${numberLiteral(rng)}${rng.chance(0.6) ? `, ${numberLiteral(rng)}` : ''})`],
      [f.stringFunctions ? 1 : 0, () => `${rng.pick(['trim', 'ltrim', 'rtrim'])}(${a()}${rng.chance(0.4) ? `, ${literalOf(rng, 'text')}` : ''})`],
      [f.stringFunctions ? 1 : 0, () => `replace(${a()}, ${rng.chance(0.7) ? literalOf(rng, 'text') : a()}, ${a()})`],
      [f.stringFunctions ? 1 : 0, () => `instr(${a()}, ${rng.chance(0.7) ? literalOf(rng, 'text') : a()})`],
      [f.stringFunctions ? 1 : 0, () => `hex(${a()})`],
      [f.stringFunctions ? 1 : 0, () => `quote(${a()})`],
      [f.stringFunctions ? 1 : 0, () => `unicode(${a()})`],
      [f.stringFunctions ? 1 : 0, () => `char(${rng.int(65, 122)}${rng.chance(0.5) ? `, ${rng.int(48, 57)}` : ''})`],
      [f.stringFunctions ? 1 : 0, () => `octet_length(${a()})`],
      [f.likeGlob ? 1 : 0, () => `${rng.pick(['like', 'glob'])}(${rng.pick(LIKE_PATTERNS)}, ${a()})`],
    ];
    return rng.weighted(choices)();
  }

  private caseExpr(scope: Scope, depth: number): string {
    const rng = this.rng;
    const n = rng.int(1, 3);
    const parts: string[] = [];
    const simple = rng.chance(0.4);
    for (let i = 0; i < n; i++) {
      const when = simple ? this.literal() : this.condition(scope, depth);
      parts.push(`WHEN ${when} THEN ${this.expr(scope, depth)}`);
    }
    const els = rng.chance(0.6) ? ` ELSE ${this.expr(scope, depth)}` : '';
    return `CASE ${simple ? `${this.columnRef(scope)} ` : ''}${parts.join(' ')}${els} END`;
  }

  /** A table to use in a subquery, with a fresh alias, and the scope inside it. */
  private innerSource(scope: Scope): { src: Source; inner: Scope } | null {
    if (this.model.tables.length === 0) return null;
    const table = this.rng.pick(this.model.tables);
    const src = { alias: `s${depthOf(scope)}`, table };
    return { src, inner: { sources: [src], outer: this.features.correlated ? scope : null } };
  }

  /** `(SELECT agg(...) FROM t [WHERE ...])`: one row, one column, whatever the data. */
  scalarSubquery(scope: Scope): string {
    const sub = this.innerSource(scope);
    if (sub === null) return '(SELECT 1)';
    const col = this.columnRef({ sources: [sub.src], outer: null });
    const agg = this.rng.pick([`count(*)`, `count(${col})`, `max(${col})`, `min(${col})`, `sum(CAST(${col} AS INTEGER) % 1000)`]);
    const where = this.rng.chance(0.7) ? ` WHERE ${this.condition(sub.inner, 1)}` : '';
    return `(SELECT ${agg} FROM ${sub.src.table.name} AS ${sub.src.alias}${where})`;
  }

  columnSubquery(scope: Scope): string {
    const sub = this.innerSource(scope);
    if (sub === null) return 'SELECT 1';
    const col = this.columnRef({ sources: [sub.src], outer: null });
    const where = this.rng.chance(0.6) ? ` WHERE ${this.condition(sub.inner, 1)}` : '';
    return `SELECT ${this.rng.chance(0.2) ? 'DISTINCT ' : ''}${col} FROM ${sub.src.table.name} AS ${sub.src.alias}${where}`;
  }

  private existsSubquery(scope: Scope): string {
    const sub = this.innerSource(scope);
    if (sub === null) return 'SELECT 1';
    return `SELECT 1 FROM ${sub.src.table.name} AS ${sub.src.alias} WHERE ${this.condition(sub.inner, 1)}`;
  }

  /** An aggregate call over the rows of `scope` (GROUP BY queries, HAVING). */
  aggregateCall(scope: Scope): string {
    const rng = this.rng;
    const col = rng.chance(0.8) ? this.columnRef(scope) : this.expr(scope, 1);
    const distinct = this.features.distinct && rng.chance(0.2) ? 'DISTINCT ' : '';
    const sensitive = this.features.orderSensitiveAggregates;
    return rng.weighted<() => string>([
      [3, () => 'count(*)'],
      [3, () => `count(${distinct}${col})`],
      [3, () => `max(${distinct}${col})`],
      [3, () => `min(${distinct}${col})`],
      // Integer sums are order-independent; REAL sums need the order-sensitive flag.
      [3, () => (sensitive ? `sum(${distinct}${col})` : `sum(${distinct}CAST(${col} AS INTEGER) % 100000)`)],
      [2, () => (sensitive ? `total(${col})` : `total(CAST(${col} AS INTEGER) % 100000)`)],
      [2, () => (sensitive ? `avg(${col})` : `avg(CAST(${col} AS INTEGER) % 1000)`)],
      [sensitive ? 1 : 0, () => `group_concat(${col}${rng.chance(0.5) ? ", '|'" : ''})`],
    ])();
  }

  /** An expression over aggregates and the GROUP BY terms (valid in an aggregate query's output). */
  aggregateExpr(scope: Scope, groupTerms: readonly string[]): string {
    const rng = this.rng;
    const leaf = (): string => (groupTerms.length > 0 && rng.chance(0.4) ? rng.pick(groupTerms) : this.aggregateCall(scope));
    return rng.weighted<() => string>([
      [6, leaf],
      [2, () => `${leaf()} ${rng.pick(ARITH_OPS)} ${rng.chance(0.5) ? leaf() : numberLiteral(rng)}`],
      [1, () => `typeof(${leaf()})`],
      [1, () => `coalesce(${leaf()}, ${this.literal()})`],
      [1, () => `${leaf()} ${rng.pick(CMP_OPS)} ${this.literal()}`],
    ])();
  }
}

function countSources(scope: Scope): number {
  return scope.sources.length;
}

function depthOf(scope: Scope): number {
  let d = 0;
  for (let s: Scope | null = scope; s !== null; s = s.outer) d++;
  return d;
}
