/**
 * One generated statement and what the comparison needs to know about its result.
 */
import type { SchemaModel } from './schema-model.js';

/** How a query's rows may be ordered (see compare-outcome.ts). */
export interface OrderSpec {
  /** Output column indexes the ORDER BY sorts by, in order; null when there is no ORDER BY. */
  readonly keys: readonly number[] | null;
  /** The first run of equal keys may be cut by OFFSET. */
  readonly offset: boolean;
  /** The last run of equal keys may be cut by LIMIT (without ORDER BY: any subset). */
  readonly limit: boolean;
}

export interface GeneratedStatement {
  readonly sql: string;
  readonly kind: 'ddl' | 'dml' | 'query' | 'txn' | 'error';
  readonly order: OrderSpec;
  /** The statement's effect on the schema model, applied when the oracle ran it successfully. */
  readonly apply?: (model: SchemaModel) => void;
}

export const UNORDERED: OrderSpec = { keys: null, offset: false, limit: false };
