/**
 * sql.js: SQLite compiled to WebAssembly, the closest peer to what Minnow is (SQLite in a
 * JavaScript runtime without native code). It keeps the whole database in wasm memory and has
 * no file backend, so a `file` target is opened in memory and reported as such.
 *
 * The wrapper uses sql.js's ordinary statement API (bind/step/getAsObject/reset), i.e. what an
 * application would write.
 */
import { createRequire } from 'node:module';
import type {
  Availability,
  BenchConnection,
  BenchEngine,
  BenchStatement,
  DbTarget,
  Row,
  SqlParam,
  StorageInfo,
} from './engine-api.js';
import { packageVersion } from './package-version.js';

// sql.js ships no type declarations: the part used here.
interface SqlJsStatement {
  bind(params: readonly SqlParam[]): boolean;
  step(): boolean;
  getAsObject(): Row;
  reset(): boolean;
  run(params: readonly SqlParam[]): void;
  free(): boolean;
}

interface SqlJsDatabase {
  run(sql: string): unknown;
  prepare(sql: string): SqlJsStatement;
  close(): void;
}

interface SqlJsStatic {
  Database: new () => SqlJsDatabase;
}

const require = createRequire(import.meta.url);

class SqlJsStatementAdapter implements BenchStatement {
  constructor(private readonly stmt: SqlJsStatement) {}

  run(params: readonly SqlParam[] = []): void {
    this.stmt.run(params);
  }

  get(params: readonly SqlParam[] = []): Row | undefined {
    try {
      this.stmt.bind(params);
      return this.stmt.step() ? this.stmt.getAsObject() : undefined;
    } finally {
      this.stmt.reset();
    }
  }

  all(params: readonly SqlParam[] = []): Row[] {
    const rows: Row[] = [];
    try {
      this.stmt.bind(params);
      while (this.stmt.step()) rows.push(this.stmt.getAsObject());
    } finally {
      this.stmt.reset();
    }
    return rows;
  }

  free(): void {
    this.stmt.free();
  }
}

class SqlJsConnection implements BenchConnection {
  constructor(
    private readonly db: SqlJsDatabase,
    readonly storage: StorageInfo,
  ) {}

  exec(sql: string): void {
    this.db.run(sql);
  }

  prepare(sql: string): BenchStatement {
    return new SqlJsStatementAdapter(this.db.prepare(sql));
  }

  close(): void {
    this.db.close();
  }
}

const IN_MEMORY: StorageInfo = { kind: 'memory', description: 'in memory' };
const FILE_ASKED: StorageInfo = {
  kind: 'memory',
  description: 'in memory (sql.js has no file backend; nothing is written or synced)',
};

let SQL: SqlJsStatic | undefined;

export const sqlJsEngine: BenchEngine = {
  id: 'sql.js',
  label: 'sql.js',
  async available(): Promise<Availability> {
    try {
      const init = require('sql.js') as () => Promise<SqlJsStatic>;
      SQL = await init();
      const probe = new SQL.Database();
      const stmt = probe.prepare('SELECT sqlite_version() AS v');
      stmt.step();
      const version = String(stmt.getAsObject()['v']);
      stmt.free();
      probe.close();
      return { available: true, version: `sql.js ${packageVersion('sql.js')}, SQLite ${version} (wasm)` };
    } catch (e) {
      return { available: false, reason: e instanceof Error ? e.message : String(e) };
    }
  },
  open(target: DbTarget): BenchConnection {
    if (SQL === undefined) throw new Error('sql.js: open() before available()');
    return new SqlJsConnection(new SQL.Database(), target.kind === 'memory' ? IN_MEMORY : FILE_ASKED);
  },
};
