/**
 * The Minnow engine adapter: a fresh in-memory database per session (MemoryStorage), driven
 * synchronously through the engine's Connection/Statement API. Values pass straight through:
 * the engine's SqlValue is the runner's representation.
 *
 * SqliteErrors are SQL errors (SltSqlError); anything else (an assertion, a TypeError) is an
 * engine crash and propagates.
 */
import { Connection } from '../../../src/engine/index.js';
import { SqliteError } from '../../../src/errors.js';
import type { SqlValue } from '../../../src/format/sql-value.js';
import { MemoryStorage } from '../../../src/io/memory-storage.js';
import { SltSqlError, type QueryResult, type SltEngine, type SltSession } from '../engine.js';

function sqlError(e: unknown): never {
  if (e instanceof SqliteError) throw new SltSqlError(e.message);
  throw e;
}

class MinnowSession implements SltSession {
  constructor(private readonly conn: Connection) {}

  exec(sql: string): void {
    try {
      this.conn.exec(sql);
    } catch (e) {
      sqlError(e);
    }
  }

  query(sql: string): QueryResult {
    let stmt;
    try {
      stmt = this.conn.prepare(sql);
    } catch (e) {
      sqlError(e);
    }
    if (stmt === null) return { columns: [], rows: [] };
    const columns = stmt.columnNames();
    const rows: SqlValue[][] = [];
    try {
      for (;;) {
        const r = stmt.step();
        if (r === 'done') break;
        if (r === 'io') throw new Error('memory storage pended');
        rows.push(stmt.row());
      }
    } catch (e) {
      if (e instanceof SqliteError) return { columns, rows, error: e.message };
      throw e;
    } finally {
      stmt.finalize();
    }
    return { columns, rows };
  }

  close(): void {
    this.conn.closeSync();
  }
}

let counter = 0;

export function createMinnowEngine(): SltEngine {
  return {
    name: 'minnow',
    open() {
      return new MinnowSession(Connection.openSync(new MemoryStorage(), `slt-${++counter}.db`));
    },
  };
}

