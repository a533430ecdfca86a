/**
 * What the generator may produce. Each flag is one SQL feature; a flag is off when the
 * generator cannot produce it yet, when it is a known bug (reproducer on the flag), or when the
 * feature's results are not a pure function of the data (so two correct engines may differ). Turn flags on as features land:
 * `pnpm diff-test --seeds 50 --on compounds,ctes`.
 */
export interface Features {
  // ---- present in Minnow today --------------------------------------------------------------
  indexes: boolean;
  uniqueIndexes: boolean;
  joins: boolean;
  leftJoins: boolean;
  subqueries: boolean;
  correlated: boolean;
  aggregates: boolean;
  groupBy: boolean;
  distinct: boolean;
  orderBy: boolean;
  limit: boolean;
  casts: boolean;
  likeGlob: boolean;
  stringFunctions: boolean;
  bitwise: boolean;
  insertSelect: boolean;
  insertOrIgnore: boolean;
  transactions: boolean;
  dropTable: boolean;
  /** Statements that must fail (syntax errors, unknown names, wrong argument counts). */
  errors: boolean;
  /** UNION / UNION ALL between simple cores. */
  union: boolean;
  // ---- off: Minnow has these now, but the generator does not produce them yet (only `checks`
  // ---- is generated; with it on, seed 6 of the vitest run finds a mismatch still to reduce) ----
  /** INTERSECT / EXCEPT */
  compounds: boolean;
  /** WITH ... */
  ctes: boolean;
  /** CREATE VIEW */
  views: boolean;
  /** Subqueries in FROM */
  fromSubqueries: boolean;
  /** CHECK constraints */
  checks: boolean;
  /** INSERT OR REPLACE / REPLACE INTO / UPSERT */
  upsert: boolean;
  /** CREATE TRIGGER */
  triggers: boolean;
  /** ALTER TABLE */
  alterTable: boolean;
  /** NATURAL / USING / RIGHT / FULL joins */
  moreJoins: boolean;
  /** Window functions */
  windows: boolean;
  /** printf/format */
  printf: boolean;
  // ---- off by default: known bugs outside the expression code (reproducers in the report) ----
  /**
   * ORDER BY on a UNION ALL: rows of every core but the last are written to the sorter
   * before the key layout is known (compile/select.ts compileCompound), so they come out
   * shifted: `SELECT a, b FROM t UNION ALL SELECT 3, 'z' ORDER BY 1` gives ['x', NULL].
   */
  compoundOrderBy: boolean;
  /**
   * Aggregates where they are not allowed: WHERE names the first aggregate wrongly
   * ("misuse of aggregate function count()" for max()), GROUP BY should say "aggregate
   * functions are not allowed in the GROUP BY clause" (compile/select.ts).
   */
  aggregateMisuse: boolean;
  /**
   * Integer constants as GROUP BY / ORDER BY terms: SQLite takes -(-2) as position 2 and
   * 9223372036854775806 as a constant, and reports ORDER BY 0/-1 out of range
   * (compile/select.ts, aggregate.ts).
   */
  constantTerms: boolean;
  /**
   * UNION (distinct) over rows that are equal but not identical (1 and 1.0): SQLite keeps the
   * last one seen, Minnow the first (`SELECT 1 UNION SELECT 1.0` is 1.0 in SQLite). Off:
   * compounds are UNION ALL only.
   */
  unionTies: boolean;
  /**
   * INSERT ... VALUES whose expressions read the target table: SQLite evaluates all rows
   * before inserting any; Minnow inserts row by row (compile/insert.ts), so
   * `INSERT INTO t VALUES (1), ((SELECT count(*) FROM t))` stores 1 where SQLite stores 0.
   */
  insertReadsTarget: boolean;
  /**
   * Explicit rowids of 2^63-1: SQLite then picks unused rowids at random (so the result is
   * not reproducible); Minnow fails with "database or disk is full" (vdbe NewRowid).
   */
  maxRowid: boolean;
  // ---- off by default: representation gaps ---------------------------------------------------
  /**
   * Blobs that are not valid UTF-8 or hold NUL (x'00ff'): as TEXT (||, LIKE, GLOB) SQLite
   * keeps the raw bytes and its C-string functions stop at NUL; Minnow's TEXT is a JS string.
   */
  rawBlobText: boolean;
  // ---- off by default: order- or plan-dependent results -------------------------------------
  /**
   * group_concat and sum/avg/total over REALs: the result depends on the order rows are
   * visited, which depends on the access path SQLite's planner picks.
   */
  orderSensitiveAggregates: boolean;
}

export const DEFAULT_FEATURES: Features = {
  indexes: true,
  uniqueIndexes: true,
  joins: true,
  leftJoins: true,
  subqueries: true,
  correlated: true,
  aggregates: true,
  groupBy: true,
  distinct: true,
  orderBy: true,
  limit: true,
  casts: true,
  likeGlob: true,
  stringFunctions: true,
  bitwise: true,
  insertSelect: true,
  insertOrIgnore: true,
  transactions: true,
  dropTable: true,
  errors: true,
  union: true,
  compounds: false,
  ctes: false,
  views: false,
  fromSubqueries: false,
  checks: false,
  upsert: false,
  triggers: false,
  alterTable: false,
  moreJoins: false,
  windows: false,
  printf: false,
  compoundOrderBy: false,
  aggregateMisuse: false,
  constantTerms: false,
  rawBlobText: false,
  maxRowid: false,
  unionTies: false,
  insertReadsTarget: false,
  orderSensitiveAggregates: false,
};

/** DEFAULT_FEATURES with the named flags switched on (`on`) or off (`off`). */
export function withFlags(on: readonly string[], off: readonly string[] = []): Features {
  const f: Features = { ...DEFAULT_FEATURES };
  const set = (name: string, v: boolean): void => {
    if (!(name in f)) throw new Error(`unknown feature flag: ${name} (known: ${Object.keys(f).join(', ')})`);
    (f as unknown as Record<string, boolean>)[name] = v;
  };
  for (const n of on) set(n, true);
  for (const n of off) set(n, false);
  return f;
}
