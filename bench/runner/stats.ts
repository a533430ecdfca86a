/** Small numeric helpers for the report. */

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Geometric mean of positive ratios; undefined when there are none. */
export function geometricMean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  let logSum = 0;
  for (const v of values) logSum += Math.log(v);
  return Math.exp(logSum / values.length);
}
