/**
 * The compiler: SQL AST -> VDBE program, against a schema built from sqlite_schema.
 */
export { compileStatement } from './compile.js';
export { buildSchema, Schema, type TableInfo, type IndexInfo, type ColumnInfo } from './schema.js';
