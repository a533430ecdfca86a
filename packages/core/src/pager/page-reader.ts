/**
 * Cache misses: reading one page image, from the newest committed WAL frame holding the page or
 * else from the database file, over a backend that may pend.
 *
 * A read that pends is remembered here (its buffer belongs to the backend until it completes)
 * and IoPending is thrown; the restarted operation asks for the same page and gets the finished
 * read instead of issuing a second one.
 *
 * Invariant: a remembered read is of the committed image the pager would read now. Whoever
 * changes where committed pages live (a commit, a WAL restart) or what a page number means (a
 * truncation, an overwrite) calls `forget`/`clear`.
 */
import type { Completion } from '../io/completion.js';
import { isPending } from '../io/completion.js';
import type { DbFile } from '../io/file.js';
import { IoPending } from '../io/io-pending.js';
import { corrupt } from '../errors.js';
import type { Wal } from './wal.js';

interface InflightRead {
  completion: Completion<number>;
  buffer: Uint8Array;
  fromWal: boolean;
}

export class PageReader {
  private readonly inflight = new Map<number, InflightRead>();

  constructor(private readonly pageSizeBytes: number) {}

  /** The committed image of `pgno`; throws IoPending while the read is outstanding. */
  read(pgno: number, dbFile: DbFile, wal: Wal | null): Uint8Array {
    const pending = this.inflight.get(pgno);
    if (pending !== undefined) {
      if (!pending.completion.done) throw new IoPending(pending.completion);
      this.inflight.delete(pgno);
      return this.finish(pgno, pending.buffer, pending.completion.value(), pending.fromWal);
    }
    const buffer = new Uint8Array(this.pageSizeBytes);
    const frame = wal === null ? 0 : wal.frameFor(pgno);
    const fromWal = frame !== 0;
    const result = fromWal
      ? wal!.file.read(wal!.pageOffset(frame), buffer)
      : dbFile.read((pgno - 1) * this.pageSizeBytes, buffer);
    if (isPending(result)) {
      this.inflight.set(pgno, { completion: result, buffer, fromWal });
      throw new IoPending(result);
    }
    return this.finish(pgno, buffer, result, fromWal);
  }

  /** A short read of the database file is zero-filled (as SQLite does); of the WAL, corruption. */
  private finish(pgno: number, buffer: Uint8Array, bytesRead: number, fromWal: boolean): Uint8Array {
    if (fromWal && bytesRead !== this.pageSizeBytes) throw corrupt(`short read of page ${pgno} from the WAL`);
    return buffer;
  }

  forget(pgno: number): void {
    this.inflight.delete(pgno);
  }

  forgetAbove(pageCount: number): void {
    for (const pgno of this.inflight.keys()) if (pgno > pageCount) this.inflight.delete(pgno);
  }

  clear(): void {
    this.inflight.clear();
  }
}
