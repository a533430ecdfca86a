/**
 * Runs the storage contract cases without a test framework (in a browser worker, say), and
 * gives each case its tools: `call`/`start` run one backend call and check it finished the way
 * the backend promised (see StorageContractOptions).
 */
import { isPending, type Io } from '../src/io/completion.js';
import type { Storage } from '../src/io/file.js';
import { storageContractCases } from './storage-contract-cases.js';
import { fail } from './storage-contract-checks.js';

/**
 * How a backend's calls finish: `inline` = return their value (never a Completion),
 * `pending` = return a Completion every time, `either` = no promise made.
 * An error may always be thrown at call time or delivered through the Completion.
 */
export type CallStyle = 'inline' | 'pending' | 'either';

export interface StorageContractOptions {
  /** How `read`, `write`, `sync`, `truncate`, `size` and `close` finish. Default `either`. */
  fileCalls?: CallStyle;
  /** How `open`, `delete` and `exists` finish. Default `either`. */
  storageCalls?: CallStyle;
  /**
   * Offset for the large-offset case. Backends that store sparse files (real file systems)
   * should use one past 2^32 to catch 32-bit offset arithmetic; memory-backed ones something
   * they can allocate. Default 16 MiB + 7.
   */
  largeOffsetBytes?: number;
}

export interface ContractTools {
  /** Runs one backend call and returns its value, checking how it finished. */
  call<T>(kind: 'file' | 'storage', what: string, start: () => Io<T>): Promise<T>;
  /** Starts a call now (checking its style) and returns a function that awaits its value. */
  start<T>(kind: 'file' | 'storage', what: string, start: () => Io<T>): () => Promise<T>;
  readonly largeOffsetBytes: number;
}

export interface ContractCase {
  readonly name: string;
  run(storage: Storage, tools: ContractTools): Promise<void>;
}

export interface ContractResult {
  name: string;
  /** Undefined when the case passed. */
  error?: string;
}

export function contractTools(options: StorageContractOptions = {}): ContractTools {
  const styles = { file: options.fileCalls ?? 'either', storage: options.storageCalls ?? 'either' };
  const start = <T>(kind: 'file' | 'storage', what: string, begin: () => Io<T>): (() => Promise<T>) => {
    let result: Io<T>;
    try {
      result = begin();
    } catch (e) {
      // An error thrown at call time is allowed for every style.
      return () => Promise.reject(e);
    }
    const style = styles[kind];
    if (style === 'inline' && isPending(result)) fail(`${what} returned a Completion, but this backend's ${kind} calls finish inline`);
    if (style === 'pending' && !isPending(result)) fail(`${what} finished inline, but this backend's ${kind} calls return a Completion`);
    if (!isPending(result)) {
      const value = result;
      return () => Promise.resolve(value);
    }
    const completion = result;
    return async () => {
      await completion.wait();
      return completion.value();
    };
  };
  return {
    start,
    call: (kind, what, begin) => start(kind, what, begin)(),
    largeOffsetBytes: options.largeOffsetBytes ?? 16 * 1024 * 1024 + 7,
  };
}

export interface StorageFactory {
  /** A fresh, empty Storage for one case. */
  create(): Storage | Promise<Storage>;
  /** Called after each case, passed or failed. */
  dispose?(storage: Storage): void | Promise<void>;
}

/** Runs one case with a fresh storage; rejects with the case's error. */
export async function runContractCase(c: ContractCase, factory: StorageFactory, options: StorageContractOptions = {}): Promise<void> {
  const storage = await factory.create();
  try {
    await c.run(storage, contractTools(options));
  } finally {
    await factory.dispose?.(storage);
  }
}

/** Runs every case (for hosts without a test framework) and reports each one's outcome. */
export async function runStorageContract(factory: StorageFactory, options: StorageContractOptions = {}): Promise<ContractResult[]> {
  const results: ContractResult[] = [];
  for (const c of storageContractCases) {
    try {
      await runContractCase(c, factory, options);
      results.push({ name: c.name });
    } catch (e) {
      const err = e as { stack?: unknown; message?: unknown };
      results.push({ name: c.name, error: String(err.stack ?? err.message ?? e) });
    }
  }
  return results;
}
