/**
 * A transport wrapper that hands the MCP server one request at a time, in arrival order: the
 * next message is delivered only after the previous request has been answered.
 *
 * Why: the SDK starts every request's handler as soon as its line arrives, and tool handlers
 * begin with asynchronous argument validation, so a client that pipes CREATE TABLE, INSERT and
 * SELECT back to back could see them run in another order. Databases need them in order. The
 * cost is that a notification (say, a cancellation) waits behind the request running.
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';

type Id = string | number;

function requestId(m: JSONRPCMessage): Id | null {
  return 'method' in m && 'id' in m && m.id !== undefined ? (m.id as Id) : null;
}

function responseId(m: JSONRPCMessage): Id | null {
  return !('method' in m) && 'id' in m && ('result' in m || 'error' in m) ? (m.id as Id) : null;
}

export class OrderedTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;
  private readonly waiting: [JSONRPCMessage, MessageExtraInfo | undefined][] = [];
  private running: Id | null = null;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly inner: Transport) {
    inner.onmessage = (m, extra) => {
      this.waiting.push([m, extra]);
      this.pump();
    };
    inner.onclose = () => this.onclose?.();
    inner.onerror = (e) => this.onerror?.(e);
  }

  start(): Promise<void> {
    return this.inner.start();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  async send(message: JSONRPCMessage, options?: Parameters<Transport['send']>[1]): Promise<void> {
    await this.inner.send(message, options);
    if (this.running !== null && responseId(message) === this.running) {
      this.running = null;
      this.pump();
    }
  }

  /** Resolves when every message received so far has been handled. */
  idle(): Promise<void> {
    if (this.running === null && this.waiting.length === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private pump(): void {
    while (this.running === null && this.waiting.length > 0) {
      const [m, extra] = this.waiting.shift()!;
      this.running = requestId(m);
      this.onmessage?.(m, extra);
    }
    if (this.running === null && this.waiting.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }
}
