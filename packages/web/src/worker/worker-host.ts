/**
 * The engine's side of the page API, exposed by comlink from the dedicated worker: `open` a
 * database (a session), `call` it, `close` it. Several connections of a page to the same
 * database share one endpoint (one file handle) as separate sessions.
 */
import { transfer } from 'comlink';
import { SqliteError } from '@minnow/core';
import { DbEndpoint } from './db-endpoint.js';
import { candidates, type StorageChoice } from './storage-choice.js';
import { toWireError } from './wire-values.js';
import type { Request, Result, StorageKind, WireError } from './wire-types.js';

export interface OpenOptions {
  storage?: StorageChoice;
  import?: Uint8Array;
  busyTimeoutMs?: number;
}

export type OpenResult = { ok: true; session: string; storage: StorageKind; owner: boolean } | { ok: false; error: WireError };

/** Blob bytes past which results are transferred rather than copied. */
const TRANSFER_MIN_BYTES = 64 * 1024;

export class WorkerHost {
  private readonly id = crypto.randomUUID();
  private readonly endpoints = new Map<string, DbEndpoint>();
  private readonly opening = new Map<string, Promise<DbEndpoint>>();
  private readonly sessionEndpoint = new Map<string, DbEndpoint>();
  private nextSession = 1;

  async open(name: string, options: OpenOptions = {}): Promise<OpenResult> {
    if (typeof name !== 'string' || name === '' || name.includes('/')) {
      return { ok: false, error: { code: 'SQLITE_CANTOPEN', message: `unable to open database file: bad name ${JSON.stringify(name)}` } };
    }
    let lastError: unknown = null;
    for (const kind of candidates(options.storage ?? 'auto')) {
      try {
        const endpoint = await this.endpoint(kind, name, options);
        const session = `${this.id}/${this.nextSession++}`;
        await endpoint.openSession(session);
        this.sessionEndpoint.set(session, endpoint);
        return { ok: true, session, storage: kind, owner: endpoint.owner };
      } catch (e) {
        lastError = e;
        // Only a storage that cannot be had falls through to the next; a broken file is reported.
        if (!(e instanceof SqliteError && e.code === 'SQLITE_CANTOPEN') || options.storage !== 'auto') break;
      }
    }
    return { ok: false, error: toWireError(lastError) };
  }

  private async endpoint(kind: StorageKind, name: string, options: OpenOptions): Promise<DbEndpoint> {
    const key = `${kind}:${name}`;
    const existing = this.endpoints.get(key);
    if (existing !== undefined) {
      if (options.import !== undefined) throw new SqliteError('SQLITE_BUSY', 'database is locked: it is open, so it cannot be replaced by an import');
      return existing;
    }
    let opening = this.opening.get(key);
    if (opening === undefined) {
      const { import: bytes, busyTimeoutMs } = options;
      opening = DbEndpoint.open(kind, name, this.id, { ...(bytes ? { import: bytes } : {}), ...(busyTimeoutMs ? { busyTimeoutMs } : {}) });
      this.opening.set(key, opening);
      opening.then(
        (ep) => this.endpoints.set(key, ep),
        () => undefined,
      ).finally(() => this.opening.delete(key));
    }
    return opening;
  }

  async call(session: string, req: Request): Promise<Result> {
    const endpoint = this.sessionEndpoint.get(session);
    if (endpoint === undefined) return { ok: false, error: { code: 'SQLITE_MISUSE', message: 'The database connection is not open' } };
    const result = await endpoint.call(session, req);
    return withTransfer(result);
  }

  async close(session: string): Promise<Result> {
    const endpoint = this.sessionEndpoint.get(session);
    if (endpoint === undefined) return { ok: true };
    this.sessionEndpoint.delete(session);
    try {
      if (await endpoint.closeSession(session)) this.endpoints.delete(endpoint.key);
      return { ok: true };
    } catch (e) {
      this.endpoints.delete(endpoint.key);
      return { ok: false, error: toWireError(e) };
    }
  }
}

/** Large byte results (an export, big blobs) are transferred to the page, not copied. */
function withTransfer(result: Result): Result {
  if (!result.ok) return result;
  if ('bytes' in result) return transfer(result, [result.bytes.buffer as ArrayBuffer]);
  if ('rows' in result || 'row' in result) {
    const buffers: ArrayBuffer[] = [];
    let total = 0;
    const visit = (v: unknown): void => {
      if (v instanceof Uint8Array) {
        total += v.byteLength;
        buffers.push(v.buffer as ArrayBuffer);
      } else if (Array.isArray(v)) v.forEach(visit);
      else if (v !== null && typeof v === 'object') Object.values(v).forEach(visit);
    };
    visit('rows' in result ? result.rows : result.row);
    if (total >= TRANSFER_MIN_BYTES && new Set(buffers).size === buffers.length) return transfer(result, buffers);
  }
  return result;
}
