/** Checks on the loosely typed args a scenario receives from the harness. */
export function stringArg(args: unknown, key: string): string {
  const value = (args as Record<string, unknown> | null)?.[key];
  if (typeof value !== 'string' || value === '') throw new Error(`scenario arg ${key} must be a non-empty string`);
  return value;
}

export function numberArg(args: unknown, key: string): number {
  const value = (args as Record<string, unknown> | null)?.[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new Error(`scenario arg ${key} must be a non-negative integer`);
  return value;
}
