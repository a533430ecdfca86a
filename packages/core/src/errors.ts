/**
 * The one error type Minnow throws for anything a user can cause or meet: bad SQL, constraint
 * failures, corrupt files, I/O failures. `code` is SQLite's extended result-code name
 * (`SQLITE_CORRUPT`, `SQLITE_CONSTRAINT_UNIQUE`, ...), `message` is SQLite's own wording.
 *
 * Internal invariant violations are NOT SqliteErrors: they are thrown by `assert` as plain
 * `Error`s (see assert.ts), because they mean a bug in Minnow, not bad input.
 */

/** Primary result codes (sqlite3.h), by name. Extended codes are `primary | (n << 8)`. */
export const ResultCode = {
  SQLITE_OK: 0,
  SQLITE_ERROR: 1,
  SQLITE_INTERNAL: 2,
  SQLITE_PERM: 3,
  SQLITE_ABORT: 4,
  SQLITE_BUSY: 5,
  SQLITE_LOCKED: 6,
  SQLITE_NOMEM: 7,
  SQLITE_READONLY: 8,
  SQLITE_INTERRUPT: 9,
  SQLITE_IOERR: 10,
  SQLITE_CORRUPT: 11,
  SQLITE_NOTFOUND: 12,
  SQLITE_FULL: 13,
  SQLITE_CANTOPEN: 14,
  SQLITE_PROTOCOL: 15,
  SQLITE_EMPTY: 16,
  SQLITE_SCHEMA: 17,
  SQLITE_TOOBIG: 18,
  SQLITE_CONSTRAINT: 19,
  SQLITE_MISMATCH: 20,
  SQLITE_MISUSE: 21,
  SQLITE_NOLFS: 22,
  SQLITE_AUTH: 23,
  SQLITE_FORMAT: 24,
  SQLITE_RANGE: 25,
  SQLITE_NOTADB: 26,
} as const;

export type PrimaryCodeName = keyof typeof ResultCode;

/** Extended codes used by Minnow (name -> number), as in sqlite3.h. */
export const ExtendedCode = {
  SQLITE_IOERR_READ: 10 | (1 << 8),
  SQLITE_IOERR_SHORT_READ: 10 | (2 << 8),
  SQLITE_IOERR_WRITE: 10 | (3 << 8),
  SQLITE_IOERR_FSYNC: 10 | (4 << 8),
  SQLITE_IOERR_TRUNCATE: 10 | (6 << 8),
  SQLITE_IOERR_FSTAT: 10 | (7 << 8),
  SQLITE_IOERR_DELETE: 10 | (10 << 8),
  SQLITE_CORRUPT_VTAB: 11 | (1 << 8),
  SQLITE_CORRUPT_SEQUENCE: 11 | (2 << 8),
  SQLITE_CORRUPT_INDEX: 11 | (3 << 8),
  SQLITE_CONSTRAINT_CHECK: 19 | (1 << 8),
  SQLITE_CONSTRAINT_FOREIGNKEY: 19 | (3 << 8),
  SQLITE_CONSTRAINT_NOTNULL: 19 | (5 << 8),
  SQLITE_CONSTRAINT_PRIMARYKEY: 19 | (6 << 8),
  SQLITE_CONSTRAINT_TRIGGER: 19 | (7 << 8),
  SQLITE_CONSTRAINT_UNIQUE: 19 | (8 << 8),
  SQLITE_CONSTRAINT_ROWID: 19 | (10 << 8),
  SQLITE_CONSTRAINT_DATATYPE: 19 | (12 << 8),
} as const;

export type ErrorCodeName = PrimaryCodeName | keyof typeof ExtendedCode;

/** SQLite's default message for each primary code (sqlite3ErrStr). */
const DEFAULT_MESSAGE: Partial<Record<PrimaryCodeName, string>> = {
  SQLITE_ERROR: 'SQL logic error',
  SQLITE_INTERNAL: 'internal logic error',
  SQLITE_ABORT: 'query aborted',
  SQLITE_BUSY: 'database is locked',
  SQLITE_READONLY: 'attempt to write a readonly database',
  SQLITE_IOERR: 'disk I/O error',
  SQLITE_CORRUPT: 'database disk image is malformed',
  SQLITE_FULL: 'database or disk is full',
  SQLITE_CANTOPEN: 'unable to open database file',
  SQLITE_TOOBIG: 'string or blob too big',
  SQLITE_CONSTRAINT: 'constraint failed',
  SQLITE_MISUSE: 'bad parameter or other API misuse',
  SQLITE_RANGE: 'column index out of range',
  SQLITE_NOTADB: 'file is not a database',
};

export class SqliteError extends Error {
  /** SQLite's (extended) code name, e.g. `SQLITE_CONSTRAINT_UNIQUE`. */
  readonly code: ErrorCodeName;
  /** The numeric (extended) result code, e.g. 2067 for SQLITE_CONSTRAINT_UNIQUE. */
  readonly rawCode: number;

  constructor(code: ErrorCodeName, message?: string) {
    const primary = primaryOf(code);
    super(message ?? DEFAULT_MESSAGE[primary] ?? primary);
    this.name = 'SqliteError';
    this.code = code;
    this.rawCode = code in ExtendedCode
      ? ExtendedCode[code as keyof typeof ExtendedCode]
      : ResultCode[code as PrimaryCodeName];
  }

  /** The primary code name (`SQLITE_CONSTRAINT` for `SQLITE_CONSTRAINT_UNIQUE`). */
  get primaryCode(): PrimaryCodeName {
    return primaryOf(this.code);
  }
}

function primaryOf(code: ErrorCodeName): PrimaryCodeName {
  if (code in ResultCode) return code as PrimaryCodeName;
  const n = ExtendedCode[code as keyof typeof ExtendedCode] & 0xff;
  const found = (Object.keys(ResultCode) as PrimaryCodeName[]).find((k) => ResultCode[k] === n);
  return found ?? 'SQLITE_ERROR';
}

/**
 * "database disk image is malformed". `detail` is for debugging only; it is kept out of the
 * message so the user-visible text matches SQLite's.
 */
export function corrupt(detail?: string): SqliteError {
  const err = new SqliteError('SQLITE_CORRUPT');
  if (detail !== undefined) (err as SqliteError & { detail?: string }).detail = detail;
  return err;
}

export function notADatabase(): SqliteError {
  return new SqliteError('SQLITE_NOTADB');
}
