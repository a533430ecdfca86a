import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../src/io/memory-storage.js';
import { YieldingStorage } from '../src/io/yielding-storage.js';
import type { Io } from '../src/io/completion.js';
import type { DbFile, OpenOptions, Storage } from '../src/io/file.js';
import { describeStorageContract } from './storage-contract.js';
import { storageContractCases } from './storage-contract-cases.js';
import { runStorageContract } from './storage-contract-runner.js';

describeStorageContract('MemoryStorage', { create: () => new MemoryStorage() }, { fileCalls: 'inline', storageCalls: 'inline' });

describeStorageContract('YieldingStorage', { create: () => new YieldingStorage() }, { fileCalls: 'pending', storageCalls: 'pending' });

/** A memory storage whose files forget to zero-fill short reads: the contract must notice. */
class NoZeroFillStorage implements Storage {
  private readonly inner = new MemoryStorage();
  open(name: string, options: OpenOptions): DbFile {
    const file = this.inner.open(name, options);
    return {
      name,
      read: (offsetBytes, into) => {
        const copy = new Uint8Array(into.length);
        const n = file.read(offsetBytes, copy);
        into.set(copy.subarray(0, n));
        return n;
      },
      write: (o, d) => file.write(o, d),
      sync: () => file.sync(),
      truncate: (n) => file.truncate(n),
      size: () => file.size(),
      close: () => file.close(),
    };
  }
  delete(name: string): void {
    this.inner.delete(name);
  }
  exists(name: string): boolean {
    return this.inner.exists(name);
  }
}

/** A yielding storage whose `delete` finishes inline: the `pending` style check must notice. */
class SometimesInlineStorage implements Storage {
  private readonly inner = new YieldingStorage();
  open(name: string, options: OpenOptions): Io<DbFile> {
    return this.inner.open(name, options);
  }
  delete(name: string): void {
    this.inner.inner.delete(name);
  }
  exists(name: string): Io<boolean> {
    return this.inner.exists(name);
  }
}

describe('storage contract: the cases can fail', () => {
  it('every case passes on MemoryStorage when run without a test framework', async () => {
    const results = await runStorageContract({ create: () => new MemoryStorage() });
    expect(results.map((r) => r.name)).toEqual(storageContractCases.map((c) => c.name));
    expect(results.filter((r) => r.error !== undefined)).toEqual([]);
  });

  it('a backend that does not zero-fill short reads fails the short-read cases', async () => {
    const results = await runStorageContract({ create: () => new NoZeroFillStorage() });
    const failed = results.filter((r) => r.error !== undefined).map((r) => r.name);
    expect(failed).toContain('a read past end of file is short and zero-filled');
    expect(failed).toContain('open with create makes an empty file that exists');
  });

  it('a call that finishes inline fails a backend that promised pending calls', async () => {
    const results = await runStorageContract({ create: () => new SometimesInlineStorage() }, { fileCalls: 'pending', storageCalls: 'pending' });
    const failure = results.find((r) => r.name.startsWith('delete removes a closed file'));
    expect(failure?.error).toMatch(/delete finished inline/);
  });

  it('a pending call fails a backend that promised inline calls', async () => {
    const results = await runStorageContract({ create: () => new YieldingStorage() }, { fileCalls: 'inline', storageCalls: 'either' });
    const failure = results.find((r) => r.name.startsWith('open with create'));
    expect(failure?.error).toMatch(/size returned a Completion/);
  });
});
