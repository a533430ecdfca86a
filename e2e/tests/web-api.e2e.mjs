/**
 * `@minnow/web`'s main-thread API in Chromium (acceptance 3): every method, errors with their
 * SQLite codes, a transaction rolled back by a throw, a 10,000-row insert in one transaction;
 * over OPFS and over IndexedDB.
 */
import { gotoApiPage, baseOf } from '../harness/api-page.mjs';

/** Runs in the page: throws on the first check that fails, returns what it measured. */
async function exerciseApi({ storage, name }) {
  const { connect, SqliteError } = window.minnow;
  const check = (ok, what) => {
    if (!ok) throw new Error(`check failed: ${what}`);
  };
  const big = (k, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? `bytes(${[...v]})` : v);
  const same = (a, b, what) => check(JSON.stringify(a, big) === JSON.stringify(b, big), `${what}: got ${JSON.stringify(a, big)}, want ${JSON.stringify(b, big)}`);
  const codeOf = async (p) => {
    try {
      await p;
    } catch (e) {
      check(e instanceof SqliteError, `error is a SqliteError (${e})`);
      return `${e.code}: ${e.message}`;
    }
    throw new Error('expected an error');
  };

  const db = await connect(name, { storage });
  check(db.storage === storage, `storage is ${db.storage}`);
  check(db.open && !db.inTransaction && !db.memory && db.name === name, 'getters');
  await db.exec('DROP TABLE IF EXISTS t; CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, data BLOB)');
  same(await db.run('INSERT INTO t(name, score, data) VALUES (?, ?, ?)', 'ann', 1.5, new Uint8Array([1, 2, 3])), { changes: 1, lastInsertRowid: 1 }, 'db.run');
  same(await db.run('INSERT INTO t(name, score) VALUES (:name, :score)', { name: 'bob', score: 2 }), { changes: 1, lastInsertRowid: 2 }, 'named run');
  same(await db.get('SELECT name, score FROM t WHERE id = ?', [2]), { name: 'bob', score: 2 }, 'db.get');
  same(await db.all('SELECT id, data FROM t ORDER BY id'), [{ id: 1, data: new Uint8Array([1, 2, 3]) }, { id: 2, data: null }], 'db.all');
  const seen = [];
  for await (const row of db.iterate('SELECT name FROM t ORDER BY id')) seen.push(row.name);
  same(seen, ['ann', 'bob'], 'db.iterate');

  const stmt = await db.prepare('SELECT id, name FROM t WHERE id >= ? ORDER BY id');
  check(stmt.reader && stmt.readonly && stmt.source.startsWith('SELECT'), 'statement properties');
  same(stmt.columns().map((c) => c.name), ['id', 'name'], 'columns()');
  same(await stmt.all(1), [{ id: 1, name: 'ann' }, { id: 2, name: 'bob' }], 'stmt.all');
  same(await stmt.get(2), { id: 2, name: 'bob' }, 'stmt.get');
  same(await stmt.raw().all(1), [[1, 'ann'], [2, 'bob']], 'raw');
  same(await stmt.pluck().all(1), [1, 2], 'pluck');
  same(await stmt.safeIntegers().all(2), [2n], 'safeIntegers');
  const rows = [];
  for await (const r of stmt.pluck(false).raw(false).safeIntegers(false).iterate(1)) rows.push(r.name);
  same(rows, ['ann', 'bob'], 'stmt.iterate');
  const ins = await db.prepare('INSERT INTO t(name) VALUES (?)');
  check(!ins.reader && !ins.readonly, 'writer properties');
  same(await ins.run('cy'), { changes: 1, lastInsertRowid: 3 }, 'stmt.run');
  const bound = (await db.prepare('SELECT name FROM t WHERE id = ?')).bind(3).pluck();
  same(await bound.get(), 'cy', 'bind');
  await stmt.close();
  same(await codeOf(stmt.all(1)), 'SQLITE_MISUSE: The statement has been finalized', 'finalized statement refuses');

  same(await codeOf(db.run("INSERT INTO t(name) VALUES ('ann')")), 'SQLITE_CONSTRAINT_UNIQUE: UNIQUE constraint failed: t.name', 'unique error');
  same(await codeOf(db.all('SELECT * FROM missing')), 'SQLITE_ERROR: no such table: missing', 'missing table');
  same(await codeOf(db.prepare('SELEC 1')), 'SQLITE_ERROR: near "SELEC": syntax error', 'syntax error');

  // A throw inside transaction(fn) rolls everything in it back.
  const addTwo = db.transaction(async (a, b) => {
    await ins.run(a);
    check(db.inTransaction, 'inTransaction inside fn');
    await ins.run(b);
  });
  same(await codeOf(addTwo('dee', 'ann')), 'SQLITE_CONSTRAINT_UNIQUE: UNIQUE constraint failed: t.name', 'failing transaction');
  check(!db.inTransaction, 'rolled back');
  same(await db.get('SELECT count(*) AS n FROM t'), { n: 3 }, 'nothing of the failed transaction stays');
  const boom = db.transaction(async () => {
    await ins.run('eve');
    throw new Error('boom');
  });
  let thrown = '';
  await boom().catch((e) => (thrown = e.message));
  same(thrown, 'boom', 'the throw comes back');
  same(await db.get("SELECT count(*) AS n FROM t WHERE name = 'eve'"), { n: 0 }, 'thrown transaction rolled back');
  await addTwo('dee', 'fay');
  same(await db.get('SELECT count(*) AS n FROM t'), { n: 5 }, 'committed transaction');

  // 10,000 rows in one transaction.
  await db.exec('DROP TABLE IF EXISTS big; CREATE TABLE big(id INTEGER PRIMARY KEY, v TEXT)');
  const put = await db.prepare('INSERT INTO big(v) VALUES (?)');
  const started = performance.now();
  await db.transaction(async () => {
    for (let i = 0; i < 10_000; i++) await put.run(`row ${i}`);
  })();
  const insertMs = performance.now() - started;
  same(await db.get('SELECT count(*) AS n, min(id) AS lo, max(v) AS hi FROM big'), { n: 10_000, lo: 1, hi: 'row 9999' }, '10,000 rows');

  let pragmaError = '';
  try {
    await db.pragma('user_version', { simple: true });
  } catch (e) {
    pragmaError = e.code; // the engine may not have PRAGMA yet: it must still be a SqliteError
  }
  check(pragmaError === '' || pragmaError === 'SQLITE_ERROR', `pragma: ${pragmaError}`);

  const bytes = await db.export();
  check(bytes instanceof Uint8Array && bytes.length % 4096 === 0 && String.fromCharCode(...bytes.subarray(0, 15)) === 'SQLite format 3', 'export');
  await db.close();
  check(!db.open, 'closed');
  same(await codeOf(db.all('SELECT 1')), 'SQLITE_MISUSE: The database connection is not open', 'closed refuses');

  const again = await connect(name, { storage });
  same(await again.get('SELECT count(*) AS n FROM big'), { n: 10_000 }, 'reopened');
  await again.close();
  return { insertMs: Math.round(insertMs), exportBytes: bytes.length };
}

