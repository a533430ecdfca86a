import { describe, expect, it } from 'vitest';
import { SqliteError } from '../errors.js';
import type { OpenOptions } from '../io/file.js';
import { MemoryFile, MemoryStorage } from '../io/memory-storage.js';
import { Pager } from './pager.js';
import { fillPattern, patternPage } from './pager-test-kit.js';

/** A memory storage whose files fail the next `failNext` calls of one kind. */
class FailingStorage extends MemoryStorage {
  failNext: { kind: 'write' | 'sync'; file: string; code: 'SQLITE_IOERR_WRITE' | 'SQLITE_IOERR_FSYNC' | 'SQLITE_FULL' } | null =
    null;
  override open(name: string, options: OpenOptions): MemoryFile {
    const file = super.open(name, options);
    const failing = (kind: 'write' | 'sync') => {
      const f = this.failNext;
      if (f !== null && f.kind === kind && f.file === name) {
        this.failNext = null;
        throw new SqliteError(f.code);
      }
    };
    const write = file.write.bind(file);
    const sync = file.sync.bind(file);
    file.write = (offsetBytes: number, data: Uint8Array) => {
      failing('write');
      write(offsetBytes, data);
    };
    file.sync = () => {
      failing('sync');
      sync();
    };
    return file;
  }
}

function committedDatabase(): { storage: FailingStorage; pager: Pager } {
  const storage = new FailingStorage();
  const pager = Pager.openSync(storage, 'f.db');
  pager.beginWrite();
  fillPattern(pager.appendPage().data, 2);
  pager.commit();
  return { storage, pager };
}

function change(pager: Pager, seed: number): void {
  pager.beginWrite();
  const page = pager.get(2);
  pager.markDirty(page);
  fillPattern(page.data, seed);
}

describe('pager I/O errors', () => {
  for (const failure of [
    { kind: 'write', code: 'SQLITE_FULL' },
    { kind: 'write', code: 'SQLITE_IOERR_WRITE' },
    { kind: 'sync', code: 'SQLITE_IOERR_FSYNC' },
  ] as const) {
    it(`a commit failing with ${failure.code} stays open; rollback returns to the last commit`, () => {
      const { storage, pager } = committedDatabase();
      change(pager, 3);
      storage.failNext = { ...failure, file: 'f.db-wal' };
      expect(() => pager.commit()).toThrow(expect.objectContaining({ code: failure.code }));
      expect(pager.inWriteTransaction).toBe(true);
      pager.rollback();
      expect(pager.get(2).data).toEqual(patternPage(4096, 2));
      // The next commit overwrites whatever the failed one left in the WAL.
      change(pager, 4);
      pager.commit();
      const again = Pager.openSync(storage, 'f.db');
      expect(again.get(2).data).toEqual(patternPage(4096, 4));
    });
  }

  it('a failed commit can be retried', () => {
    const { storage, pager } = committedDatabase();
    change(pager, 5);
    storage.failNext = { kind: 'sync', file: 'f.db-wal', code: 'SQLITE_IOERR_FSYNC' };
    expect(() => pager.commit()).toThrow(SqliteError);
    pager.commit();
    expect(pager.inWriteTransaction).toBe(false);
    expect(Pager.openSync(storage, 'f.db').get(2).data).toEqual(patternPage(4096, 5));
  });

  it('a failed checkpoint leaves the WAL authoritative', () => {
    const { storage, pager } = committedDatabase();
    change(pager, 6);
    pager.commit();
    storage.failNext = { kind: 'write', file: 'f.db', code: 'SQLITE_IOERR_WRITE' };
    expect(() => pager.checkpoint()).toThrow(expect.objectContaining({ code: 'SQLITE_IOERR_WRITE' }));
    expect(pager.walFrameCount).toBe(3);
    expect(pager.get(2).data).toEqual(patternPage(4096, 6));
    expect(Pager.openSync(storage, 'f.db').get(2).data).toEqual(patternPage(4096, 6));
    expect(pager.checkpoint()).toBe(2);
    expect(pager.walFrameCount).toBe(0);
  });

  it('close reports a failed checkpoint, keeps the WAL and still closes', () => {
    const { storage, pager } = committedDatabase();
    storage.failNext = { kind: 'sync', file: 'f.db', code: 'SQLITE_IOERR_FSYNC' };
    expect(() => pager.close()).toThrow(expect.objectContaining({ code: 'SQLITE_IOERR_FSYNC' }));
    expect(storage.exists('f.db-wal')).toBe(true);
    expect(() => pager.get(3)).toThrow(expect.objectContaining({ code: 'SQLITE_MISUSE' }));
    expect(Pager.openSync(storage, 'f.db').get(2).data).toEqual(patternPage(4096, 2));
  });

  it('missing files without create are SQLITE_CANTOPEN', () => {
    expect(() => Pager.openSync(new MemoryStorage(), 'none.db', { create: false })).toThrow(
      expect.objectContaining({ code: 'SQLITE_CANTOPEN' }),
    );
  });
});
