/**
 * Web Locks as values: `holdLock` resolves with a release function once the lock is held
 * (or null when `ifAvailable` and someone else holds it). A lock is released when released,
 * or when the worker holding it ends (tab closed), which is what other tabs watch for.
 */

export type Release = () => void;

export function locksAvailable(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.locks?.request === 'function';
}

export function holdLock(name: string, options: { ifAvailable?: boolean; signal?: AbortSignal } = {}): Promise<Release | null> {
  return new Promise((resolve, reject) => {
    navigator.locks
      .request(name, { ifAvailable: options.ifAvailable ?? false, ...(options.signal ? { signal: options.signal } : {}) }, (lock) => {
        if (lock === null) {
          resolve(null);
          return undefined;
        }
        return new Promise<void>((release) => resolve(release));
      })
      .catch(reject);
  });
}

/** Calls `onGone` once nobody holds `name` (at once if nobody does now). */
export function whenReleased(name: string, onGone: () => void): void {
  navigator.locks.request(name, () => onGone()).catch(() => undefined);
}

export const ownerLockName = (key: string): string => `minnow-owner:${key}`;
export const sessionLockName = (session: string): string => `minnow-session:${session}`;
export const channelName = (key: string): string => `minnow:${key}`;
