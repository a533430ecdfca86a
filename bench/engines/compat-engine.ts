/**
 * Turns any better-sqlite3-shaped API (`new Database(path)`, `db.prepare(sql)`,
 * `stmt.run/get/all`, `db.exec`, `db.close`) into a `BenchEngine`. better-sqlite3 goes through
 * here, and so will Minnow's `@minnow/node/compat`: plugging it in is a `compatEngine({...})`
 * call with a `load()` that imports it (see minnow.ts).
 */
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

export interface CompatStatement {
  run(...params: SqlParam[]): unknown;
  get(...params: SqlParam[]): unknown;
  all(...params: SqlParam[]): unknown[];
}

export interface CompatDatabase {
  prepare(sql: string): CompatStatement;
  exec(sql: string): unknown;
  close(): unknown;
}

export type CompatDatabaseClass = new (path: string) => CompatDatabase;

export interface CompatEngineSpec {
  readonly id: string;
  readonly label: string;
  /** Imports the module; a throw here marks the engine unavailable with the error's message. */
  load(): Promise<{ readonly Database: CompatDatabaseClass; readonly version: string }>;
  /**
   * Sets up durability on a freshly opened file database and describes what is in force.
   * Defaults to `configureWithPragmas`.
   */
  configureFile?(db: CompatDatabase, target: Extract<DbTarget, { kind: 'file' }>): string;
}

const MEMORY_PATH = ':memory:';

/** WAL plus the requested synchronous level, read back so the report states what SQLite did. */
export function configureWithPragmas(db: CompatDatabase, target: Extract<DbTarget, { kind: 'file' }>): string {
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${target.synchronous}`);
  const journal = Object.values((db.prepare('PRAGMA journal_mode').get() ?? {}) as Row)[0];
  const syncLevel = Object.values((db.prepare('PRAGMA synchronous').get() ?? {}) as Row)[0];
  const syncNames = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
  const syncName = typeof syncLevel === 'number' ? (syncNames[syncLevel] ?? String(syncLevel)) : String(syncLevel);
  return `file, journal_mode=${String(journal)}, synchronous=${syncName}`;
}

class CompatStatementAdapter implements BenchStatement {
  constructor(private readonly stmt: CompatStatement) {}

  run(params: readonly SqlParam[] = []): void {
    this.stmt.run(...params);
  }

  get(params: readonly SqlParam[] = []): Row | undefined {
    return this.stmt.get(...params) as Row | undefined;
  }

  all(params: readonly SqlParam[] = []): Row[] {
    return this.stmt.all(...params) as Row[];
  }

  free(): void {
    // better-sqlite3-shaped statements are released by the garbage collector.
  }
}

class CompatConnection implements BenchConnection {
  constructor(
    private readonly db: CompatDatabase,
    readonly storage: StorageInfo,
  ) {}

  exec(sql: string): void {
    this.db.exec(sql);
  }

  prepare(sql: string): BenchStatement {
    return new CompatStatementAdapter(this.db.prepare(sql));
  }

  close(): void {
    this.db.close();
  }
}

export function compatEngine(spec: CompatEngineSpec): BenchEngine {
  let Database: CompatDatabaseClass | undefined;
  const configureFile = spec.configureFile ?? configureWithPragmas;
  return {
    id: spec.id,
    label: spec.label,
    async available(): Promise<Availability> {
      try {
        const loaded = await spec.load();
        Database = loaded.Database;
        return { available: true, version: loaded.version };
      } catch (e) {
        return { available: false, reason: e instanceof Error ? e.message : String(e) };
      }
    },
    open(target: DbTarget): BenchConnection {
      if (Database === undefined) throw new Error(`${spec.label}: open() before available()`);
      if (target.kind === 'memory') {
        return new CompatConnection(new Database(MEMORY_PATH), { kind: 'memory', description: 'in memory' });
      }
      const db = new Database(target.path);
      try {
        return new CompatConnection(db, { kind: 'file', description: configureFile(db, target) });
      } catch (e) {
        db.close();
        throw e;
      }
    },
  };
}
