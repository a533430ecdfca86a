/** The playground page: talks to the storage worker and renders the notes table. */
import type { NoteRow, Request, Response } from './protocol.js';

const worker = new Worker(new URL('./notes-worker.ts', import.meta.url), { type: 'module' });
const waiting = new Map<number, (r: Response) => void>();
let nextId = 1;
worker.onmessage = (e: MessageEvent<Response>) => {
  waiting.get(e.data.id)?.(e.data);
  waiting.delete(e.data.id);
};

type Body = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
function call(body: Body): Promise<Response> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    worker.postMessage({ id, ...body });
  });
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function render(res: Response): void {
  const status = $('status');
  if (!res.ok) {
    status.textContent = `${res.code ?? 'error'}: ${res.error}`;
    status.className = 'error';
    return;
  }
  $('storage').textContent = res.storage;
  status.className = '';
  status.textContent = `integrity_check: ${res.integrity}`;
  if (res.rows) {
    const tbody = $('rows');
    tbody.replaceChildren(...res.rows.map(rowElement));
  }
}

function rowElement(row: NoteRow): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const text of [String(row.rowid), row.body, new Date(row.created).toLocaleString()]) {
    const td = document.createElement('td');
    td.textContent = text;
    tr.append(td);
  }
  return tr;
}

$('add').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $<HTMLInputElement>('body');
  render(await call({ kind: 'add', body: input.value }));
  input.value = '';
});
$('clear').addEventListener('click', async () => render(await call({ kind: 'clear' })));
$('export').addEventListener('click', async () => {
  const res = await call({ kind: 'export' });
  if (!res.ok || !res.bytes) return render(res);
  const url = URL.createObjectURL(new Blob([new Uint8Array(res.bytes)], { type: 'application/vnd.sqlite3' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: 'notes.db' });
  a.click();
  URL.revokeObjectURL(url);
});

void call({ kind: 'list' }).then(render);