export const tests = ['opfs', 'idb'].map((storage) => ({
  name: `every API method, errors with codes, rolled-back and 10,000-row transactions over ${storage}`,
  timeoutMs: 45_000,
  run: async (t) => {
    await gotoApiPage(t.page, baseOf(t));
    const out = await t.page.evaluate(exerciseApi, { storage, name: `api-${storage}.db` });
    t.log.push(`[result] ${JSON.stringify(out)}`);
  },
}));

tests.push({
  name: 'a broken file stored in OPFS: connect fails with SQLITE_NOTADB, and the page goes on with other databases',
  run: async (t) => {
    await gotoApiPage(t.page, baseOf(t));
    const out = await t.page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle('minnow', { create: true });
      const file = await dir.getFileHandle('broken.db', { create: true });
      const w = await file.createWritable();
      await w.write(new TextEncoder().encode('not a database, only text. '.repeat(200)));
      await w.close();
      let error = null;
      try {
        await window.minnow.connect('broken.db', { storage: 'opfs' });
      } catch (e) {
        error = { isSqliteError: e instanceof window.minnow.SqliteError, code: e.code, message: e.message };
      }
      const fine = await window.minnow.connect('fine.db', { storage: 'opfs' });
      const one = await fine.get('SELECT 1 AS one');
      await fine.close();
      return { error, one };
    });
    const want = { error: { isSqliteError: true, code: 'SQLITE_NOTADB', message: 'file is not a database' }, one: { one: 1 } };
    if (JSON.stringify(out) !== JSON.stringify(want)) throw new Error(`got ${JSON.stringify(out)}`);
  },
});
