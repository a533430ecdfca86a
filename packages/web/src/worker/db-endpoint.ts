/**
 * One database as this worker sees it: either it owns the file (a DbServer, shared with other
 * tabs through a TabOwner) or another tab does and calls are forwarded (TabClient). Ownership
 * is a Web Lock per database: the first worker to take it opens the file; the others forward
 * to it and queue for the lock, so when the owner's tab closes the next one takes over.
 * Memory databases are private to the worker and need none of this.
 */
import { SqliteError } from '@minnow/core';
import { DbServer } from './db-server.js';
import { storageFor } from './storage-choice.js';
import { TabClient, type Pending } from './tab-client.js';
import { TabOwner } from './tab-owner.js';
import { holdLock, locksAvailable, ownerLockName, sessionLockName, type Release } from './web-locks.js';
import type { Request, Result, StorageKind } from './wire-types.js';

export interface EndpointOptions {
  import?: Uint8Array;
  busyTimeoutMs?: number;
}

type Role = { kind: 'owner'; server: DbServer; tab: TabOwner | null } | { kind: 'client'; client: TabClient };

const TAKEOVER_ATTEMPTS = 50;
const TAKEOVER_DELAY_MS = 100;

export class DbEndpoint {
  private role: Role;
  private readonly sessions = new Map<string, Release | null>();
  private readonly abort = new AbortController();
  private closed = false;

  private constructor(
    readonly key: string,
    readonly kind: StorageKind,
    readonly name: string,
    private readonly workerId: string,
    role: Role,
    private readonly options: EndpointOptions,
  ) {
    this.role = role;
  }

  static async open(kind: StorageKind, name: string, workerId: string, options: EndpointOptions): Promise<DbEndpoint> {
    const key = `${kind}:${name}`;
    if (kind === 'memory' || !locksAvailable()) {
      const server = await DbServer.open(await storageFor(kind, name), kind, name, options.import, options.busyTimeoutMs);
      return new DbEndpoint(key, kind, name, workerId, { kind: 'owner', server, tab: null }, options);
    }
    const release = await holdLock(ownerLockName(key), { ifAvailable: true });
    if (release !== null) {
      let server: DbServer;
      try {
        server = await DbServer.open(await storageFor(kind, name), kind, name, options.import, options.busyTimeoutMs);
      } catch (e) {
        release();
        throw e;
      }
      return new DbEndpoint(key, kind, name, workerId, { kind: 'owner', server, tab: new TabOwner(workerId, key, server, release) }, options);
    }
    if (options.import !== undefined) {
      throw new SqliteError('SQLITE_BUSY', 'database is locked: it is open in another tab, so it cannot be replaced by an import');
    }
    const endpoint = new DbEndpoint(key, kind, name, workerId, { kind: 'client', client: new TabClient(key, workerId) }, options);
    endpoint.awaitOwnership();
    return endpoint;
  }

  get owner(): boolean {
    return this.role.kind === 'owner';
  }

  /** Registers a session; a forwarding one holds a Web Lock so the owner sees it go. */
  async openSession(session: string): Promise<void> {
    const release = this.kind === 'memory' || !locksAvailable() ? null : await holdLock(sessionLockName(session));
    this.sessions.set(session, release);
  }

  call(session: string, req: Request): Promise<Result> {
    if (this.role.kind === 'owner') return this.role.server.handle(session, req);
    return this.role.client.call(session, req);
  }

  /** Ends a session; returns true when it was the last, and the endpoint is now closed. */
  async closeSession(session: string): Promise<boolean> {
    if (!this.sessions.has(session)) return this.sessions.size === 0;
    await this.call(session, { op: 'endSession' });
    this.sessions.get(session)?.();
    this.sessions.delete(session);
    if (this.sessions.size > 0) return false;
    await this.close();
    return true;
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    const role = this.role;
    if (role.kind === 'client') {
      role.client.stop();
    } else if (role.tab !== null) {
      await role.tab.close();
    } else {
      await role.server.close();
    }
  }

  /** A forwarding endpoint queues for the owner's lock, and takes over when it comes. */
  private awaitOwnership(): void {
    holdLock(ownerLockName(this.key), { signal: this.abort.signal }).then(
      (release) => {
        if (release === null) return;
        if (this.closed) {
          release();
          return;
        }
        void this.takeOver(release);
      },
      () => undefined, // aborted: this endpoint closed while waiting
    );
  }

  private async takeOver(release: Release): Promise<void> {
    if (this.role.kind !== 'client') return;
    const client = this.role.client;
    let server: DbServer | null = null;
    let lastError: unknown = null;
    // The old owner's file handle may outlive its lock by a moment.
    for (let attempt = 0; attempt < TAKEOVER_ATTEMPTS && server === null; attempt++) {
      try {
        server = await DbServer.open(await storageFor(this.kind, this.name), this.kind, this.name, undefined, this.options.busyTimeoutMs);
      } catch (e) {
        lastError = e;
        await new Promise((r) => setTimeout(r, TAKEOVER_DELAY_MS));
      }
    }
    const unsent: Pending[] = client.stop();
    if (server === null) {
      release();
      const error = lastError instanceof SqliteError ? { code: lastError.code, message: lastError.message } : { code: 'SQLITE_CANTOPEN', message: String(lastError) };
      for (const p of unsent) p.resolve({ ok: false, error });
      this.role = { kind: 'client', client: new TabClient(this.key, this.workerId) };
      this.awaitOwnership();
      return;
    }
    this.role = { kind: 'owner', server, tab: new TabOwner(this.workerId, this.key, server, release) };
    for (const p of unsent) void server.handle(p.session, p.req).then(p.resolve);
    if (this.closed) await this.role.tab?.close();
  }
}
