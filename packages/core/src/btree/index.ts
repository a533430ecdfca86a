/**
 * The B-tree layer's public surface: cursors over table and index B-trees, the schema table,
 * tree creation and removal, integrity checking, and the thin `BtreeDatabase` facade.
 */
export { BtreeContext } from './btree-context.js';
export { BtreeDatabase, isRowidTable, type IntegrityCheckOptions } from './btree-database.js';
export { TableCursor } from './table-cursor.js';
export { IndexCursor, type IndexKey } from './index-cursor.js';
export type { SeekOp } from './seek-op.js';
export { MAX_BTREE_DEPTH } from './balance.js';
export { clearTree, createTree, bumpSchemaCookie } from './tree-writer.js';
export {
  SCHEMA_ROOT_PGNO,
  readSchemaEntries,
  nextSchemaRowid,
  writeSchemaEntry,
  deleteSchemaEntry,
  type SchemaEntry,
  type SchemaObjectType,
} from './schema-table.js';
export { IntegrityChecker, type TreeToCheck } from './integrity-check.js';
export { compareKeyToRecord, compareRecords, compareValues, prepareKey, PreparedKey, type KeyInfo } from './key-compare.js';
export { BINARY, NOCASE, RTRIM, builtinCollation, CollationRegistry, type Collation } from './collation.js';
