import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteError } from '../errors.js';
import { get32 } from '../format/btree-page.js';
import { HeaderOffset } from '../format/database-header.js';
import { btreeModes } from './btree-test-kit.js';

for (const m of btreeModes()) {
  describe(`sqlite_schema over ${m.label} storage`, () => {
    it('lists created objects, bumps the schema cookie on each change, and drops them', async () => {
      const db = await m.open('s.db', { pageSizeBytes: 1024 });
      const cookie = () => db.read(() => m.run(db, () => get32(db.pager.get(1).data, HeaderOffset.schemaCookie)));
      expect(await db.read(() => db.schema())).toEqual([]);
      const c0 = 0; // a new, empty database has no page 1 yet: cookie 0
      const [t, i] = await db.write(async () => {
        const t = await db.createTable('people', 'CREATE TABLE people(name TEXT, age INT)');
        const i = await db.createIndex('people_age', 'people', 'CREATE INDEX people_age ON people(age)');
        await expect(db.createTable('PEOPLE', 'CREATE TABLE PEOPLE(x)')).rejects.toThrow(SqliteError);
        return [t, i];
      });
      expect(await cookie()).toBe(c0 + 2);
      const entries = await db.read(() => db.schema());
      expect(entries.map(({ type, name, tblName, rootPage, sql }) => ({ type, name, tblName, rootPage, sql }))).toEqual([
        { type: 'table', name: 'people', tblName: 'people', rootPage: t, sql: 'CREATE TABLE people(name TEXT, age INT)' },
        { type: 'index', name: 'people_age', tblName: 'people', rootPage: i, sql: 'CREATE INDEX people_age ON people(age)' },
      ]);
      expect(entries.map((e) => e.rowid)).toEqual([1, 2]);
      await db.write(() => db.createTable('other', 'CREATE TABLE other(x)'));
      await db.write(() => db.dropIndex('people_age'));
      expect(await cookie()).toBe(c0 + 4);
      expect((await db.read(() => db.schema())).map((e) => e.name)).toEqual(['people', 'other']);
      await expect(db.write(() => db.dropIndex('nope'))).rejects.toThrow('no such index: nope');
      expect(await db.integrityCheck()).toEqual([]);
      await db.close();
      const file = join(mkdtempSync(join(tmpdir(), 'minnow-schema-')), 's.db');
      writeFileSync(file, m.memory.get('s.db')!);
      const out = execFileSync('sqlite3', [file, 'PRAGMA integrity_check; PRAGMA schema_version; SELECT type, name, tbl_name FROM sqlite_schema'], { encoding: 'utf8' });
      expect(out.trim()).toBe(`ok\n${c0 + 4}\ntable|people|people\ntable|other|other`);
    });

    it('refuses to write auto-vacuum databases', async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'minnow-av-')), 'av.db');
      execFileSync('sqlite3', [file, 'PRAGMA auto_vacuum=FULL; CREATE TABLE t(x); INSERT INTO t VALUES (1);']);
      const { readFileSync } = await import('node:fs');
      m.memory.put('av.db', new Uint8Array(readFileSync(file)));
      const db = await m.open('av.db');
      await expect(db.write(() => db.createTable('u', 'CREATE TABLE u(x)'))).rejects.toThrow(/readonly/);
      const t = (await db.read(() => db.schema()))[0]!;
      await db.read(async () => {
        const c = db.tableCursor(t.rootPage);
        expect(await m.run(db, () => c.first())).toBe(true);
      });
    });

    it('page 1 splits and collapses as the schema grows and shrinks', async () => {
      let db = await m.open('grow.db', { pageSizeBytes: 512 });
      // These sizes take page 1 through the state where its one child does not fit back into
      // it (page 1 has 100 bytes less): an interior page 1 with zero cells, valid for page 1.
      const names = Array.from({ length: 12 }, (_, i) => `t_${i}`);
      const sqlOf = (n: string) => `CREATE TABLE ${n}(${'x'.repeat(24)} a)`;
      for (const n of names) await db.write(() => db.createTable(n, sqlOf(n)));
      const page1State = () => db.read(() => m.run(db, () => {
        const d = db.pager.get(1).data;
        return `${d[100]}/${(d[103]! << 8) | d[104]!}`;
      }));
      expect(await page1State()).toBe('5/1');
      const file = join(mkdtempSync(join(tmpdir(), 'minnow-grow-')), 'g.db');
      const sqlite = (sql: string) => execFileSync('sqlite3', [file, sql], { encoding: 'utf8' }).trim();
      const states: string[] = [];
      for (let i = 0; i < names.length; i++) {
        const name = names[i]!;
        await db.write(() => db.dropTable(name));
        states.push(await page1State());
        expect(await db.integrityCheck()).toEqual([]);
        await db.close();
        writeFileSync(file, m.memory.get('grow.db')!);
        expect(sqlite('PRAGMA integrity_check')).toBe('ok');
        expect(sqlite('SELECT count(*) FROM sqlite_schema')).toBe(String(names.length - i - 1));
        db = await m.open('grow.db');
      }
      expect(states).toContain('5/0');
      expect(states[states.length - 1]).toBe('13/0');
      expect(await db.read(() => db.schema())).toEqual([]);
    });
  });
}
