/**
 * OpfsStorage in a real dedicated worker in Chromium: the storage contract, and files that
 * outlive the page that wrote them.
 */

export const tests = [
  {
    name: 'storage contract over OPFS sync access handles in a dedicated worker',
    run: (t) => t.runScenario('opfs-contract', { dir: 'contract' }),
  },
  {
    name: 'a file written in one page load is read back intact after a reload, by a new worker',
    async run(t) {
      const args = { dir: 'persist', name: 'persist.db', sizeBytes: 10 * 4096 + 1234 };
      const written = await t.runScenario('opfs-persist-write', args);
      const before = await t.bootId();
      await t.reload();
      const after = await t.bootId();
      if (before === after) throw new Error('the page did not reload');
      const read = await t.runScenario('opfs-persist-read', args);
      if (read.sizeBytes !== args.sizeBytes || read.fingerprint !== written.fingerprint) {
        throw new Error(`read back ${JSON.stringify(read)}, wrote ${JSON.stringify(written)}`);
      }
    },
  },
  {
    name: 'opening a missing OPFS file without create fails with SQLITE_CANTOPEN',
    async run(t) {
      let message = '';
      try {
        await t.runScenario('opfs-persist-read', { dir: 'persist-missing', name: 'absent.db', sizeBytes: 0 });
      } catch (e) {
        message = String(e?.message ?? e);
      }
      if (!message.includes('SQLITE_CANTOPEN')) throw new Error(`expected SQLITE_CANTOPEN, got: ${message || 'success'}`);
    },
  },
];
