import { chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPending, type Io, type Storage } from '@minnow/core';
import { describeStorageContract } from '../../../core/test/storage-contract.js';
import { NodeAsyncStorage } from './node-async-storage.js';
import { NodeSyncStorage } from './node-sync-storage.js';
import { TempDirs } from './temp-dir.test-helper.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

/** Past 2^32, so 32-bit offset arithmetic anywhere would show; files are sparse. */
const LARGE_OFFSET_BYTES = 2 ** 32 + 4093;

describeStorageContract('NodeSyncStorage', { create: () => new NodeSyncStorage(dirs.fresh()) }, {
  fileCalls: 'inline',
  storageCalls: 'inline',
  largeOffsetBytes: LARGE_OFFSET_BYTES,
});

describeStorageContract('NodeAsyncStorage', { create: () => new NodeAsyncStorage(dirs.fresh()) }, {
  fileCalls: 'pending',
  storageCalls: 'pending',
  largeOffsetBytes: LARGE_OFFSET_BYTES,
});

async function settle<T>(call: () => Io<T>): Promise<T> {
  const r = call();
  if (!isPending(r)) return r;
  await r.wait();
  return r.value();
}

async function errorCode(call: () => Io<unknown>): Promise<string> {
  try {
    await settle(call);
  } catch (e) {
    return String((e as { code?: unknown }).code);
  }
  return 'no error';
}

/** A file that even this process may not open for writing, or undefined (root writes anything). */
function unwritableFile(dir: string): string | undefined {
  const candidates = [join(dir, 'unwritable.db'), '/sys/class/net/lo/address'];
  writeFileSync(candidates[0]!, 'x'.repeat(100));
  chmodSync(candidates[0]!, 0o444);
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    try {
      closeSync(openSync(path, constants.O_RDWR));
    } catch (e) {
      if (['EACCES', 'EPERM', 'EROFS'].includes(String((e as { code?: unknown }).code))) return path;
    }
  }
  return undefined;
}

const kinds: [string, (dir: string) => Storage][] = [
  ['NodeSyncStorage', (dir) => new NodeSyncStorage(dir)],
  ['NodeAsyncStorage', (dir) => new NodeAsyncStorage(dir)],
];

for (const [label, make] of kinds) {
  describe(`${label}: on a real file system`, () => {
    it('resolves names in its root directory and writes real files', async () => {
      const dir = dirs.fresh();
      const s = make(dir);
      const f = await settle(() => s.open('real.db', { create: true }));
      await settle(() => f.write(3, new Uint8Array([1, 2, 3])));
      await settle(() => f.sync());
      await settle(() => f.close());
      expect([...readFileSync(join(dir, 'real.db'))]).toEqual([0, 0, 0, 1, 2, 3]);
      await settle(() => s.delete('real.db'));
      expect(existsSync(join(dir, 'real.db'))).toBe(false);
    });

    it('takes absolute paths, wherever its root is', async () => {
      const elsewhere = dirs.fresh();
      const s = make(dirs.fresh());
      const path = join(elsewhere, 'abs.db');
      writeFileSync(path, new Uint8Array([9, 8, 7]));
      expect(await settle(() => s.exists(path))).toBe(true);
      const f = await settle(() => s.open(path, { create: false }));
      expect(await settle(() => f.size())).toBe(3);
      await settle(() => f.close());
    });

    it('refuses to open a directory or a file in a missing directory (SQLITE_CANTOPEN)', async () => {
      const dir = dirs.fresh();
      mkdirSync(join(dir, 'sub'));
      const s = make(dir);
      expect(await errorCode(() => s.open('sub', { create: true }))).toBe('SQLITE_CANTOPEN');
      expect(await errorCode(() => s.open('sub', { create: false, readonly: true }))).toBe('SQLITE_CANTOPEN');
      expect(await errorCode(() => s.open('no/such/dir.db', { create: true }))).toBe('SQLITE_CANTOPEN');
      expect(await settle(() => s.exists('sub'))).toBe(false);
    });

    it('reports a full disk as SQLITE_FULL', async () => {
      if (!existsSync('/dev/full')) return; // Linux only; /dev/full fails every write with ENOSPC.
      const s = make(dirs.fresh());
      const f = await settle(() => s.open('/dev/full', { create: false }));
      expect(await errorCode(() => f.write(0, new Uint8Array(4096)))).toBe('SQLITE_FULL');
      await settle(() => f.close());
    });

    it('opens a file it may not change read-only: reads work, writes are SQLITE_READONLY', async (ctx) => {
      const dir = dirs.fresh();
      const path = unwritableFile(dir);
      if (path === undefined) ctx.skip();
      const s = make(dir);
      const f = await settle(() => s.open(path!, { create: false }));
      const into = new Uint8Array(4);
      expect(await settle(() => f.read(0, into))).toBeGreaterThan(0);
      expect(await errorCode(() => f.write(0, new Uint8Array([1])))).toBe('SQLITE_READONLY');
      expect(await errorCode(() => f.truncate(0))).toBe('SQLITE_READONLY');
      await settle(() => f.close());
    });
  });
}

describe('NodeAsyncStorage: errors arrive through the Completion', () => {
  it('open of a missing file pends and then fails with SQLITE_CANTOPEN', async () => {
    const s = new NodeAsyncStorage(dirs.fresh());
    const c = s.open('missing.db', { create: false });
    expect(isPending(c)).toBe(true);
    await c.wait();
    expect(() => c.value()).toThrow(expect.objectContaining({ code: 'SQLITE_CANTOPEN' }));
  });

  it('many writes issued at once all land, and sync waits for them', async () => {
    const dir = dirs.fresh();
    const s = new NodeAsyncStorage(dir);
    const f = await settle(() => s.open('burst.db', { create: true }));
    const pageBytes = 1024;
    const pending = [];
    for (let i = 0; i < 200; i++) pending.push(f.write(i * pageBytes, new Uint8Array(pageBytes).fill(i % 251)));
    const sync = f.sync();
    expect(isPending(sync)).toBe(true);
    if (isPending(sync)) await sync.wait();
    expect(pending.every((c) => isPending(c) && c.done)).toBe(true);
    const bytes = readFileSync(join(dir, 'burst.db'));
    expect(bytes.length).toBe(200 * pageBytes);
    for (let i = 0; i < 200; i++) expect(bytes[i * pageBytes + pageBytes - 1]).toBe(i % 251);
    await settle(() => f.close());
  });
});
