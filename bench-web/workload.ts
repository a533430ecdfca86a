/**
 * The browser benchmark's workload, the same for every engine (each runs it inside its own
 * worker): durable one-row commits, one 25,000-row transaction, 5,000 primary-key selects.
 */

export const COMMITS = 200;
export const TXN_ROWS = 25_000;
export const SELECTS = 5_000;

export interface Figures {
  /** Mean milliseconds per durable one-row commit (autocommit INSERT). */
  commitMs: number;
  /** Milliseconds for one transaction inserting TXN_ROWS rows. */
  txnMs: number;
  /** Milliseconds for SELECTS primary-key lookups (one prepared statement). */
  selectsMs: number;
  /** A checksum of the selected values, so no engine can skip the work. */
  check: number;
}

/** What an engine offers the workload: prepared statements run with parameters. */
export interface BenchEngine {
  exec(sql: string): Promise<void> | void;
  prepare(sql: string): Promise<BenchStatement> | BenchStatement;
}

export interface BenchStatement {
  run(params: unknown[]): Promise<void> | void;
  /** The first column of the first row. */
  value(params: unknown[]): Promise<unknown> | unknown;
}

/** A fixed pseudo-random sequence, so every engine looks up the same keys. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

/**
 * The workload twice: a warm-up run (JIT, caches; as `pnpm bench` warms up each engine), then
 * the measured run, whose figures are returned.
 */
export async function runWorkload(e: BenchEngine): Promise<Figures> {
  await runOnce(e);
  return runOnce(e);
}

async function runOnce(e: BenchEngine): Promise<Figures> {
  await e.exec('DROP TABLE IF EXISTS commits; DROP TABLE IF EXISTS big; CREATE TABLE commits(id INTEGER PRIMARY KEY, v TEXT); CREATE TABLE big(id INTEGER PRIMARY KEY, name TEXT, n INTEGER)');
  const one = await e.prepare('INSERT INTO commits(v) VALUES (?)');
  await one.run(['warm-up']);
  let t = performance.now();
  for (let i = 0; i < COMMITS; i++) await one.run([`commit ${i}`]);
  const commitMs = (performance.now() - t) / COMMITS;

  const put = await e.prepare('INSERT INTO big(id, name, n) VALUES (?, ?, ?)');
  t = performance.now();
  await e.exec('BEGIN');
  for (let i = 1; i <= TXN_ROWS; i++) await put.run([i, `name ${i}`, i * 7]);
  await e.exec('COMMIT');
  const txnMs = performance.now() - t;

  const get = await e.prepare('SELECT n FROM big WHERE id = ?');
  const next = lcg(42);
  let check = 0;
  t = performance.now();
  for (let i = 0; i < SELECTS; i++) check += Number(await get.value([(next() % TXN_ROWS) + 1]));
  const selectsMs = performance.now() - t;
  return { commitMs, txnMs, selectsMs, check };
}
