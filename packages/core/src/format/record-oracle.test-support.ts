/**
 * Test support (not part of the engine): real SQLite, as sql.js, used as an oracle for the
 * record format and for SQLite's value ordering. Used by record-sqljs.test.ts and
 * btree/key-compare-sqljs.test.ts.
 */
import { SqlReal, type SqlValue } from './sql-value.js';
import { readVarint32, varintLength } from './varint.js';

export interface SqlJsDatabase {
  run(sql: string, params?: unknown[]): void;
  exec(sql: string, params?: unknown[]): { columns: string[]; values: unknown[][] }[];
  export(): Uint8Array;
  close(): void;
}

export interface SqlJsStatic {
  Database: new () => SqlJsDatabase;
}

// sql.js ships no type declarations; a non-literal specifier keeps TypeScript from asking.
const SQL_JS = 'sql.js';

export async function loadSqlJs(): Promise<SqlJsStatic> {
  const mod = (await import(/* @vite-ignore */ SQL_JS)) as { default: () => Promise<SqlJsStatic> };
  return mod.default();
}

/**
 * An SQL expression and parameter that give sql.js exactly `v`, and the storage class
 * `typeof()` must report. (sql.js binds integral numbers beyond 32 bits as doubles and bigints
 * as text, so integers go through CAST of their decimal text.)
 */
export function bindingFor(v: SqlValue): { expr: string; param: unknown; type: string } {
  if (v === null) return { expr: '?', param: null, type: 'null' };
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) {
    return { expr: 'CAST(? AS INTEGER)', param: String(v), type: 'integer' };
  }
  if (typeof v === 'number') return { expr: 'CAST(? AS REAL)', param: v, type: 'real' };
  if (v instanceof SqlReal) return { expr: 'CAST(? AS REAL)', param: v.value, type: 'real' };
  if (typeof v === 'string') return { expr: '?', param: v, type: 'text' };
  return { expr: '?', param: v, type: 'blob' };
}

const TABLE_LEAF = 0x0d;
const INDEX_LEAF = 0x0a;

/**
 * The record payloads stored in the B-tree rooted at `rootPage` of the exported database, in
 * B-tree order. The tree must be a single leaf page and have no overflow (tests choose a 64 KiB
 * page size for this).
 */
export function leafPayloads(file: Uint8Array, rootPage: number): Uint8Array[] {
  const sizeField = (file[16]! << 8) | file[17]!;
  const pageSize = sizeField === 1 ? 65536 : sizeField;
  const page = file.subarray((rootPage - 1) * pageSize, rootPage * pageSize);
  const kind = page[0];
  if (kind !== TABLE_LEAF && kind !== INDEX_LEAF) throw new Error(`page ${rootPage} is not a leaf (${kind})`);
  const cells = (page[3]! << 8) | page[4]!;
  // Largest payload kept whole on the page (file format, "cell payload overflow pages").
  const maxLocal = kind === TABLE_LEAF ? pageSize - 35 : Math.floor(((pageSize - 12) * 64) / 255) - 23;
  const out: Uint8Array[] = [];
  for (let i = 0; i < cells; i++) {
    let p = (page[8 + 2 * i]! << 8) | page[9 + 2 * i]!;
    const payloadBytes = readVarint32(page, p);
    p += varintLength(page, p);
    if (kind === TABLE_LEAF) p += varintLength(page, p); // the rowid
    if (payloadBytes > maxLocal) throw new Error('payload may spill to overflow pages');
    out.push(page.slice(p, p + payloadBytes));
  }
  return out;
}

export function rootPageOf(db: SqlJsDatabase, name: string): number {
  const rows = db.exec('SELECT rootpage FROM sqlite_schema WHERE name = ?', [name]);
  return rows[0]!.values[0]![0] as number;
}
