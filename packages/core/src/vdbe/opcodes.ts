/**
 * The VDBE's instruction set: a subset of SQLite's opcodes with SQLite's names and, where they
 * exist in SQLite, the same operand meanings (P1..P5), so EXPLAIN reads like SQLite's. Minnow
 * differences are noted on the opcode; the main one is that in-memory ephemeral tables and
 * sorters hold rows as value arrays taken from a register range (P3 first register, P4 count)
 * instead of encoded records.
 */

export const Op = {
  Init: 0,          // P2: jump to the program's prologue (Transaction, constants) then back
  Goto: 1,          // jump to P2
  Gosub: 2,         // r[P1] = return address; jump to P2
  Return: 3,        // jump to the address in r[P1]
  Halt: 4,          // end; P1 != 0: error with code P4.code and message P4.message
  Transaction: 5,   // begin a read (P2 = 0) or write (P2 = 1) transaction if none is open
  OpenRead: 6,      // cursor P1 on the table/index rooted at P2 (r[P2] when P5 & P2_IS_REG); P4 KeyInfo
  OpenWrite: 7,     // as OpenRead, for writing
  OpenEphemeral: 8, // cursor P1: an in-memory index of value rows (P2 key columns, P4 KeyInfo)
  SorterOpen: 9,    // cursor P1: an in-memory sorter (P2 columns, P4 KeyInfo on the leading keys)
  Close: 10,        // close cursor P1
  Rewind: 11,       // cursor P1 to its first row; jump to P2 if empty
  Next: 12,         // cursor P1 to the next row; jump to P2 if there is one
  Column: 13,       // r[P3] = column P2 of cursor P1 (P4: default when the record is short)
  Rowid: 14,        // r[P2] = rowid of cursor P1
  NullRow: 15,      // cursor P1 yields NULL for every column until it moves
  ResultRow: 16,    // output r[P1 .. P1+P2-1] as a row
  Integer: 17,      // r[P2] = P1 (or the INTEGER in P4 when it is given: 64-bit values)
  Real: 18,         // r[P2] = P4 (a REAL)
  String8: 19,      // r[P2] = P4 (TEXT)
  Null: 20,         // r[P2 .. P3] = NULL (P3 = 0: just r[P2])
  Blob: 21,         // r[P2] = P4 (BLOB)
  Variable: 22,     // r[P2] = bound parameter P1
  Copy: 23,         // r[P2 .. P2+P3] = r[P1 .. P1+P3]
  SCopy: 24,        // r[P2] = r[P1]
  Add: 25,          // r[P3] = r[P2] + r[P1]
  Subtract: 26,     // r[P3] = r[P2] - r[P1]
  Multiply: 27,     // r[P3] = r[P2] * r[P1]
  Divide: 28,       // r[P3] = r[P2] / r[P1]
  Remainder: 29,    // r[P3] = r[P2] % r[P1]
  Concat: 30,       // r[P3] = r[P2] || r[P1]
  BitAnd: 31,       // r[P3] = r[P1] & r[P2]
  BitOr: 32,        // r[P3] = r[P1] | r[P2]
  ShiftLeft: 33,    // r[P3] = r[P2] << r[P1]
  ShiftRight: 34,   // r[P3] = r[P2] >> r[P1]
  BitNot: 35,       // r[P2] = ~r[P1]
  Eq: 36,           // compare r[P3] with r[P1] (P4 collation, P5 affinity | flags): jump to P2
  Ne: 37,           //   or, with STOREP2, store 1/0/NULL in r[P2]
  Lt: 38,
  Le: 39,
  Gt: 40,
  Ge: 41,
  If: 42,           // jump to P2 if r[P1] is true (or NULL and P3 != 0)
  IfNot: 43,        // jump to P2 if r[P1] is false (or NULL and P3 != 0)
  IsNull: 44,       // jump to P2 if r[P1] is NULL
  NotNull: 45,      // jump to P2 if r[P1] is not NULL
  Not: 46,          // r[P2] = NOT r[P1]
  And: 47,          // r[P3] = r[P1] AND r[P2] (three-valued)
  Or: 48,           // r[P3] = r[P1] OR r[P2]
  Function: 49,     // r[P3] = P4(r[P2 .. P2+P5-1]); P1: collation-sensitive functions use P4.coll
  AggStep: 50,      // accumulate r[P2 .. P2+P5-1] into aggregate slot P3 (P4 function)
  AggFinal: 51,     // r[P2] = result of aggregate slot P1, the slot is reset (P4 function)
  MakeRecord: 52,   // r[P3] = record of r[P1 .. P1+P2-1]
  NewRowid: 53,     // r[P2] = a rowid one past the largest in table cursor P1 (or random if full)
  Insert: 54,       // write record r[P2] at rowid r[P3] in cursor P1 (P5 flags, P4 table name)
  Delete: 55,       // delete the row under cursor P1 (P5 flags)
  IdxInsert: 56,    // insert record r[P2] into index cursor P1 (ephemeral: row r[P2 .. P2+P3-1])
  IdxDelete: 57,    // delete the entry with key r[P2 .. P2+P3-1] from index cursor P1
  SeekRowid: 58,    // move table cursor P1 to rowid r[P3]; jump to P2 if absent or not an integer
  NotExists: 59,    // as SeekRowid; r[P3] is known to be an integer
  SeekGE: 60,       // index cursor P1 to the first entry >= key r[P3 .. P3+P5-1]; jump to P2 if none
  IdxGT: 61,        // jump to P2 if the index entry's key prefix > key r[P3 .. P3+P5-1]
  IdxRowid: 62,     // r[P2] = rowid stored at the end of index cursor P1's entry
  NoConflict: 63,   // jump to P2 unless index P1 holds key r[P3 .. P3+P5-1] (none of it NULL)
  Affinity: 64,     // apply affinity string P4 to r[P1 .. P1+P2-1]
  Cast: 65,         // r[P1] = CAST(r[P1] AS affinity P2)
  MustBeInt: 66,    // r[P1] must be an integer (or text/real convertible exactly) else jump P2 / error
  DecrJumpZero: 67, // r[P1] -= 1; jump to P2 if it is then zero
  IfPos: 68,        // if r[P1] > 0: r[P1] -= P3, jump to P2
  SorterInsert: 69, // append row r[P2 .. P2+P3-1] to sorter P1 (Minnow: values, not a record)
  SorterSort: 70,   // sort sorter P1; jump to P2 if it is empty
  SorterNext: 71,   // next sorted row of P1; jump to P2 if there is one
  Compare: 72,      // compare r[P1 ..] with r[P2 ..], P3 columns, P4 KeyInfo; result for Jump
  Jump: 73,         // jump to P1 / P2 / P3 if the last Compare was <, =, >
  Found: 74,        // jump to P2 if ephemeral index P1 holds row r[P3 .. P3+P5-1]
  NotFound: 75,     // jump to P2 if it does not
  CreateBtree: 76,  // r[P2] = root page of a new table (P3 = 1) or index (P3 = 2) B-tree
  SetCookie: 77,    // bump the schema cookie (schema changed)
  ParseSchema: 78,  // the connection's schema is stale: reload before the next statement
  Destroy: 79,      // free B-tree rooted at P1 (DROP)
  Clear: 80,        // delete every row of B-tree P1 (P2 = 1: table), keep the root
  Once: 81,         // jump to P2 on every pass after the first
  AutoCommit: 82,   // BEGIN (P1 = 0), COMMIT (P1 = 1, P2 = 0) or ROLLBACK (P1 = 1, P2 = 1)
  Noop: 83,
  IsTrue: 84,       // r[P2] = r[P1] IS TRUE (P3 0), IS FALSE (1), IS NOT TRUE (2), IS NOT FALSE (3)
  ResetSorter: 86,  // empty ephemeral/sorter cursor P1
  Last: 87,         // cursor P1 to its last row; jump to P2 if empty
  HaltIfNull: 88,   // if r[P3] is NULL: halt with error P4 (constraint)
  AggReset: 89,     // reset aggregate slot P1 to its empty state
  RealAffinity: 90, // r[P1] an INTEGER: make it the REAL of the same value (a REAL column's
                    // integral values are stored as integers to save space)
  // ---- planner (where-*.ts; bodies in vm-seek.ts) ----
  AutoIdxOpen: 100,   // cursor P1: an empty automatic index keyed on its first P2 columns (P4 KeyInfo)
  AutoIdxInsert: 101, // append row r[P2 .. P2+P3-1] to automatic index P1 (sorted on first seek)
  SeekGT: 102,        // index cursor P1 to the first entry > key r[P3 .. P3+P5-1]; jump to P2 if none
  SeekLE: 103,        // index cursor P1 to the last entry <= key r[P3 .. P3+P5-1]; jump to P2 if none
  SeekLT: 104,        // index cursor P1 to the last entry < key r[P3 .. P3+P5-1]; jump to P2 if none
  IdxGE: 105,         // jump to P2 if the index entry's key prefix >= key r[P3 .. P3+P5-1]
  IdxLT: 106,         // jump to P2 if the index entry's key prefix < key r[P3 .. P3+P5-1]
  IdxLE: 107,         // jump to P2 if the index entry's key prefix <= key r[P3 .. P3+P5-1]
  Prev: 108,          // cursor P1 to the previous row; jump to P2 if there is one
  RowidSeek: 109,     // table cursor P1 to the first row >= / > (P5 0/1) or last <= / < (2/3) r[P3]; else jump P2
  RowidCmpJump: 110,  // jump to P2 if rowid of cursor P1 is >= / > / <= / < (P5 0..3) r[P3]
  // Query intermediates (query-ops.ts): subqueries in FROM, CTEs, views.
  OpenEphTable: 140,  // cursor P1: an in-memory row list scanned like a table (P2 key columns kept sorted, P4 KeyInfo)
  EphAppend: 141,     // add row r[P2 .. P2+P3-1] to ephemeral table P1
  InitCoroutine: 142, // cursor P1: a coroutine whose code starts at P2 (Rewind starts it, Next resumes it)
  Yield: 143,         // coroutine P1 produces row r[P2 .. P2+P3-1]: back to the loop reading it
  EndCoroutine: 144,  // coroutine P1 has no more rows: back to the loop's exit
  QueuePop: 145,      // move the first row of ephemeral table P1 (minus P5 leading key columns) into ephemeral table P3, emptied first; jump to P2 if none
  Window: 146,        // compute the window functions P4 over the rows of ephemeral table P1 (window-exec.ts)
  // dml (180-219)
  Savepoint: 180,   // SAVEPOINT (P1 = 0), RELEASE (1) or ROLLBACK TO (2) the savepoint named P4
  ReadHeader: 181,  // r[P2] = database header field P3 (an offset; -1 page count, -2 page size)
  WriteHeader: 182, // database header field at offset P3 = r[P1]
  PragmaFlag: 183,  // r[P2] = connection setting P4 (after setting it to r[P1] when P1 != 0)
  IntegrityCheck: 184, // B-tree check of the trees in P4; messages appended to sorter P1 (P3 max)
  IdxFound: 185,    // jump to P2 if index cursor P1 holds entry r[P3 .. P3+P5-1] (NULLs compare equal)
  OpenPseudo: 186,  // cursor P1 reads the row in registers: rowid r[P2], columns r[P3 .. P3+P5-1]
  TempView: 147,      // P1 = 1: TEMP view P4 (name) gets the CREATE VIEW text r[P2]; P1 = 0: drop it (temp-views.ts)
  EphUpsert: 148,     // ephemeral table P1 kept as a set: add row r[P2 .. P2+P3-1], replacing an equal row from a batch < P5
  EphFound: 149,      // jump to P2 if set P1 (a keyed ephemeral table) holds row r[P3 .. P3+P5-1]
} as const;

export type Opcode = (typeof Op)[keyof typeof Op];

/** Opcode names by number, for EXPLAIN. */
export const OPCODE_NAMES: readonly string[] = (() => {
  const names: string[] = [];
  for (const [name, code] of Object.entries(Op)) names[code] = name;
  return names;
})();

// ---- P5 flags -------------------------------------------------------------------------------

/** Comparison P5: the low byte is the affinity (affinity.ts); these bits are flags. */
export const CMP_JUMPIFNULL = 0x100;
export const CMP_NULLEQ = 0x200;
export const CMP_STOREP2 = 0x400;
export const CMP_AFF_MASK = 0xff;

/** Open*: P2 names a register holding the root page. */
export const OPEN_P2_IS_REG = 0x01;

/** Insert/Delete: count the change; Insert: set last_insert_rowid. */
export const OPFLAG_NCHANGE = 0x01;
export const OPFLAG_LASTROWID = 0x02;
