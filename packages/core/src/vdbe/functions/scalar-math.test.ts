/**
 * Math functions against sql.js (its native SQLite math functions, not the legacy extension):
 * every function over integers, reals, numeric and non-numeric text, blobs, NULL and values
 * outside each domain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, FunctionOracle, prng } from '../../../test/function-oracle.js';

let oracle: FunctionOracle;
beforeAll(async () => {
  oracle = await FunctionOracle.open();
});
afterAll(async () => {
  await oracle.close();
});

const ARGS = ['0', '1', '-1', '2', '8', '-0.0', '0.5', '-0.5', '0.9999', '1.5', '-2.5', '3.14159', '100', '1e300', '-1e300', '1e-300', '710',
  '9223372036854775807', '-9223372036854775808', '9007199254740993', "'2'", "' 3.5 '", "'1abc'", "'abc'", "''", "x'31'", 'NULL', '1e400', '-1e400'];
const UNARY = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'sin', 'sinh', 'tan', 'tanh', 'exp', 'ln', 'log', 'log2', 'log10',
  'sqrt', 'degrees', 'radians', 'ceil', 'ceiling', 'floor', 'trunc', 'sign'];
const BINARY = ['atan2', 'log', 'pow', 'power', 'mod'];

describe('math functions', () => {
  it('match SQLite on one argument', async () => {
    const sql = UNARY.flatMap((f) => calls(`typeof(${f}(X)), ${f}`, ARGS).map((s) => s.replace('X', s.slice(s.lastIndexOf('(') + 1, -1))));
    expect(await oracle.checkApprox(sql)).toEqual([]);
  });

  it('match SQLite on two arguments', async () => {
    const sql = BINARY.flatMap((f) => calls(f, ARGS.slice(0, 20), ARGS));
    expect(await oracle.checkApprox(sql)).toEqual([]);
  });

  it('match SQLite on random reals', async () => {
    const rand = prng(11);
    const sql: string[] = [];
    for (let i = 0; i < 200; i++) {
      const x = ((rand() - 0.5) * 10 ** Math.floor(rand() * 8 - 3)).toPrecision(12);
      const y = ((rand() - 0.5) * 10 ** Math.floor(rand() * 4 - 1)).toPrecision(8);
      sql.push(`SELECT ${[...UNARY.map((f) => `${f}(${x})`), ...BINARY.map((f) => `${f}(${x}, ${y})`), `pow(${y}, ${x})`].join(', ')}`);
    }
    expect(await oracle.checkApprox(sql)).toEqual([]);
  });

  it('has pi() and rejects wrong argument counts like SQLite', async () => {
    expect(await oracle.check(['SELECT pi(), typeof(pi())', 'SELECT pi(1)', 'SELECT sin()', 'SELECT pow(1)', 'SELECT log(1, 2, 3)', 'SELECT sign(1, 2)'])).toEqual([]);
  });
});
