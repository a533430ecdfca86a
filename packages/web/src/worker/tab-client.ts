/**
 * The forwarding side of a database shared by tabs: another tab's worker owns the file, so
 * this worker's calls go to it over the BroadcastChannel. Requests carry the owner's id; when
 * the owner hands over ('gone': it answered everything it had received) unanswered requests
 * are sent again to the next owner; when it vanished without a word (tab closed), requests it
 * had not started are sent again, and one it had started fails with SQLITE_BUSY, since whether
 * it took effect is unknown. A call never
 * waits for ever: without any owner answering for NO_OWNER_TIMEOUT_MS it fails with
 * SQLITE_BUSY.
 */
import type { TabMessage } from './tab-messages.js';
import { channelName } from './web-locks.js';
import type { Request, Result } from './wire-types.js';

export const NO_OWNER_TIMEOUT_MS = 10_000;

interface Pending {
  session: string;
  req: Request;
  resolve: (r: Result) => void;
  /** The owner it was sent to; null while waiting for one. */
  sentTo: string | null;
  /** The owner said it started running it. */
  started: boolean;
  since: number;
}

const ownerLost = (): Result => ({
  ok: false,
  error: { code: 'SQLITE_BUSY', message: 'database is locked: the tab that owned it closed during this call' },
});

export class TabClient {
  private readonly channel: BroadcastChannel;
  private owner: string | null = null;
  private nextRid = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly ticker: ReturnType<typeof setInterval>;
  private closed = false;

  constructor(
    readonly key: string,
    /** This worker's id on the channel (answers come addressed to it). */
    readonly id: string,
  ) {
    this.channel = new BroadcastChannel(channelName(key));
    this.channel.onmessage = (ev: MessageEvent<TabMessage>) => this.onMessage(ev.data);
    this.channel.postMessage({ type: 'who' } satisfies TabMessage);
    this.ticker = setInterval(() => this.expire(), 500);
  }

  call(session: string, req: Request): Promise<Result> {
    if (this.closed) return Promise.resolve({ ok: false, error: { code: 'SQLITE_MISUSE', message: 'The database connection is not open' } });
    return new Promise((resolve) => {
      const rid = this.nextRid++;
      const p: Pending = { session, req, resolve, sentTo: null, started: false, since: Date.now() };
      this.pending.set(rid, p);
      this.send(rid, p);
    });
  }

  private send(rid: number, p: Pending): void {
    if (this.owner === null) return;
    p.sentTo = this.owner;
    p.since = Date.now();
    // `from` is the session: the owner keys statements and transactions by it.
    this.channel.postMessage({ type: 'req', to: this.owner, from: p.session, rid, req: p.req } satisfies TabMessage);
  }

  private onMessage(m: TabMessage): void {
    switch (m.type) {
      case 'owner':
        if (m.id === this.owner) return;
        // A new owner: the previous one vanished; what it was running is lost, the rest is resent.
        for (const [rid, p] of this.pending) {
          if (p.started) {
            this.pending.delete(rid);
            p.resolve(ownerLost());
          } else {
            p.sentTo = null;
          }
        }
        this.owner = m.id;
        for (const [rid, p] of this.pending) this.send(rid, p);
        return;
      case 'gone':
        if (m.id !== this.owner) return;
        this.owner = null;
        // It answered everything it received before saying so: the rest never ran.
        for (const p of this.pending.values()) p.sentTo = null;
        return;
      case 'started': {
        const p = this.pending.get(m.rid);
        if (p !== undefined && p.session === m.to) p.started = true;
        return;
      }
      case 'res': {
        const p = this.pending.get(m.rid);
        if (p === undefined || p.session !== m.to) return;
        if (!m.result.ok && m.result.error.moved === true) {
          p.sentTo = null;
          p.started = false;
          return;
        }
        this.pending.delete(m.rid);
        p.resolve(m.result);
        return;
      }
      default:
        return;
    }
  }

  private expire(): void {
    const now = Date.now();
    if (this.owner === null && this.pending.size > 0) this.channel.postMessage({ type: 'who' } satisfies TabMessage);
    for (const [rid, p] of this.pending) {
      if (p.sentTo === null && now - p.since > NO_OWNER_TIMEOUT_MS) {
        this.pending.delete(rid);
        p.resolve({ ok: false, error: { code: 'SQLITE_BUSY', message: 'database is locked: no tab holding it answers' } });
      }
    }
  }

  /**
   * Stops forwarding (this worker became the owner, or closed): returns the calls the old
   * owner had not started, to run elsewhere; those it had started fail.
   */
  stop(): Pending[] {
    this.closed = true;
    clearInterval(this.ticker);
    this.channel.close();
    const unsent: Pending[] = [];
    for (const p of this.pending.values()) {
      if (p.started) p.resolve(ownerLost());
      else unsent.push(p);
    }
    this.pending.clear();
    return unsent;
  }
}
export type { Pending };
