/**
 * JSON paths ($, .label, ."quoted label", [N], [#-N], [#]) and the lookups and edits the
 * JSON functions make with them. Edits work on a tree the caller owns.
 */
import { SqliteError } from '../../errors.js';
import { type JNode, unescapeJson } from './json-node.js';

export type Step = { key: string } | { index: number; fromEnd: boolean } | { append: true };

/** The steps of `path`; null when a `[...]` step is malformed (SQLite finds nothing then). */
export function parsePath(path: string): Step[] | null {
  const bad = (): never => {
    throw new SqliteError('SQLITE_ERROR', `bad JSON path: '${path}'`);
  };
  if (path[0] !== '$') bad();
  const steps: Step[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i++;
      if (path[i] === '"') {
        const end = path.indexOf('"', i + 1);
        if (end < 0) bad();
        steps.push({ key: path.slice(i + 1, end) });
        i = end + 1;
      } else {
        let j = i;
        while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
        if (j === i) bad();
        steps.push({ key: path.slice(i, j) });
        i = j;
      }
    } else if (c === '[') {
      const m = /^\[(?:(\d+)|#(?:-(\d+))?)\]/.exec(path.slice(i));
      if (m === null) return null;
      if (m[1] !== undefined) steps.push({ index: Number(m[1]), fromEnd: false });
      else if (m[2] !== undefined) steps.push({ index: Number(m[2]), fromEnd: true });
      else steps.push({ append: true });
      i += m[0].length;
    } else {
      bad();
    }
  }
  return steps;
}

function findKey(obj: Extract<JNode, { k: 'obj' }>, key: string): number {
  for (let i = 0; i < obj.keys.length; i++) if (unescapeJson(obj.keys[i]!) === key) return i;
  return -1;
}

function arrayIndex(arr: Extract<JNode, { k: 'arr' }>, step: Step): number {
  if ('append' in step) return arr.items.length;
  if ('key' in step) return -1;
  return step.fromEnd ? arr.items.length - step.index : step.index;
}

export function lookup(root: JNode, steps: readonly Step[]): JNode | undefined {
  let n: JNode = root;
  for (const s of steps) {
    if ('key' in s) {
      if (n.k !== 'obj') return undefined;
      const at = findKey(n, s.key);
      if (at < 0) return undefined;
      n = n.vals[at]!;
    } else {
      if (n.k !== 'arr') return undefined;
      const at = arrayIndex(n, s);
      if (at < 0 || at >= n.items.length) return undefined;
      n = n.items[at]!;
    }
  }
  return n;
}

export type EditMode = 'set' | 'insert' | 'replace' | 'remove' | 'arrayInsert';

/** A fresh container for the steps after `i` when a path is created, or null if impossible. */
function build(steps: readonly Step[], i: number, value: JNode): JNode | null {
  if (i === steps.length) return value;
  const s = steps[i]!;
  const inner = build(steps, i + 1, value);
  if (inner === null) return null;
  if ('key' in s) return { k: 'obj', keys: [s.key.replace(/["\\]/g, (c) => '\\' + c)], vals: [inner] };
  if ('append' in s || (s.index === 0 && !s.fromEnd)) return { k: 'arr', items: [inner] };
  return null;
}

/**
 * Applies one edit at `steps`; returns the new root (the same object unless the root itself
 * was replaced), or null when the root was removed.
 */
export function edit(root: JNode, steps: readonly Step[], mode: EditMode, value: JNode): JNode | null {
  if (steps.length === 0) {
    if (mode === 'remove') return null;
    return mode === 'insert' ? root : value;
  }
  if (mode === 'arrayInsert') {
    // json_array_insert(): the last step names a position in an array, which shifts right.
    const parent = lookup(root, steps.slice(0, -1));
    const s = steps[steps.length - 1]!;
    if (parent === undefined || parent.k !== 'arr' || 'key' in s) return root;
    const at = arrayIndex(parent, s);
    if (at >= 0 && at <= parent.items.length) parent.items.splice(at, 0, value);
    return root;
  }
  let n: JNode = root;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    const last = i === steps.length - 1;
    if ('key' in s) {
      if (n.k !== 'obj') return root;
      const at = findKey(n, s.key);
      if (at < 0) {
        if (mode === 'set' || mode === 'insert') {
          const created = build(steps, i + 1, value);
          if (created !== null) {
            n.keys.push(s.key.replace(/["\\]/g, (c) => '\\' + c));
            n.vals.push(created);
          }
        }
        return root;
      }
      if (last) {
        if (mode === 'remove') {
          n.keys.splice(at, 1);
          n.vals.splice(at, 1);
        } else if (mode !== 'insert') n.vals[at] = value;
        return root;
      }
      n = n.vals[at]!;
    } else {
      if (n.k !== 'arr') return root;
      const at = arrayIndex(n, s);
      if (at < 0) return root;
      if (at >= n.items.length) {
        if ((mode === 'set' || mode === 'insert') && at === n.items.length) {
          const created = build(steps, i + 1, value);
          if (created !== null) n.items.push(created);
        }
        return root;
      }
      if (last) {
        if (mode === 'remove') n.items.splice(at, 1);
        else if (mode !== 'insert') n.items[at] = value;
        return root;
      }
      n = n.items[at]!;
    }
  }
  return root;
}
