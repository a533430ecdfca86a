/**
 * Comparing a query's formatted values with a record's expected section.
 *
 * Values are the formatted strings, row-major. Sorting compares strings bytewise (C strcmp;
 * formatted values are printable ASCII, so JS string order is the same):
 *   nosort     as returned
 *   rowsort    rows ordered column by column
 *   valuesort  all values ordered, ignoring rows
 *
 * A result of more than `threshold` values (threshold > 0) is compared as one line,
 * `<N> values hashing to <md5>`, the MD5 of every value followed by "\n". Labelled queries
 * are hashed too, whatever their size, so that queries sharing a label can be compared.
 */
import { createHash } from 'node:crypto';
import type { SortMode } from './parse.js';

export function sortValues(values: readonly string[], columnCount: number, sort: SortMode): string[] {
  switch (sort) {
    case 'nosort':
      return values.slice();
    case 'valuesort':
      return values.slice().sort(compareStrings);
    case 'rowsort':
      return sortRows(values, columnCount);
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortRows(values: readonly string[], columnCount: number): string[] {
  if (columnCount <= 1) return values.slice().sort(compareStrings);
  const rows: string[][] = [];
  for (let i = 0; i < values.length; i += columnCount) rows.push(values.slice(i, i + columnCount));
  rows.sort((a, b) => {
    for (let c = 0; c < columnCount; c++) {
      const d = compareStrings(a[c]!, b[c]!);
      if (d !== 0) return d;
    }
    return 0;
  });
  return rows.flat();
}

export function hashValues(values: readonly string[]): string {
  const md5 = createHash('md5');
  if (values.length > 0) md5.update(values.join('\n') + '\n', 'latin1');
  return md5.digest('hex');
}

export function hashLine(values: readonly string[]): string {
  return `${values.length} values hashing to ${hashValues(values)}`;
}

/** Whether a result of `count` values is compared by its hash. */
export function isHashed(count: number, threshold: number): boolean {
  return threshold > 0 && count > threshold;
}

/** A one-line description of the first difference, or undefined if the lines are equal. */
export function describeDifference(expected: readonly string[], actual: readonly string[]): string | undefined {
  const n = Math.min(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    if (expected[i] !== actual[i]) {
      const counts = expected.length === actual.length ? '' : ` (expected ${expected.length} lines, got ${actual.length})`;
      return `line ${i + 1} of the result: expected '${expected[i]}', got '${actual[i]}'${counts}`;
    }
  }
  if (expected.length === actual.length) return undefined;
  return expected.length > actual.length
    ? `expected ${expected.length} lines, got ${actual.length}: missing '${expected[n]}'`
    : `expected ${expected.length} lines, got ${actual.length}: extra '${actual[n]}'`;
}
