/**
 * Deterministic test data: every engine gets byte-identical rows and lookup keys, generated
 * before timing starts, so differences in the table are the engines' and not the data's.
 */

/** A small seeded PRNG (32-bit state, xorshift-multiply mix); quality is ample for test data. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, bound). */
  int(bound: number): number {
    return Math.floor(this.next() * bound);
  }
}

const TEXT_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const TEXT_LENGTH_CHARS = 20;
const INT_RANGE = 1_000_000;
const REAL_RANGE = 1000;

/** A row of table t: an int, a ~20-char text (random, so index inserts land all over), a real. */
export type RowT = readonly [a: number, b: string, c: number];

export function randomText(rng: SeededRandom, lengthChars: number): string {
  let s = '';
  for (let i = 0; i < lengthChars; i++) s += TEXT_ALPHABET[rng.int(TEXT_ALPHABET.length)];
  return s;
}

export function rowsForT(count: number, seed: number): RowT[] {
  const rng = new SeededRandom(seed);
  const rows: RowT[] = [];
  for (let i = 0; i < count; i++) {
    // A fractional part makes every c a genuine REAL rather than an integer stored as one.
    const c = rng.int(REAL_RANGE * 1000) / 1000 + 0.0005;
    rows.push([rng.int(INT_RANGE), randomText(rng, TEXT_LENGTH_CHARS), c]);
  }
  return rows;
}

/** `count` picks from [0, bound), with repeats, in a fixed order. */
export function randomPicks(count: number, bound: number, seed: number): number[] {
  const rng = new SeededRandom(seed);
  const picks: number[] = [];
  for (let i = 0; i < count; i++) picks.push(rng.int(bound));
  return picks;
}
