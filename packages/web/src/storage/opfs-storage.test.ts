import { describe, expect, it } from 'vitest';
import { isPending, type Io } from '@minnow/core';
import { describeStorageContract } from '../../../core/test/storage-contract.js';
import { FakeOpfsDirectory } from './fake-opfs.test-helper.js';
import { opfsError } from './opfs-errors.js';
import { OpfsStorage } from './opfs-storage.js';

// The real thing runs in Chromium (e2e/); this is the same contract over a faithful fake.
describeStorageContract('OpfsStorage over a fake directory', { create: () => new OpfsStorage(new FakeOpfsDirectory()) }, {
  fileCalls: 'inline',
  storageCalls: 'either',
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

describe('OpfsStorage', () => {
  it('shares one sync access handle among opens of a name and closes it with the last', async () => {
    const dir = new FakeOpfsDirectory();
    const s = new OpfsStorage(dir);
    const first = s.open('a.db', { create: true });
    const second = s.open('a.db', { create: true }); // joins the pending open
    const a = await settle(() => first);
    const b = await settle(() => second);
    const c = s.open('a.db', { create: false }); // the handle is ready: finishes inline
    expect(isPending(c)).toBe(false);
    expect(dir.handlesCreated).toBe(1);
    await settle(() => a.close());
    await settle(() => b.close());
    expect(s.openNames).toEqual(['a.db']);
    await settle(() => (c as { close(): void }).close());
    expect(s.openNames).toEqual([]);
    expect(dir.files.get('a.db')?.locked).toBe(false);
    // Released: another storage (another worker, say) may now take the file.
    const other = new OpfsStorage(dir);
    const d = await settle(() => other.open('a.db', { create: false }));
    await settle(() => d.close());
  });

  it('reports a file held by someone else as SQLITE_BUSY, and can open it once released', async () => {
    const dir = new FakeOpfsDirectory();
    const holder = new OpfsStorage(dir);
    const held = await settle(() => holder.open('locked.db', { create: true }));
    const s = new OpfsStorage(dir);
    expect(await errorCode(() => s.open('locked.db', { create: false }))).toBe('SQLITE_BUSY');
    expect(s.openNames).toEqual([]);
    expect(await errorCode(() => s.delete('locked.db'))).toBe('SQLITE_BUSY');
    await settle(() => held.close());
    const f = await settle(() => s.open('locked.db', { create: false }));
    await settle(() => f.close());
  });

  it('refuses to delete a file it holds open (SQLITE_IOERR_DELETE)', async () => {
    const s = new OpfsStorage(new FakeOpfsDirectory());
    const f = await settle(() => s.open('open.db', { create: true }));
    expect(await errorCode(() => s.delete('open.db'))).toBe('SQLITE_IOERR_DELETE');
    await settle(() => f.close());
    await settle(() => s.delete('open.db'));
    expect(await settle(() => s.exists('open.db'))).toBe(false);
  });

  it('maps QuotaExceededError to SQLITE_FULL on write and truncate, keeping what was there', async () => {
    const dir = new FakeOpfsDirectory();
    dir.quotaBytes = 10_000;
    const s = new OpfsStorage(dir);
    const f = await settle(() => s.open('full.db', { create: true }));
    await settle(() => f.write(0, new Uint8Array(8000).fill(7)));
    expect(await errorCode(() => f.write(8000, new Uint8Array(4096)))).toBe('SQLITE_FULL');
    expect(await errorCode(() => f.truncate(20_000))).toBe('SQLITE_FULL');
    expect(await settle(() => f.size())).toBe(8000);
    await settle(() => f.close());
  });

  it('refuses names that are directories or invalid (SQLITE_CANTOPEN), and says they do not exist', async () => {
    const dir = new FakeOpfsDirectory();
    await dir.getDirectoryHandle('sub', { create: true });
    const s = new OpfsStorage(dir);
    expect(await errorCode(() => s.open('sub', { create: true }))).toBe('SQLITE_CANTOPEN');
    expect(await errorCode(() => s.open('a/b.db', { create: true }))).toBe('SQLITE_CANTOPEN');
    expect(await settle(() => s.exists('sub'))).toBe(false);
    expect(await settle(() => s.exists('a/b.db'))).toBe(false);
    expect(s.openNames).toEqual([]);
  });

  it('sync flushes the handle', async () => {
    const dir = new FakeOpfsDirectory();
    const s = new OpfsStorage(dir);
    const f = await settle(() => s.open('flush.db', { create: true }));
    f.write(0, new Uint8Array([1]));
    f.sync();
    expect(dir.flushes).toBe(1);
    f.close();
  });
});

describe('opfsError', () => {
  const dom = (name: string) => new DOMException('simulated', name);
  it('maps DOMExceptions by name and call', () => {
    expect(opfsError(dom('QuotaExceededError'), 'write').code).toBe('SQLITE_FULL');
    expect(opfsError(dom('QuotaExceededError'), 'open').code).toBe('SQLITE_FULL');
    expect(opfsError(dom('NoModificationAllowedError'), 'open').code).toBe('SQLITE_BUSY');
    expect(opfsError(dom('NoModificationAllowedError'), 'write').code).toBe('SQLITE_IOERR_WRITE');
    expect(opfsError(dom('NotFoundError'), 'open').code).toBe('SQLITE_CANTOPEN');
    expect(opfsError(dom('InvalidStateError'), 'read').code).toBe('SQLITE_IOERR_READ');
    expect(opfsError(dom('InvalidStateError'), 'sync').code).toBe('SQLITE_IOERR_FSYNC');
    expect(opfsError(dom('InvalidStateError'), 'truncate').code).toBe('SQLITE_IOERR_TRUNCATE');
    expect(opfsError(dom('InvalidStateError'), 'size').code).toBe('SQLITE_IOERR_FSTAT');
    expect(opfsError(dom('UnknownError'), 'delete').code).toBe('SQLITE_IOERR_DELETE');
    const original = dom('UnknownError');
    expect(opfsError(original, 'close').cause).toBe(original);
  });
});
