/**
 * One writer per database file across processes: an exclusive lock file `<db>-lock`.
 *
 * Node has no fcntl byte-range locks, so Minnow cannot share a file with other processes the way
 * SQLite does. Instead a connection that opens a file first creates `<db>-lock` with O_EXCL
 * (atomic on local file systems) holding its owner record { pid, host, started, token }. While
 * that file exists every other open of the database, from this process or another, is refused
 * with SQLITE_BUSY (after waiting up to `timeout` ms for it to go away).
 *
 * The lock file is removed on close, and on process exit for connections left open. A process
 * that dies without running its exit handlers (SIGKILL, a crash) leaves the file behind; the
 * next opener sees the owner is gone (same host, `process.kill(pid, 0)` says ESRCH) and breaks
 * the stale lock. Breaking is rename-then-check, so two processes breaking the same stale lock
 * at once cannot both end up believing they own a fresh one. An owner on another host, or a
 * live process that reused the dead owner's pid, keeps the lock: a false "busy" is the safe
 * failure; deleting the file by hand fixes it.
 */
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, linkSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { SqliteError } from '@minnow/core';

interface Owner {
  pid: number;
  host: string;
  started: number;
  token: string;
}

/** A lock file whose owner record is still missing this long after creation is abandoned. */
const EMPTY_LOCK_STALE_MS = 10_000;
const RETRY_INTERVAL_MS = 20;

/** Lock files this process holds, by path: removed at exit if their connection was not closed. */
const held = new Map<string, string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [path, token] of held) removeIfOurs(path, token);
  });
}

function errnoOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function readOwner(path: string): Owner | null | 'missing' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return 'missing';
    throw e;
  }
  try {
    const o = JSON.parse(text) as Partial<Owner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.token === 'string') {
      return { pid: o.pid, host: o.host, started: Number(o.started), token: o.token };
    }
  } catch {
    // Being written right now, or damaged: judged by age below.
  }
  return null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoOf(e) !== 'ESRCH';
  }
}

function isStale(path: string, owner: Owner | null): boolean {
  if (owner === null) {
    try {
      return Date.now() - statSync(path).mtimeMs > EMPTY_LOCK_STALE_MS;
    } catch {
      return false;
    }
  }
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return !held.has(path);
  return !processAlive(owner.pid);
}

function removeIfOurs(path: string, token: string): void {
  const owner = readOwner(path);
  if (owner === 'missing' || owner === null || owner.token !== token) return;
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to release.
  }
}

/**
 * Moves a stale lock out of the way. The rename is atomic: if another process broke the same
 * lock and already created its own in between, we moved the live one, notice (token differs)
 * and put it back.
 */
function breakStale(path: string, staleToken: string | null): void {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return;
    throw e;
  }
  const moved = readOwner(aside);
  const movedToken = moved === 'missing' || moved === null ? null : moved.token;
  if (movedToken !== staleToken) {
    try {
      linkSync(aside, path);
    } catch {
      // A third opener created a lock meanwhile; it owns the file now.
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // Nothing to clean.
  }
}

function tryCreate(path: string, owner: Owner): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (e) {
    if (errnoOf(e) === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(owner));
  } catch (e) {
    // An empty lock file would block openers until it is judged abandoned: remove it.
    closeSync(fd);
    unlinkSync(path);
    throw e;
  }
  closeSync(fd);
  return true;
}

export class FileLock {
  private released = false;

  private constructor(
    /** Path of the lock file. */
    readonly path: string,
    /** Null for a read-only open where no lock file could be made. */
    private readonly token: string | null,
  ) {}

  /**
   * Takes the lock at `path` now, or throws SQLITE_BUSY. Throws SQLITE_CANTOPEN if it cannot be
   * created; with `readonly`, a directory that refuses new files (read-only media, no write
   * permission) gives a lock that holds nothing instead: nobody can write there anyway.
   */
  static tryAcquire(path: string, readonly = false): FileLock {
    const owner: Owner = { pid: process.pid, host: hostname(), started: Math.round(performance.timeOrigin), token: randomBytes(12).toString('hex') };
    // Two rounds: the second after breaking a stale lock.
    for (let round = 0; round < 2; round++) {
      let created: boolean;
      try {
        created = tryCreate(path, owner);
      } catch (e) {
        const errno = errnoOf(e);
        if (readonly && errno !== undefined && ['EROFS', 'EACCES', 'EPERM'].includes(errno)) return new FileLock(path, null);
        const err = new SqliteError('SQLITE_CANTOPEN');
        err.cause = e;
        throw err;
      }
      if (created) {
        held.set(path, owner.token);
        installExitHook();
        return new FileLock(path, owner.token);
      }
      if (held.has(path)) break;
      const current = readOwner(path);
      if (current === 'missing') continue;
      if (!isStale(path, current)) break;
      breakStale(path, current === null ? null : current.token);
    }
    throw new SqliteError('SQLITE_BUSY');
  }

  /** Like tryAcquire, retrying for up to `timeoutMs` while the lock is busy. */
  static async acquire(path: string, timeoutMs: number, readonly = false): Promise<FileLock> {
    const deadline = Date.now() + Math.max(0, timeoutMs);
    for (;;) {
      try {
        return FileLock.tryAcquire(path, readonly);
      } catch (e) {
        if (!(e instanceof SqliteError) || e.code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw e;
      }
      await new Promise((r) => setTimeout(r, Math.min(RETRY_INTERVAL_MS, Math.max(1, deadline - Date.now()))));
    }
  }

  release(): void {
    if (this.released || this.token === null) return;
    this.released = true;
    if (held.get(this.path) === this.token) held.delete(this.path);
    removeIfOurs(this.path, this.token);
  }
}
