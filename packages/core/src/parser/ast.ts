/** The SQL syntax tree: expressions, SELECT and the other statements (tagged unions on `kind`). */

export type * from './ast-expr.js';
export type * from './ast-select.js';
export type * from './ast-stmt.js';
