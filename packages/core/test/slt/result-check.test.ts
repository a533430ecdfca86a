import { describe, expect, it } from 'vitest';
import { describeDifference, hashLine, hashValues, isHashed, sortValues } from './result-check.js';

describe('sortValues', () => {
  const values = ['b', '10', 'a', '9', 'a', '1'];
  it('nosort keeps the order', () => {
    expect(sortValues(values, 2, 'nosort')).toEqual(values);
  });
  it('rowsort orders whole rows by string comparison, column by column', () => {
    expect(sortValues(values, 2, 'rowsort')).toEqual(['a', '1', 'a', '9', 'b', '10']);
    expect(sortValues(['9', '10', '100', 'NULL', '-1'], 1, 'rowsort')).toEqual(['-1', '10', '100', '9', 'NULL']);
  });
  it('valuesort orders all values, ignoring rows', () => {
    expect(sortValues(values, 2, 'valuesort')).toEqual(['1', '10', '9', 'a', 'a', 'b']);
  });
  it('does not modify its input', () => {
    const copy = values.slice();
    sortValues(values, 2, 'valuesort');
    expect(values).toEqual(copy);
  });
});

describe('hashing', () => {
  it('is the MD5 of each value followed by a newline', () => {
    expect(hashValues(['1', '2'])).toBe('6ddb4095eb719e2a9f0a3f95677d24e0'); // md5sum of "1\n2\n"
    expect(hashValues([])).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });
  it('matches a hash from the corpus', () => {
    // select1.test line 94: SELECT CASE WHEN c>(SELECT avg(c) FROM t1) THEN a*2 ELSE b*10 END FROM t1 ORDER BY 1
    const values = (
      '358 364 376 382 398 402 410 426 432 440 458 468 478 486 490 ' +
      '1000 1050 1120 1180 1240 1290 1300 1390 1430 1450 1510 1580 1600 1670 1700'
    ).split(' ');
    expect(hashLine(values)).toBe('30 values hashing to 3c13dee48d9356ae19af2515e05e6b54');
  });
  it('applies above the threshold only, and never with threshold 0', () => {
    expect(isHashed(8, 8)).toBe(false);
    expect(isHashed(9, 8)).toBe(true);
    expect(isHashed(1000, 0)).toBe(false);
  });
});

describe('describeDifference', () => {
  it('is undefined for equal lines', () => {
    expect(describeDifference(['1', '2'], ['1', '2'])).toBeUndefined();
    expect(describeDifference([], [])).toBeUndefined();
  });
  it('names the first differing line', () => {
    expect(describeDifference(['1', '2', '3'], ['1', '5', '3'])).toBe("line 2 of the result: expected '2', got '5'");
  });
  it('reports missing and extra lines', () => {
    expect(describeDifference(['1', '2'], ['1'])).toBe("expected 2 lines, got 1: missing '2'");
    expect(describeDifference(['1'], ['1', '2'])).toBe("expected 1 lines, got 2: extra '2'");
  });
});
