/**
 * An application page as small as it gets: connect, query, show. Measures page load to the
 * first query result (performance.now() counts from navigation start), and its build is what
 * the bundle size counts. `?storage=opfs|idb&setup=1` first makes the database it reads.
 */
import { connect } from '@minnow/web';

const params = new URLSearchParams(location.search);
const storage = params.get('storage') === 'idb' ? 'idb' : 'opfs';

async function main(): Promise<unknown> {
  const db = await connect('first-result.db', { storage });
  if (params.get('setup') === '1') {
    await db.exec('DROP TABLE IF EXISTS kv; CREATE TABLE kv(k INTEGER PRIMARY KEY, v TEXT)');
    await db.transaction(async () => {
      for (let i = 1; i <= 1000; i++) await db.run('INSERT INTO kv VALUES (?, ?)', i, `value ${i}`);
    })();
  }
  const row = await db.get('SELECT v FROM kv WHERE k = ?', 500);
  const firstResultMs = performance.now();
  await db.close();
  return { firstResultMs, row };
}

(window as unknown as { bench: Promise<unknown> }).bench = main();
