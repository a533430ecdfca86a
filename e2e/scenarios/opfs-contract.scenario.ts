/**
 * The storage contract (packages/core/test/storage-contract-cases.ts) over the real OPFS, in
 * this dedicated worker. Each case gets a fresh directory under `args.dir`; the result lists
 * every case with its error, if any.
 */
import { runStorageContract, type ContractResult } from '../../packages/core/test/storage-contract-runner.js';
import { OpfsStorage } from '@minnow/web';
import { stringArg } from './scenario-args.js';

export async function runContract(args: unknown): Promise<ContractResult[]> {
  const dir = stringArg(args, 'dir');
  // Without this the contract would not be testing what production uses.
  if (typeof (globalThis as { FileSystemSyncAccessHandle?: unknown }).FileSystemSyncAccessHandle !== 'function') {
    throw new Error('FileSystemSyncAccessHandle is missing in this worker');
  }
  const parent = await OpfsStorage.at([dir]);
  let caseCount = 0;
  return runStorageContract(
    {
      create: () => OpfsStorage.at([dir, `case-${caseCount++}`]),
      dispose: async (storage) => {
        // Best effort: after a failed case a file may still be open and the directory stay.
        const name = `case-${caseCount - 1}`;
        if ((storage as OpfsStorage).openNames.length === 0) await parent.directory.removeEntry(name, { recursive: true }).catch(() => undefined);
      },
    },
    // The whole point of OPFS sync access handles: file calls never pend.
    { fileCalls: 'inline', storageCalls: 'either' },
  );
}
