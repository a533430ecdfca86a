/**
 * Crash at every point: a scenario (commits, checkpoint, WAL restart, close) runs over a storage
 * that "loses power" after its n-th mutating call, for every n. The files left behind must
 * reopen to a committed state: the last acknowledged commit, or the one in flight.
 *
 * Two crash models: every write that finished survives (`keep-unsynced`), or only what was
 * synced survives (`lose-unsynced`: a file keeps its image as of its last sync).
 */
import { describe, expect, it } from 'vitest';
import { SqliteError } from '../errors.js';
import { MemoryBlob, MemoryFile, MemoryStorage } from '../io/memory-storage.js';
import type { OpenOptions } from '../io/file.js';
import { Pager } from './pager.js';
import { fillPattern, memoryMode, patternPage, yieldingMode, type StorageMode } from './pager-test-kit.js';

type CrashModel = 'keep-unsynced' | 'lose-unsynced';

class PowerCut {
  opsLeft: number;
  crashed = false;
  constructor(limit: number) {
    this.opsLeft = limit;
  }
  tick(): void {
    if (this.crashed || this.opsLeft-- <= 0) {
      this.crashed = true;
      throw new SqliteError('SQLITE_IOERR_WRITE', 'simulated power cut');
    }
  }
}

class CrashFile extends MemoryFile {
  constructor(
    name: string,
    private readonly blobRef: MemoryBlob,
    readonly: boolean,
    private readonly storage: CrashStorage,
  ) {
    super(name, blobRef, readonly);
  }
  override write(offsetBytes: number, data: Uint8Array): void {
    this.storage.cut.tick();
    super.write(offsetBytes, data);
  }
  override truncate(sizeBytes: number): void {
    this.storage.cut.tick();
    super.truncate(sizeBytes);
  }
  override sync(): void {
    this.storage.cut.tick();
    super.sync();
    this.storage.durable.set(this.name, this.blobRef.snapshot());
  }
}

class CrashStorage extends MemoryStorage {
  /** Each file's image as of its last sync (what `lose-unsynced` keeps). */
  readonly durable = new Map<string, Uint8Array>();
  constructor(
    base: MemoryStorage,
    readonly cut: PowerCut,
  ) {
    super();
    for (const [name, blob] of base.files) {
      this.put(name, blob.snapshot());
      this.durable.set(name, blob.snapshot());
    }
  }
  override open(name: string, options: OpenOptions): MemoryFile {
    if (!this.files.has(name)) {
      if (!options.create) throw new SqliteError('SQLITE_CANTOPEN');
      this.cut.tick();
      this.put(name, new Uint8Array(0));
      this.durable.set(name, new Uint8Array(0));
    }
    return new CrashFile(name, this.files.get(name)!, options.readonly === true, this);
  }
  override delete(name: string): void {
    this.cut.tick();
    super.delete(name);
    this.durable.delete(name);
  }
  /** The files as they are after the power cut. */
  afterCrash(model: CrashModel): MemoryStorage {
    const out = new MemoryStorage();
    for (const name of this.files.keys()) {
      const image = model === 'keep-unsynced' ? this.get(name)! : (this.durable.get(name) ?? new Uint8Array(0));
      out.put(name, image);
    }
    return out;
  }
}

const PAGE = 4096;
/** Committed states of the scenario: seeds of pages 2.. in order. */
const STATES: number[][] = [[2, 3], [20, 3, 4], [20, 30, 4], [20, 30, 4, 5, 6], [20, 30, 4, 5]];

/** Runs the scenario from state 0; returns how many commits were acknowledged. */
async function scenario(m: StorageMode, acknowledged: { count: number }): Promise<void> {
  const p = await m.open('c.db');
  const setPage = async (pgno: number, seed: number) => {
    const page = await m.run(() => p.get(pgno));
    p.markDirty(page);
    fillPattern(page.data, seed);
  };
  await m.run(() => p.beginWrite()); // -> state 1
  await setPage(2, 20);
  fillPattern(p.appendPage().data, 4);
  await m.run(() => p.commit());
  acknowledged.count = 1;
  await m.run(() => p.checkpoint());
  await m.run(() => p.beginWrite()); // -> state 2 (restarts the WAL)
  await setPage(3, 30);
  await m.run(() => p.commit());
  acknowledged.count = 2;
  await m.run(() => p.beginWrite()); // -> state 3
  fillPattern(p.appendPage().data, 5);
  fillPattern(p.appendPage().data, 6);
  await m.run(() => p.commit());
  acknowledged.count = 3;
  await m.run(() => p.beginWrite()); // -> state 4 (shrinks)
  p.truncatePages(5);
  await m.run(() => p.commit());
  acknowledged.count = 4;
  await m.run(() => p.close());
}

async function stateOf(storage: MemoryStorage): Promise<number> {
  const p = Pager.openSync(storage, 'c.db');
  const seeds: number[] = [];
  for (let pgno = 2; pgno <= p.pageCount; pgno++) {
    const data = p.get(pgno).data;
    const seed = STATES.flat().find((s) => patternPage(PAGE, s).every((b, i) => b === data[i]));
    expect(seed, `page ${pgno} matches no committed image`).toBeDefined();
    seeds.push(seed!);
  }
  const index = STATES.findIndex((s) => s.length === seeds.length && s.every((v, i) => v === seeds[i]));
  expect(index, `pages ${seeds.join(',')} are no committed state`).toBeGreaterThanOrEqual(0);
  return index;
}

async function baseDatabase(): Promise<MemoryStorage> {
  const base = new MemoryStorage();
  const p = Pager.openSync(base, 'c.db');
  p.beginWrite();
  fillPattern(p.appendPage().data, 2);
  fillPattern(p.appendPage().data, 3);
  p.commit();
  p.close();
  return base;
}

for (const model of ['keep-unsynced', 'lose-unsynced'] as const) {
  for (const makeMode of [memoryMode, yieldingMode]) {
    describe(`power cut at every step (${model}, ${makeMode(new MemoryStorage()).label})`, () => {
      it('always reopens to the last acknowledged commit or the one in flight', async () => {
        const base = await baseDatabase();
        let completedRun = false;
        let crashPoints = 0;
        const seen = new Set<number>();
        for (let limit = 0; limit < 200 && !completedRun; limit++) {
          const crashStorage = new CrashStorage(base, new PowerCut(limit));
          const m = makeMode(crashStorage);
          const acknowledged = { count: 0 };
          try {
            await scenario(m, acknowledged);
            completedRun = true;
          } catch (e) {
            expect((e as SqliteError).message).toBe('simulated power cut');
            crashPoints++;
          }
          const state = await stateOf(crashStorage.afterCrash(model));
          seen.add(state);
          expect([acknowledged.count, acknowledged.count + 1], `crash after ${limit} steps`).toContain(state);
        }
        expect(completedRun).toBe(true);
        expect(crashPoints).toBeGreaterThan(20);
        expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
      });
    });
  }
}
