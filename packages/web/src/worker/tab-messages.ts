/** Messages on a database's BroadcastChannel, between the owning worker and other tabs' ones. */
import type { Request, Result } from './wire-types.js';

export type TabMessage =
  /** A forwarding tab asks who owns the database. */
  | { type: 'who' }
  /** The owner introduces itself (on becoming owner, and in answer to 'who'). */
  | { type: 'owner'; id: string }
  /** The owner has closed the database after answering everything it received. */
  | { type: 'gone'; id: string }
  | { type: 'req'; to: string; from: string; rid: number; req: Request }
  /** The owner started running a request: from now on it may have had effects. */
  | { type: 'started'; to: string; rid: number }
  | { type: 'res'; to: string; rid: number; result: Result };
