/**
 * JSON text to JNode. Accepts RFC 8259 JSON and the JSON5 extensions SQLite accepts
 * (comments, trailing commas, unquoted and single-quoted labels and strings, hexadecimal,
 * leading '+', leading or trailing '.', Infinity, NaN, more escapes and white space),
 * converting the JSON5 forms to canonical JSON as SQLite's json() does. Nesting is limited
 * to 1000 levels. `parseJson` reports whether any JSON5 feature was used.
 */
import { SqliteError } from '../../errors.js';
import { escapeJson, type JNode } from './json-node.js';

const MAX_DEPTH = 1000;

class Parser {
  i = 0;
  json5 = false;
  constructor(readonly z: string) {}

  fail(): never {
    throw new JsonSyntaxError(this.i);
  }

  skipSpace(): void {
    const z = this.z;
    for (;;) {
      const c = z.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
        this.i++;
      } else if (c === 0x2f && z[this.i + 1] === '*') {
        const end = z.indexOf('*/', this.i + 2);
        if (end < 0) this.fail();
        this.json5 = true;
        this.i = end + 2;
      } else if (c === 0x2f && z[this.i + 1] === '/') {
        this.json5 = true;
        while (this.i < z.length && z[this.i] !== '\n' && z[this.i] !== '\r') this.i++;
      } else if (c === 0x0b || c === 0x0c || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000) {
        this.json5 = true;
        this.i++;
      } else {
        return;
      }
    }
  }

  value(depth: number): JNode {
    if (depth > MAX_DEPTH) this.fail();
    this.skipSpace();
    const z = this.z;
    const c = z[this.i];
    switch (c) {
      case '{': return this.object(depth);
      case '[': return this.array(depth);
      case '"': case "'": return { k: 'str', raw: this.string() };
      case 't': return this.word('true', { k: 'true' });
      case 'f': return this.word('false', { k: 'false' });
      case 'n': return this.word('null', { k: 'null' });
      case 'N': this.json5 = true; return this.word('NaN', { k: 'null' });
      case 'I': this.json5 = true; return this.word('Infinity', { k: 'real', text: '9e999' });
      default: return this.number();
    }
  }

  word(w: string, node: JNode): JNode {
    if (!this.z.startsWith(w, this.i)) this.fail();
    this.i += w.length;
    if (/[A-Za-z0-9_$]/.test(this.z[this.i] ?? '')) this.fail();
    return node;
  }

  number(): JNode {
    const z = this.z;
    const start = this.i;
    let sign = '';
    if (z[this.i] === '-' || z[this.i] === '+') {
      if (z[this.i] === '+') this.json5 = true;
      else sign = '-';
      this.i++;
    }
    if (z.startsWith('Infinity', this.i)) {
      this.json5 = true;
      this.i += 8;
      return { k: 'real', text: `${sign}9e999` };
    }
    if (z[this.i] === '0' && (z[this.i + 1] === 'x' || z[this.i + 1] === 'X')) {
      const m = /^[0-9a-fA-F]+/.exec(z.slice(this.i + 2));
      if (m === null) this.fail();
      this.json5 = true;
      this.i += 2 + m[0].length;
      const v = BigInt('0x' + m[0]);
      return v > 0x7fffffffffffffffn ? { k: 'real', text: `${sign}${Number(v)}` } : { k: 'int', text: `${sign}${v}` };
    }
    const m = /^(\d*)(\.(\d*))?([eE][+-]?\d+)?/.exec(z.slice(this.i))!;
    const intPart = m[1]!;
    const frac = m[3];
    if (intPart === '' && (frac === undefined || frac === '')) {
      this.i = start;
      this.fail();
    }
    if (intPart.length > 1 && intPart[0] === '0') this.fail();
    this.i += m[0].length;
    if (m[2] === undefined && m[4] === undefined) return { k: 'int', text: z.slice(start, this.i).replace(/^\+/, '') };
    let text = sign + (intPart === '' ? '0' : intPart);
    if (m[2] !== undefined) text += '.' + (frac === '' ? '0' : frac);
    if (m[4] !== undefined) text += m[4];
    if (intPart === '' || frac === '' || z[start] === '+') this.json5 = true;
    return { k: 'real', text: intPart === '' || frac === '' || z[start] === '+' ? text : z.slice(start, this.i) };
  }

  /** A quoted string at i; returns its canonical escaped form. */
  string(): string {
    const z = this.z;
    const q = z[this.i]!;
    if (q === "'") this.json5 = true;
    let out = '';
    let i = this.i + 1;
    let start = i;
    for (;;) {
      if (i >= z.length) {
        this.i = i;
        this.fail();
      }
      const c = z[i]!;
      if (c === q) break;
      const code = c.charCodeAt(0);
      if (code < 0x20) {
        // Raw control characters are JSON5-only (SQLite accepts them there).
        this.json5 = true;
        out += z.slice(start, i) + escapeJson(c);
        start = ++i;
        continue;
      }
      if (c === '"') {
        out += z.slice(start, i) + '\\"';
        start = ++i;
        continue;
      }
      if (c !== '\\') {
        i++;
        continue;
      }
      const e = z[i + 1];
      if (e !== undefined && '"\\/bfnrt'.includes(e)) {
        i += 2;
        continue;
      }
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(z.slice(i + 2, i + 6))) {
        i += 6;
        continue;
      }
      this.json5 = true;
      out += z.slice(start, i);
      if (e === "'") out += "'";
      else if (e === 'v') out += '\\u000b';
      else if (e === '0' && !/[0-9]/.test(z[i + 2] ?? '')) out += '\\u0000';
      else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(z.slice(i + 2, i + 4))) {
        out += `\\u00${z.slice(i + 2, i + 4).toLowerCase()}`;
        i += 2;
      } else if (e === '\n' || e === '\u2028' || e === '\u2029') {
        // line continuation
      } else if (e === '\r') {
        if (z[i + 2] === '\n') i++;
      } else {
        this.i = i;
        this.fail();
      }
      i += 2;
      start = i;
    }
    this.i = i + 1;
    return out + z.slice(start, i);
  }

  label(): string {
    this.skipSpace();
    const c = this.z[this.i];
    if (c === '"' || c === "'") return this.string();
    const m = /^[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$_]*/u.exec(this.z.slice(this.i));
    if (m === null) this.fail();
    this.json5 = true;
    this.i += m[0].length;
    return escapeJson(m[0]);
  }

  array(depth: number): JNode {
    this.i++;
    const items: JNode[] = [];
    for (;;) {
      this.skipSpace();
      if (this.z[this.i] === ']') {
        if (items.length > 0) this.json5 = true;
        this.i++;
        return { k: 'arr', items };
      }
      items.push(this.value(depth + 1));
      this.skipSpace();
      const c = this.z[this.i];
      if (c === ',') {
        this.i++;
        this.skipSpace();
        if (this.z[this.i] === ']') {
          this.json5 = true;
          this.i++;
          return { k: 'arr', items };
        }
        continue;
      }
      if (c === ']') {
        this.i++;
        return { k: 'arr', items };
      }
      this.fail();
    }
  }

  object(depth: number): JNode {
    this.i++;
    const keys: string[] = [];
    const vals: JNode[] = [];
    for (;;) {
      this.skipSpace();
      if (this.z[this.i] === '}') {
        if (keys.length > 0) this.json5 = true;
        this.i++;
        return { k: 'obj', keys, vals };
      }
      keys.push(this.label());
      this.skipSpace();
      if (this.z[this.i] !== ':') this.fail();
      this.i++;
      vals.push(this.value(depth + 1));
      this.skipSpace();
      const c = this.z[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++;
        return { k: 'obj', keys, vals };
      }
      this.fail();
    }
  }
}

export class JsonSyntaxError extends Error {
  constructor(readonly position: number) {
    super('malformed JSON');
  }
}

/** Parses a whole JSON text; throws JsonSyntaxError. */
export function parseJsonText(z: string): { node: JNode; json5: boolean } {
  const p = new Parser(z);
  const node = p.value(0);
  p.skipSpace();
  if (p.i !== z.length) p.fail();
  return { node, json5: p.json5 };
}

/** Parses, or raises SQLite's "malformed JSON" error. */
export function parseJson(z: string): JNode {
  try {
    return parseJsonText(z).node;
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new SqliteError('SQLITE_ERROR', 'malformed JSON');
    throw e;
  }
}
