import { describe, expect, it } from 'vitest';
import { SqliteError } from '@minnow/core';
import { fsError, type FsCall } from './fs-errors.js';

function errno(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('fsError', () => {
  const cases: [FsCall, string, string][] = [
    ['open', 'ENOENT', 'SQLITE_CANTOPEN'],
    ['open', 'EISDIR', 'SQLITE_CANTOPEN'],
    ['open', 'EACCES', 'SQLITE_CANTOPEN'],
    ['open', 'EMFILE', 'SQLITE_CANTOPEN'],
    ['open', 'ENOSPC', 'SQLITE_FULL'],
    ['write', 'ENOSPC', 'SQLITE_FULL'],
    ['write', 'EDQUOT', 'SQLITE_FULL'],
    ['truncate', 'ENOSPC', 'SQLITE_FULL'],
    ['sync', 'ENOSPC', 'SQLITE_FULL'],
    ['write', 'EROFS', 'SQLITE_READONLY'],
    ['write', 'EACCES', 'SQLITE_READONLY'],
    ['truncate', 'EPERM', 'SQLITE_READONLY'],
    ['read', 'EIO', 'SQLITE_IOERR_READ'],
    ['read', 'EACCES', 'SQLITE_IOERR_READ'],
    ['write', 'EIO', 'SQLITE_IOERR_WRITE'],
    ['sync', 'EIO', 'SQLITE_IOERR_FSYNC'],
    ['truncate', 'EIO', 'SQLITE_IOERR_TRUNCATE'],
    ['size', 'EIO', 'SQLITE_IOERR_FSTAT'],
    ['delete', 'EBUSY', 'SQLITE_IOERR_DELETE'],
    ['exists', 'EIO', 'SQLITE_IOERR'],
    ['close', 'EIO', 'SQLITE_IOERR'],
  ];
  for (const [call, code, expected] of cases) {
    it(`${call} failing with ${code} is ${expected}`, () => {
      const original = errno(code);
      const err = fsError(original, call);
      expect(err).toBeInstanceOf(SqliteError);
      expect(err.code).toBe(expected);
      expect(err.cause).toBe(original);
    });
  }

  it("keeps SQLite's wording in the message", () => {
    expect(fsError(errno('ENOENT'), 'open').message).toBe('unable to open database file');
    expect(fsError(errno('ENOSPC'), 'write').message).toBe('database or disk is full');
    expect(fsError(errno('EIO'), 'read').message).toBe('disk I/O error');
  });

  it('passes a SqliteError through and maps an error without errno to the call', () => {
    const own = new SqliteError('SQLITE_MISUSE');
    expect(fsError(own, 'read')).toBe(own);
    expect(fsError(new TypeError('bad'), 'write').code).toBe('SQLITE_IOERR_WRITE');
    expect(fsError('not even an error', 'open').code).toBe('SQLITE_CANTOPEN');
  });
});
