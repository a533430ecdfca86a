/**
 * The schema sidebar: tables, their columns and indexes, views and triggers, read from
 * sqlite_schema; columns come from parsing each CREATE TABLE with Minnow's parser, so the
 * sidebar needs nothing but the schema table itself.
 */
import { parser } from '@minnow/core';
import type { Database } from '@minnow/web';

interface SchemaRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

interface ColumnSummary {
  name: string;
  type: string;
  notes: string[];
}

function columnsOf(sql: string | null): ColumnSummary[] | null {
  if (sql === null) return null;
  try {
    const parsed = parser.parseOne(sql, 0);
    if (parsed === null || parsed.stmt.kind !== 'createTable') return null;
    return parsed.stmt.columns.map((c) => ({
      name: c.name,
      type: c.typeName ?? '',
      notes: c.constraints.flatMap((k) => (k.kind === 'primaryKey' ? ['PK'] : k.kind === 'notNull' ? ['NOT NULL'] : k.kind === 'unique' ? ['UNIQUE'] : [])),
    }));
  } catch {
    return null;
  }
}

function el(tag: string, cls: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (cls !== '') e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export async function renderSchema(box: HTMLElement, db: Database | null, onPick: (sql: string) => void): Promise<void> {
  box.replaceChildren(el('h2', '', 'Schema'));
  if (db === null) return;
  const rows = (await db.all('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name')) as SchemaRow[];
  const tables = rows.filter((r) => r.type === 'table');
  if (tables.length === 0) box.append(el('p', 'muted', 'No tables yet. Pick a sample database above, or write CREATE TABLE.'));
  for (const t of tables) {
    const details = el('details', 'table') as HTMLDetailsElement;
    details.open = true;
    details.dataset['table'] = t.name;
    const summary = el('summary', '');
    summary.append(el('span', 'tname', t.name));
    const peek = el('button', 'peek', 'rows');
    peek.title = `SELECT * FROM ${t.name}`;
    peek.addEventListener('click', (ev) => {
      ev.preventDefault();
      onPick(`SELECT * FROM "${t.name.replace(/"/g, '""')}" LIMIT 100;`);
    });
    summary.append(peek);
    details.append(summary);
    const list = el('ul', 'cols');
    for (const c of columnsOf(t.sql) ?? []) {
      const li = el('li', '');
      li.append(el('span', 'cname', c.name), el('span', 'ctype', c.type));
      for (const n of c.notes) li.append(el('span', 'cnote', n));
      list.append(li);
    }
    details.append(list);
    const indexes = rows.filter((r) => r.type === 'index' && r.tbl_name === t.name);
    if (indexes.length > 0) {
      const ul = el('ul', 'idx');
      for (const i of indexes) ul.append(el('li', '', i.sql === null ? `${i.name} (automatic)` : i.name));
      details.append(ul);
    }
    box.append(details);
  }
  const others = rows.filter((r) => r.type === 'view' || r.type === 'trigger');
  if (others.length > 0) {
    const ul = el('ul', 'others');
    for (const o of others) ul.append(el('li', '', `${o.type} ${o.name}`));
    box.append(ul);
  }
}
