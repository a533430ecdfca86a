/**
 * Random SQL literals of every storage class, biased to the values where engines disagree:
 * 64-bit edges, -0.0, REALs with integral values, TEXT that looks like a number (with spaces,
 * exponents, hex, signs), blobs that spell digits, NULL.
 */
import type { Prng } from './prng.js';

const SMALL_INTS = ['0', '1', '2', '3', '-1', '5', '7', '10', '42', '-7', '100'];
const BIG_INTS = [
  '9223372036854775807', '-9223372036854775808', '9223372036854775806', '-9223372036854775807',
  '9007199254740992', '9007199254740993', '-9007199254740993', '4294967296', '2147483648', '-2147483649',
  '1152921504606846976', '0x7fffffffffffffff', '0xff', '0x10',
];
const REALS = [
  '0.0', '-0.0', '1.0', '2.0', '-3.0', '1.5', '-2.5', '0.1', '0.5', '3.14159', '1e20', '-1e20',
  '1.5e-7', '123456789012345678.0', '9223372036854775807.0', '9.223372036854776e18', '1e308', '4.0e0',
  '100.0', '2.5', '0.30000000000000004', '1e15', '1e14', '12.0', '1e-320',
];
const TEXTS = [
  "''", "'a'", "'A'", "'b'", "'abc'", "'ABC'", "'Abc'", "'abc  '", "' abc'", "'x_y'", "'a%b'", "'héllo'",
  "'12'", "' 12 '", "'12.0'", "'1e3'", "'3.0'", "'-5'", "'+5'", "'0x10'", "'12abc'", "'abc12'", "'1.5'",
  "'9223372036854775807'", "'9223372036854775808'", "'-0'", "'0.0'", "'.5'", "'5.'", "'1e'", "'Inf'",
  "'NaN'", "'7 '", "'\t8'", "'10'", "'9'", "'it''s'", "'z'", "'Z'", "'[a]'", "'*'",
];
const BLOBS = ["x''", "x'31'", "x'3132'", "x'616263'", "x'41'", "x'2e35'", "x'20313220'"];
/** Not UTF-8, or holding NUL (the `rawBlobText` feature). */
const RAW_BLOBS = ["x'00'", "x'00ff'", "x'ff'", "x'c3'"];

export type ValueKind = 'null' | 'int' | 'bigint' | 'real' | 'text' | 'blob';

/** A literal of storage class `kind` (`raw`: blobs may be non-UTF-8 or hold NUL). */
export function literalOf(rng: Prng, kind: ValueKind, raw = false): string {
  switch (kind) {
    case 'null':
      return 'NULL';
    case 'int':
      return rng.chance(0.8) ? rng.pick(SMALL_INTS) : String(rng.int(-1000, 1000));
    case 'bigint':
      return rng.pick(BIG_INTS);
    case 'real':
      return rng.chance(0.8) ? rng.pick(REALS) : `${rng.int(-100, 100)}.${rng.int(0, 99)}`;
    case 'text':
      return rng.pick(TEXTS);
    case 'blob':
      return raw && rng.chance(0.3) ? rng.pick(RAW_BLOBS) : rng.pick(BLOBS);
  }
}

/** A literal of a random storage class. */
export function randomLiteral(rng: Prng, raw = false): string {
  const kind = rng.weighted<ValueKind>([
    [2, 'null'], [6, 'int'], [1, 'bigint'], [3, 'real'], [5, 'text'], [1, 'blob'],
  ]);
  return literalOf(rng, kind, raw);
}

/** A small literal for places that want mostly numbers (LIMIT, arithmetic operands). */
export function numberLiteral(rng: Prng): string {
  return literalOf(rng, rng.weighted<ValueKind>([[6, 'int'], [2, 'real'], [1, 'text'], [1, 'null']]));
}
