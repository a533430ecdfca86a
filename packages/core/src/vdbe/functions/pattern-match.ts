/**
 * LIKE and GLOB matching. LIKE: `%` any run, `_` one character, ASCII letters match either
 * case, an optional escape character makes the next one literal. GLOB: `*`, `?`, `[...]`
 * classes (with ranges and `^` negation), case-sensitive.
 *
 * Both work on code-point arrays with an explicit backtracking position for the last `%`/`*`
 * (the classic two-pointer wildcard algorithm): linear memory, no recursion.
 */

function foldAscii(c: string): string {
  const code = c.charCodeAt(0);
  return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : c;
}

export function likeMatch(pattern: string, value: string, escape: string | null): boolean {
  const p = Array.from(pattern);
  const v = Array.from(value);
  let pi = 0;
  let vi = 0;
  let starP = -1;
  let starV = 0;
  while (vi < v.length) {
    if (pi < p.length) {
      const c = p[pi]!;
      if (c === '%' && c !== escape) {
        starP = ++pi;
        starV = vi;
        continue;
      }
      let literal = c;
      let width = 1;
      if (c === escape) {
        // An escape with nothing after it matches nothing (SQLite), even if it is '_' itself.
        if (pi + 1 >= p.length) return false;
        literal = p[pi + 1]!;
        width = 2;
      } else if (c === '_') {
        pi++;
        vi++;
        continue;
      }
      if (foldAscii(literal) === foldAscii(v[vi]!)) {
        pi += width;
        vi++;
        continue;
      }
    }
    if (starP < 0) return false;
    pi = starP;
    vi = ++starV;
  }
  while (pi < p.length && p[pi] === '%' && p[pi] !== escape) pi++;
  return pi === p.length;
}

/** Matches a `[...]` class at p[pi] (just after '['); returns [matched, index after ']'] or null. */
function globClass(p: string[], pi: number, ch: string): [boolean, number] | null {
  let negate = false;
  if (p[pi] === '^') {
    negate = true;
    pi++;
  }
  let matched = false;
  let first = true;
  while (pi < p.length && (first || p[pi] !== ']')) {
    const lo = p[pi]!;
    if (p[pi + 1] === '-' && pi + 2 < p.length && p[pi + 2] !== ']') {
      const hi = p[pi + 2]!;
      if (ch.codePointAt(0)! >= lo.codePointAt(0)! && ch.codePointAt(0)! <= hi.codePointAt(0)!) matched = true;
      pi += 3;
    } else {
      if (lo === ch) matched = true;
      pi++;
    }
    first = false;
  }
  if (pi >= p.length) return null;
  return [matched !== negate, pi + 1];
}

export function globMatch(pattern: string, value: string): boolean {
  const p = Array.from(pattern);
  const v = Array.from(value);
  let pi = 0;
  let vi = 0;
  let starP = -1;
  let starV = 0;
  while (vi < v.length) {
    if (pi < p.length) {
      const c = p[pi]!;
      if (c === '*') {
        starP = ++pi;
        starV = vi;
        continue;
      }
      if (c === '?') {
        pi++;
        vi++;
        continue;
      }
      if (c === '[') {
        const cls = globClass(p, pi + 1, v[vi]!);
        if (cls !== null && cls[0]) {
          pi = cls[1];
          vi++;
          continue;
        }
      } else if (c === v[vi]) {
        pi++;
        vi++;
        continue;
      }
    }
    if (starP < 0) return false;
    pi = starP;
    vi = ++starV;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}
