/**
 * A fault-injecting storage for crash tests. It models a disk with a volatile write cache:
 *
 * - every file has a DURABLE image (what survives power loss) and a CURRENT image (what reads
 *   see); writes and truncates change CURRENT and are queued as unsynced operations;
 * - `sync()` of a file makes its CURRENT image durable;
 * - after `crashAfterOps` backend calls (reads excluded: they cannot lose data), the storage
 *   "loses power": that call and every later one throw, and `survivors()` returns, for each
 *   file, its durable image — plus, when `tearLastWrite` is set and the file's last unsynced
 *   operation was a write, a random-length prefix of that write (a torn sector run).
 *
 * Creating and deleting files are treated as durable at once (directory operations are not
 * what WAL recovery has to survive). Every call completes inline, or, with `yielding`, on a later
 * macrotask, so crash tests also run down the restart path.
 */
import { Completion, type Io } from '../src/io/completion.js';
import type { DbFile, OpenOptions, Storage } from '../src/io/file.js';
import { MemoryBlob } from '../src/io/memory-storage.js';
import { SqliteError } from '../src/errors.js';

export class PowerLoss extends SqliteError {
  constructor() {
    super('SQLITE_IOERR_WRITE', 'simulated power loss');
  }
}

type Unsynced = { kind: 'write'; offset: number; data: Uint8Array } | { kind: 'truncate'; size: number };

class FaultBlob {
  durable = new MemoryBlob();
  current = new MemoryBlob();
  unsynced: Unsynced[] = [];
}

export interface FaultOptions {
  /** Number of mutating calls (write, truncate, sync, delete) that succeed before power loss. */
  crashAfterOps: number;
  /** At power loss, apply a random prefix of each file's last unsynced write. */
  tearLastWrite: boolean;
  /** PRNG for the tear length. */
  random: () => number;
  /** Deliver completions on a later macrotask. */
  yielding?: boolean;
}

export class FaultStorage implements Storage {
  private readonly files = new Map<string, FaultBlob>();
  private opsLeft: number;
  /** Mutating calls that took effect so far. */
  opsUsed = 0;
  crashed = false;

  constructor(
    private readonly options: FaultOptions,
    initial?: Map<string, Uint8Array>,
  ) {
    this.opsLeft = options.crashAfterOps;
    for (const [name, bytes] of initial ?? []) {
      const f = new FaultBlob();
      f.durable.write(0, bytes);
      f.current.write(0, bytes);
      this.files.set(name, f);
    }
  }

  /** Counts one mutating call; throws PowerLoss once the budget is spent. */
  tick(): void {
    if (this.crashed) throw new PowerLoss();
    if (this.opsLeft <= 0) {
      this.crashed = true;
      throw new PowerLoss();
    }
    this.opsLeft--;
    this.opsUsed++;
  }

  deliver<T>(compute: () => T): Io<T> {
    if (!this.options.yielding) return compute();
    const c = new Completion<T>();
    let result: { ok: true; v: T } | { ok: false; e: unknown };
    try {
      result = { ok: true, v: compute() };
    } catch (e) {
      result = { ok: false, e };
    }
    setTimeout(() => (result.ok ? c.complete(result.v) : c.fail(result.e)), 0);
    return c;
  }

  open(name: string, options: OpenOptions): Io<DbFile> {
    return this.deliver(() => {
      if (this.crashed) throw new PowerLoss();
      let f = this.files.get(name);
      if (f === undefined) {
        if (!options.create) throw new SqliteError('SQLITE_CANTOPEN', `unable to open database file: ${name}`);
        f = new FaultBlob();
        this.files.set(name, f);
      }
      return new FaultFile(name, f, this);
    });
  }

  delete(name: string): Io<void> {
    return this.deliver(() => {
      this.tick();
      this.files.delete(name);
    });
  }

  exists(name: string): Io<boolean> {
    return this.deliver(() => {
      if (this.crashed) throw new PowerLoss();
      return this.files.has(name);
    });
  }

  /** The files as they would be found after the power loss (or now, if none happened). */
  survivors(): Map<string, Uint8Array> {
    const out = new Map<string, Uint8Array>();
    for (const [name, f] of this.files) {
      const blob = new MemoryBlob();
      blob.write(0, f.durable.snapshot());
      const last = f.unsynced[f.unsynced.length - 1];
      if (this.crashed && this.options.tearLastWrite && last?.kind === 'write' && last.data.length > 0) {
        const keep = Math.floor(this.options.random() * last.data.length);
        blob.write(last.offset, last.data.subarray(0, keep));
      }
      out.set(name, blob.snapshot());
    }
    return out;
  }
}

class FaultFile implements DbFile {
  constructor(
    readonly name: string,
    private readonly f: FaultBlob,
    private readonly storage: FaultStorage,
  ) {}

  read(offsetBytes: number, into: Uint8Array): Io<number> {
    const copy = new Uint8Array(into.length);
    return this.storage.deliver(() => {
      if (this.storage.crashed) throw new PowerLoss();
      const n = this.f.current.read(offsetBytes, copy);
      into.set(copy);
      return n;
    });
  }

  write(offsetBytes: number, data: Uint8Array): Io<void> {
    return this.storage.deliver(() => {
      this.storage.tick();
      const copy = data.slice();
      this.f.current.write(offsetBytes, copy);
      this.f.unsynced.push({ kind: 'write', offset: offsetBytes, data: copy });
    });
  }

  sync(): Io<void> {
    return this.storage.deliver(() => {
      this.storage.tick();
      this.f.durable = new MemoryBlob();
      this.f.durable.write(0, this.f.current.snapshot());
      this.f.unsynced = [];
    });
  }

  truncate(sizeBytes: number): Io<void> {
    return this.storage.deliver(() => {
      this.storage.tick();
      this.f.current.truncate(sizeBytes);
      this.f.unsynced.push({ kind: 'truncate', size: sizeBytes });
    });
  }

  size(): Io<number> {
    return this.storage.deliver(() => {
      if (this.storage.crashed) throw new PowerLoss();
      return this.f.current.length;
    });
  }

  close(): Io<void> {
    return this.storage.deliver(() => undefined);
  }
}
