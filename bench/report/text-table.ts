/**
 * Renders rows as a Markdown table padded to column width, so the same text reads well in a
 * terminal and can be pasted into docs/PERFORMANCE.md unchanged.
 */

export type Align = 'left' | 'right';

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string {
  const widths = header.map((h, col) => Math.max(h.length, 3, ...rows.map((r) => (r[col] ?? '').length)));
  const pad = (text: string, col: number): string =>
    align[col] === 'right' ? text.padStart(widths[col] ?? 0) : text.padEnd(widths[col] ?? 0);
  const line = (cells: readonly string[]): string => `| ${cells.map((c, col) => pad(c, col)).join(' | ')} |`;
  const rule = `|${widths.map((w, col) => (align[col] === 'right' ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(0)} ms`;
}

export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}x`;
}
