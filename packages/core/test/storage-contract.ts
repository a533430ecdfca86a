/**
 * Registers the storage contract (storage-contract-cases.ts) as vitest tests for one backend:
 *
 *   describeStorageContract('NodeSyncStorage', { create: () => new NodeSyncStorage(dir) },
 *                           { fileCalls: 'inline', storageCalls: 'inline' });
 *
 * Lives under test/ (not src/) because it imports vitest: core's production build stays free
 * of it.
 */
import { describe, it } from 'vitest';
import { storageContractCases } from './storage-contract-cases.js';
import { runContractCase, type StorageContractOptions, type StorageFactory } from './storage-contract-runner.js';

export type { CallStyle, StorageContractOptions, StorageFactory } from './storage-contract-runner.js';

export interface DescribeOptions extends StorageContractOptions {
  /**
   * Names of cases this backend is known to fail, each a reported bug. They run as `it.fails`,
   * so fixing the backend turns them red until the entry is removed.
   */
  knownFailures?: readonly string[];
}

export function describeStorageContract(label: string, factory: StorageFactory, options: DescribeOptions = {}): void {
  const known = new Set(options.knownFailures ?? []);
  for (const name of known) {
    if (!storageContractCases.some((c) => c.name === name)) throw new Error(`knownFailures: no case named "${name}"`);
  }
  describe(`storage contract: ${label}`, () => {
    for (const c of storageContractCases) {
      const register = known.has(c.name) ? it.fails : it;
      register(c.name, () => runContractCase(c, factory, options));
    }
  });
}
