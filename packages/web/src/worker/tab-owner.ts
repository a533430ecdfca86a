/**
 * The owning side of a database shared by tabs: this worker holds the database's Web Lock and
 * its file, and serves the calls other tabs forward over the database's BroadcastChannel.
 * Each forwarding session holds a Web Lock of its own for as long as it lives; when that lock
 * is released (its tab closed, even mid-transaction), the session's statements are finalized
 * and its transaction rolled back.
 */
import type { DbServer } from './db-server.js';
import type { TabMessage } from './tab-messages.js';
import { channelName, sessionLockName, whenReleased, type Release } from './web-locks.js';
import type { Result } from './wire-types.js';

export class TabOwner {
  private readonly channel: BroadcastChannel;
  private readonly watched = new Set<string>();

  constructor(
    readonly id: string,
    key: string,
    readonly server: DbServer,
    private readonly release: Release,
  ) {
    this.channel = new BroadcastChannel(channelName(key));
    this.channel.onmessage = (ev: MessageEvent<TabMessage>) => this.onMessage(ev.data);
    this.post({ type: 'owner', id });
  }

  private post(m: TabMessage): void {
    this.channel.postMessage(m);
  }

  private onMessage(m: TabMessage): void {
    if (m.type === 'who') {
      this.post({ type: 'owner', id: this.id });
      return;
    }
    if (m.type !== 'req' || m.to !== this.id) return;
    const session = m.req.op === 'endSession' ? null : m.from;
    if (session !== null && !this.watched.has(session)) {
      this.watched.add(session);
      whenReleased(sessionLockName(session), () => {
        this.watched.delete(session);
        void this.server.sessionGone(session);
      });
    }
    const started = (): void => this.post({ type: 'started', to: m.from, rid: m.rid });
    void this.server.handle(m.from, m.req, started).then((result: Result) => this.post({ type: 'res', to: m.from, rid: m.rid, result }));
  }

  /** Answers what it has received, closes the database, and hands it to whichever tab is next. */
  async close(): Promise<void> {
    try {
      await this.server.close();
    } finally {
      this.post({ type: 'gone', id: this.id });
      this.channel.close();
      this.release();
    }
  }
}
