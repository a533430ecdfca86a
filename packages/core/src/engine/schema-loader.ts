/**
 * Reading the schema: one restartable operation (it may throw IoPending; re-running it finds
 * the pages cached) that returns the schema cookie and the parsed schema. It runs inside the
 * caller's transaction if one is open, else in a read transaction of its own.
 */
import { BtreeContext } from '../btree/btree-context.js';
import { readSchemaEntries } from '../btree/schema-table.js';
import { buildSchema, type Schema } from '../compile/schema.js';
import { HeaderOffset } from '../format/database-header.js';
import type { Pager } from '../pager/pager.js';
import { tempViewsOf } from '../vdbe/temp-views.js';

export function loadSchema(pager: Pager, ctx: BtreeContext): { cookie: number; schema: Schema } {
  const own = !pager.inReadTransaction && !pager.inWriteTransaction;
  if (own) pager.beginRead();
  try {
    if (pager.pageCount === 0) return { cookie: 0, schema: buildSchema([], tempViewsOf(ctx)) };
    const page1 = pager.get(1).data;
    const o = HeaderOffset.schemaCookie;
    const cookie = ((page1[o]! << 24) | (page1[o + 1]! << 16) | (page1[o + 2]! << 8) | page1[o + 3]!) >>> 0;
    return { cookie, schema: buildSchema(readSchemaEntries(ctx), tempViewsOf(ctx)) };
  } finally {
    if (own) {
      ctx.invalidateCursors();
      pager.endRead();
    }
  }
}
