/**
 * `.import [--csv] [--skip N] FILE TABLE`: loads CSV records into TABLE. A missing table is
 * created from the first record (the header), its columns declared TEXT, as sqlite3 does; an
 * existing table takes every record as data (skip a header with --skip 1). All rows go in one
 * transaction.
 */
import { readFileSync } from 'node:fs';
import { describeTable, tableNames } from '../schema-info.js';
import { quoteIdent } from '../sql-text.js';
import { parseCsv } from './csv-reader.js';
import type { Shell } from './shell.js';

function dq(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export async function importCsv(shell: Shell, args: string[]): Promise<boolean> {
  let skip = 0;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--csv') continue;
    if (a === '--skip') skip = Number.parseInt(args[++i] ?? '', 10) || 0;
    else if (a.startsWith('-')) {
      shell.error(`Error: unknown option "${a}" (use --csv, --skip N)`);
      return false;
    } else rest.push(a);
  }
  if (rest.length !== 2) {
    shell.error('Usage: .import [--csv] [--skip N] FILE TABLE');
    return false;
  }
  const [file, table] = rest as [string, string];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    shell.error(`Error: cannot open "${file}"`);
    return false;
  }
  const sep = shell.settings.mode === 'csv' || args.includes('--csv') ? ',' : shell.settings.separator;
  let records = parseCsv(text, sep).slice(skip);
  const exists = (await tableNames(shell.conn)).some((n) => n.toLowerCase() === table.toLowerCase());
  const conn = shell.conn;
  await conn.execAsync('BEGIN');
  try {
    let width: number;
    if (exists) {
      width = (await describeTable(conn, table))?.length ?? 0;
    } else {
      const header = records[0];
      if (header === undefined) throw new Error(`${file}: empty file`);
      records = records.slice(1);
      // Spelled as sqlite3 spells it, so both store the same schema text.
      await conn.execAsync(`CREATE TABLE ${dq(table)}(\n${header.map((h) => `${dq(h)} TEXT`).join(', ')})`);
      width = header.length;
    }
    const insert = await conn.prepareAsync(`INSERT INTO ${quoteIdent(table)} VALUES(${Array.from({ length: width }, () => '?').join(',')})`);
    try {
      for (let i = 0; i < records.length; i++) {
        const r = records[i]!;
        if (r.length !== width) {
          shell.error(`${file}:${i + 1 + skip + (exists ? 0 : 1)}: expected ${width} columns but found ${r.length}${r.length < width ? ' - filling the rest with NULL' : ' - extras ignored'}`);
        }
        const values = Array.from({ length: width }, (_, k) => (k < r.length ? r[k]! : null));
        insert!.reset();
        insert!.bind(values);
        await insert!.runAsync();
      }
    } finally {
      insert!.finalize();
    }
    await conn.execAsync('COMMIT');
  } catch (e) {
    if (conn.inTransaction) await conn.execAsync('ROLLBACK');
    throw e;
  }
  return true;
}
