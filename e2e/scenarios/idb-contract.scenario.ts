/**
 * The storage contract (packages/core/test/storage-contract-cases.ts) over Chromium's real
 * IndexedDB, in this dedicated worker. Each case gets a fresh IndexedDB database named
 * `${args.prefix}-${case number}`, deleted after the case.
 */
import { runStorageContract, type ContractResult } from '../../packages/core/test/storage-contract-runner.js';
import { IdbStorage } from '@minnow/web';
import { stringArg } from './scenario-args.js';

export async function runContract(args: unknown): Promise<ContractResult[]> {
  const prefix = stringArg(args, 'prefix');
  if (typeof indexedDB === 'undefined') throw new Error('indexedDB is missing in this worker');
  let caseCount = 0;
  return runStorageContract({
    create: () => new IdbStorage(`${prefix}-${caseCount++}`),
    dispose: async (storage) => {
      const s = storage as IdbStorage;
      await s.close();
      await IdbStorage.deleteDatabase(s.databaseName);
    },
  });
}
