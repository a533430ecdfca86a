import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Op } from './opcodes.js';

/**
 * vm.ts labels its cases with number literals for V8's jump tables, each followed by the
 * opcode's name in a comment. A literal that no longer matches its opcode would silently run
 * another opcode's body, so each is checked against the Op table.
 */
describe('vm.ts case labels', () => {
  const source = readFileSync(new URL('./vm.ts', import.meta.url), 'utf8');
  const labels = [...source.matchAll(/case (\d+) \/\* Op\.(\w+) \*\/:/g)];

  it('name the opcode whose number they hold', () => {
    expect(labels.length).toBeGreaterThan(100);
    const table = Op as Readonly<Record<string, number>>;
    const wrong = labels.filter((m) => table[m[2]!] !== Number(m[1])).map((m) => `case ${m[1]} /* Op.${m[2]} */`);
    expect(wrong).toEqual([]);
  });

  it('do not repeat a number within the dispatch switch', () => {
    const start = source.indexOf('private run(): StepResult');
    const end = source.indexOf('private haltWithError');
    const inRun = [...source.slice(start, end).matchAll(/case (\d+) \/\*/g)].map((m) => Number(m[1]));
    expect(inRun.length).toBeGreaterThan(100);
    expect(new Set(inRun).size).toBe(inRun.length);
  });
});
