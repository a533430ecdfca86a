/**
 * What crosses between the page's API objects and the engine (main thread <-> worker, and
 * worker <-> the owning worker of another tab): requests, results and errors, all
 * structured-clone data. Errors travel as values, not exceptions, so the SQLite code survives.
 */

/** A value as the API hands it out: reals are plain numbers, blobs Uint8Arrays. */
export type WireValue = null | number | bigint | string | Uint8Array;

/** Bind parameters: positional (slot 1 first) or named (`{ name: value }`). */
export type WireParams = WireValue[] | Record<string, WireValue>;

/** How a statement's rows are shaped before they cross. */
export interface RowShape {
  /** Arrays instead of objects keyed by column name. */
  raw: boolean;
  /** Only the first column's value. */
  pluck: boolean;
  /** Every INTEGER as a bigint (else numbers, large ones rounded). */
  safeIntegers: boolean;
}

export type Request =
  | { op: 'prepare'; id: string; sql: string }
  | { op: 'stmt'; id: string; sql: string; mode: 'run' | 'get' | 'all'; params: WireParams; shape: RowShape }
  | { op: 'query'; sql: string; mode: 'run' | 'get' | 'all'; params: WireParams; shape: RowShape }
  | { op: 'finalize'; id: string }
  | { op: 'exec'; sql: string }
  | { op: 'export' }
  | { op: 'info' }
  | { op: 'endSession' };

export interface PreparedInfo {
  columns: string[];
  reader: boolean;
  readonly: boolean;
  paramCount: number;
}

export interface RunInfo {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface DbInfo {
  name: string;
  storage: StorageKind;
  inTransaction: boolean;
  /** This tab's worker owns the file (else it forwards to the tab that does). */
  owner: boolean;
}

export type StorageKind = 'opfs' | 'idb' | 'memory';

export type Result = ResultBody & {
  /** Whether the connection is inside BEGIN ... COMMIT after the call. */
  inTransaction?: boolean;
};

export type ResultBody =
  | { ok: true; prepared: PreparedInfo }
  | { ok: true; run: RunInfo }
  | { ok: true; rows: unknown[]; columns: string[] }
  | { ok: true; row: unknown }
  | { ok: true; bytes: Uint8Array }
  | { ok: true; info: DbInfo }
  | { ok: true }
  | { ok: false; error: WireError };

export interface WireError {
  /** SQLite's extended code name, e.g. SQLITE_CONSTRAINT_UNIQUE. */
  code: string;
  message: string;
  /** Offset in the SQL of the token a syntax error is about, when known. */
  offset?: number;
  /** The owning tab went away or handed over: the call may be sent again to the new owner. */
  moved?: boolean;
}
