/**
 * TEMP views. SQLite keeps them in the connection's temp schema, which lives and dies with the
 * connection and is never written to the database file. Minnow has no temp database yet, so
 * they are kept here, per connection (keyed by its B-tree context), as name -> CREATE VIEW
 * text; the schema loader hands the same map to every schema it builds, so they survive
 * reloads, and the compiler parses the text where the view is used.
 */
import type { BtreeContext } from '../btree/btree-context.js';

const byConnection = new WeakMap<BtreeContext, Map<string, string>>();

export function tempViewsOf(ctx: BtreeContext): Map<string, string> {
  let m = byConnection.get(ctx);
  if (m === undefined) {
    m = new Map();
    byConnection.set(ctx, m);
  }
  return m;
}
