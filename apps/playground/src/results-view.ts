/**
 * The results table: NULL and blobs shown distinctly from text, numbers right-aligned, the
 * first MAX_RENDERED rows rendered (the count says how many there were).
 */

export interface QueryResult {
  columns: string[];
  rows: unknown[][];
}

const MAX_RENDERED = 1000;
const BLOB_PREVIEW_BYTES = 16;

function cell(v: unknown): HTMLTableCellElement {
  const td = document.createElement('td');
  if (v === null || v === undefined) {
    td.className = 'null';
    td.textContent = 'NULL';
  } else if (v instanceof Uint8Array) {
    td.className = 'blob';
    const hex = [...v.subarray(0, BLOB_PREVIEW_BYTES)].map((b) => b.toString(16).padStart(2, '0')).join('');
    td.textContent = `x'${hex}${v.length > BLOB_PREVIEW_BYTES ? '…' : ''}'`;
    td.title = `BLOB, ${v.length} byte${v.length === 1 ? '' : 's'}`;
  } else if (typeof v === 'number' || typeof v === 'bigint') {
    td.className = 'num';
    td.textContent = String(v);
  } else {
    td.textContent = String(v);
  }
  return td;
}

export function renderResult(box: HTMLElement, result: QueryResult): void {
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const c of result.columns) {
    const th = document.createElement('th');
    th.textContent = c;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of result.rows.slice(0, MAX_RENDERED)) {
    const tr = body.insertRow();
    for (const v of row) tr.append(cell(v));
  }
  const wrap = document.createElement('div');
  wrap.className = 'table-wrap';
  wrap.append(table);
  box.replaceChildren(wrap);
  if (result.rows.length > MAX_RENDERED) {
    const note = document.createElement('p');
    note.className = 'muted';
    note.textContent = `Showing the first ${MAX_RENDERED.toLocaleString()} of ${result.rows.length.toLocaleString()} rows.`;
    box.append(note);
  }
}

export function renderMessage(box: HTMLElement, text: string): void {
  const p = document.createElement('p');
  p.className = 'done';
  p.textContent = text;
  box.replaceChildren(p);
}
