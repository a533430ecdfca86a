/**
 * The playground page: connects through `@minnow/web` (the engine runs in a worker), with a
 * storage picker, samples, import (file picker or drag-and-drop) and export, an editor and a
 * results table. `?storage=opfs|idb|memory|auto&db=name` pick the storage and database name
 * (the e2e tests use them); otherwise the last choice is remembered.
 */
import { connect, type Database } from '@minnow/web';
import { SqlEditor } from './editor.js';
import { renderMessage, renderResult } from './results-view.js';
import { lineColumn, runSql } from './run-sql.js';
import { SAMPLES } from './samples.js';
import { renderSchema } from './schema-view.js';

type Choice = 'auto' | 'opfs' | 'idb' | 'memory';
const STORAGE_LABEL = { opfs: 'OPFS', idb: 'IndexedDB', memory: 'memory (gone on reload)' } as const;
const WELCOME = `-- Welcome! Pick a sample database above, or write SQL and press Ctrl+Enter.
CREATE TABLE IF NOT EXISTS notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL, created TEXT);
SELECT * FROM notes;`;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);
const dbName = params.get('db') ?? 'playground.db';
let choice: Choice = (params.get('storage') ?? localStorage.getItem('minnow.storage') ?? 'auto') as Choice;
let db: Database | null = null;
let busy = false;

const storageSelect = $<HTMLSelectElement>('storage');
const where = $('where');
const status = $('status');
const errorBox = $('error');
const results = $('results');
const schemaBox = $('schema');

const editor = new SqlEditor($<HTMLTextAreaElement>('sql'), $('highlight'), () => void run(), (text) => localStorage.setItem('minnow.sql', text));
editor.text = localStorage.getItem('minnow.sql') ?? WELCOME;
renderMessage(results, 'Results show up here. Press Ctrl+Enter (Cmd+Enter on a Mac) to run the SQL above, or pick a sample.');

function setState(state: string): void {
  document.documentElement.dataset['state'] = state;
}

function showError(message: string, detail = ''): void {
  errorBox.hidden = false;
  errorBox.textContent = '';
  const strong = document.createElement('strong');
  strong.textContent = message;
  errorBox.append(strong);
  if (detail !== '') errorBox.append(document.createTextNode(` ${detail}`));
}

async function refreshSchema(): Promise<void> {
  await renderSchema(schemaBox, db, (sql) => {
    editor.text = sql;
    void run();
  }).catch((e: unknown) => showError(`Could not read the schema: ${(e as Error).message}`));
}

async function open(importBytes?: Uint8Array): Promise<void> {
  setState('connecting');
  const old = db;
  db = null;
  await old?.close().catch(() => undefined);
  where.textContent = 'connecting…';
  try {
    db = await connect(dbName, { storage: choice, ...(importBytes ? { import: importBytes } : {}) });
    const shared = db.owner ? '' : ', shared with another tab';
    where.textContent = `${dbName} in ${STORAGE_LABEL[db.storage]}${choice === 'auto' ? ' (auto)' : ''}${shared}`;
    where.dataset['storage'] = db.storage;
    errorBox.hidden = true;
  } catch (e) {
    where.textContent = 'not connected';
    showError(`Could not open ${dbName}: ${(e as Error).message}`);
  }
  await refreshSchema();
  setState('ready');
  document.documentElement.dataset['ready'] = 'true';
}

async function run(): Promise<void> {
  if (db === null || busy) return;
  busy = true;
  setState('running');
  status.textContent = 'running…';
  const sql = editor.text;
  const out = await runSql(db, sql);
  busy = false;
  const ms = out.ms < 10 ? out.ms.toFixed(2) : out.ms.toFixed(0);
  if (out.error !== null) {
    editor.markError(out.error.from, out.error.to);
    const { line, column } = lineColumn(sql, out.error.from);
    showError(out.error.message, `(${out.error.code}, line ${line}, column ${column})`);
    status.textContent = `${out.statements} statement${out.statements === 1 ? '' : 's'} ran before the error`;
    results.replaceChildren();
    setState('error');
  } else {
    errorBox.hidden = true;
    const rows = out.result?.rows.length ?? 0;
    const what = out.result !== null ? `${rows.toLocaleString()} row${rows === 1 ? '' : 's'}` : `${out.changes.toLocaleString()} row${out.changes === 1 ? '' : 's'} changed`;
    status.textContent = `${what} · ${out.statements} statement${out.statements === 1 ? '' : 's'} · ${ms} ms`;
    if (out.result !== null) renderResult(results, out.result);
    else renderMessage(results, out.statements === 0 ? 'Nothing to run.' : 'Done.');
    setState('done');
  }
  await refreshSchema();
}

async function importFile(file: File): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  await open(bytes);
  if (db !== null) {
    status.textContent = `Imported ${file.name} (${(bytes.length / 1024).toFixed(0)} KiB) as ${dbName}`;
    renderMessage(results, `Imported ${file.name}.`);
  }
}

async function exportFile(): Promise<void> {
  if (db === null) return;
  try {
    const bytes = await db.export();
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.sqlite3' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = dbName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    status.textContent = `Exported ${dbName} (${(bytes.length / 1024).toFixed(0)} KiB)`;
  } catch (e) {
    showError(`Export failed: ${(e as Error).message}`);
  }
}

storageSelect.value = choice;
storageSelect.addEventListener('change', () => {
  choice = storageSelect.value as Choice;
  localStorage.setItem('minnow.storage', choice);
  void open();
});

const samples = $<HTMLSelectElement>('samples');
samples.append(new Option('Choose…', ''));
SAMPLES.forEach((s, i) => samples.append(new Option(s.label, String(i))));
samples.addEventListener('change', () => {
  const s = SAMPLES[Number(samples.value)];
  samples.value = '';
  if (s === undefined) return;
  editor.text = s.sql;
  if (s.run) void run();
  editor.focus();
});

$('run').addEventListener('click', () => void run());
$('export').addEventListener('click', () => void exportFile());
const input = $<HTMLInputElement>('import-file');
input.addEventListener('change', () => {
  const file = input.files?.[0];
  input.value = '';
  if (file !== undefined) void importFile(file);
});

const drop = $('drop');
let dragDepth = 0;
window.addEventListener('dragenter', (e) => {
  if (!e.dataTransfer?.types.includes('Files')) return;
  dragDepth++;
  drop.hidden = false;
});
window.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) drop.hidden = true;
});
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => {
  e.preventDefault();
  dragDepth = 0;
  drop.hidden = true;
  const file = e.dataTransfer?.files[0];
  if (file !== undefined) void importFile(file);
});

void open();
