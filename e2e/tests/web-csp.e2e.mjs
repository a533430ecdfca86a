/**
 * Acceptance 5: a page served with a strict Content-Security-Policy (script-src 'self', no
 * unsafe-eval, no wasm-unsafe-eval; the worker's script gets the same policy) runs Minnow,
 * and the browser reports no violation.
 */
import { baseOf, gotoApiPage } from '../harness/api-page.mjs';

export const tests = [
  {
    name: "a page under Content-Security-Policy script-src 'self' runs queries with no violation",
    run: async (t) => {
      const response = await t.page.goto(new URL('csp.html', baseOf(t)).href);
      const policy = response.headers()['content-security-policy'] ?? '';
      if (!policy.includes("script-src 'self'") || policy.includes('eval')) throw new Error(`page served with CSP "${policy}"`);
      await gotoApiPage(t.page, baseOf(t), 'csp.html');
      const out = await t.page.evaluate(async () => {
        if (!window.cspEvalBlocked) throw new Error('the policy does not block eval: the check would prove nothing');
        const db = await window.minnow.connect('csp.db'); // auto: OPFS here
        if (db.storage !== 'opfs') throw new Error(`auto chose ${db.storage}`);
        await db.exec('DROP TABLE IF EXISTS t; CREATE TABLE t(a, b)');
        await db.run('INSERT INTO t VALUES (?, ?)', 1, 'one');
        const rows = await db.all('SELECT a, b, a + 1 AS c FROM t');
        await db.close();
        return { rows, violations: window.cspViolations };
      });
      if (JSON.stringify(out.rows) !== JSON.stringify([{ a: 1, b: 'one', c: 2 }])) throw new Error(`rows ${JSON.stringify(out.rows)}`);
      // The page's own eval probe is the one expected violation; Minnow adds none (an eval of
      // its would throw and fail the queries above anyway).
      const others = out.violations.filter((v) => v !== 'script-src: eval');
      if (others.length > 0) throw new Error(`CSP violations: ${others.join('; ')}`);
      const workerPolicy = await t.page.evaluate(async () => {
        const entry = performance.getEntriesByType('resource').find((e) => e.name.includes('worker-entry'));
        return entry === undefined ? null : entry.name;
      });
      if (workerPolicy === null) throw new Error('the Minnow worker was not loaded');
    },
  },
];
