/**
 * The parsed form of a JSON text, as the JSON functions edit and render it. Numbers keep the
 * text they were written with (so "2.50" stays "2.50"); strings keep their escaped JSON
 * spelling (`raw`, without the quotes) and are unescaped only when read as SQL text or
 * compared as object labels. Rendering is minified, like SQLite's json().
 */

export type JNode =
  | { k: 'null' }
  | { k: 'true' }
  | { k: 'false' }
  | { k: 'int'; text: string }
  | { k: 'real'; text: string }
  | { k: 'str'; raw: string }
  | { k: 'arr'; items: JNode[] }
  | { k: 'obj'; keys: string[]; vals: JNode[] };

export const JNULL: JNode = { k: 'null' };

export function render(n: JNode): string {
  switch (n.k) {
    case 'null':
    case 'true':
    case 'false':
      return n.k;
    case 'int':
    case 'real':
      return n.text;
    case 'str':
      return `"${n.raw}"`;
    case 'arr':
      return `[${n.items.map(render).join(',')}]`;
    case 'obj':
      return `{${n.keys.map((k, i) => `"${k}":${render(n.vals[i]!)}`).join(',')}}`;
  }
}

/** Rendered with one element per line, each level indented by `indent` (json_pretty). */
export function renderPretty(n: JNode, indent: string, depth = 0): string {
  const pad = indent.repeat(depth + 1);
  const end = indent.repeat(depth);
  if (n.k === 'arr' && n.items.length > 0) {
    return `[\n${n.items.map((v) => pad + renderPretty(v, indent, depth + 1)).join(',\n')}\n${end}]`;
  }
  if (n.k === 'obj' && n.keys.length > 0) {
    return `{\n${n.keys.map((k, i) => `${pad}"${k}": ${renderPretty(n.vals[i]!, indent, depth + 1)}`).join(',\n')}\n${end}}`;
  }
  return render(n);
}

/** The JSON escaped form of `s` (without quotes). */
export function escapeJson(s: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(start, i);
    start = i + 1;
    switch (c) {
      case 0x22: out += '\\"'; break;
      case 0x5c: out += '\\\\'; break;
      case 0x08: out += '\\b'; break;
      case 0x0c: out += '\\f'; break;
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      case 0x09: out += '\\t'; break;
      default: out += `\\u${c.toString(16).padStart(4, '0')}`;
    }
  }
  return out + s.slice(start);
}

/** The text a JSON string's escaped form stands for. */
export function unescapeJson(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = raw[++i];
    switch (e) {
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        let cp = parseInt(raw.slice(i + 1, i + 5), 16);
        i += 4;
        // A surrogate pair written as two escapes is one character.
        if (cp >= 0xd800 && cp <= 0xdbff && raw[i + 1] === '\\' && raw[i + 2] === 'u') {
          const lo = parseInt(raw.slice(i + 3, i + 7), 16);
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            i += 6;
          }
        }
        out += String.fromCodePoint(cp);
        break;
      }
      default:
        out += e ?? '';
    }
  }
  return out;
}

/** Deep copy (edits never share structure with the parsed input). */
export function cloneNode(n: JNode): JNode {
  if (n.k === 'arr') return { k: 'arr', items: n.items.map(cloneNode) };
  if (n.k === 'obj') return { k: 'obj', keys: [...n.keys], vals: n.vals.map(cloneNode) };
  return n;
}
