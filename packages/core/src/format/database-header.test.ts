import { describe, expect, it } from 'vitest';
import {
  HeaderOffset,
  parseDatabaseHeader,
  stampCommit,
  trustedPageCount,
  writeNewDatabaseHeader,
  MINNOW_SQLITE_VERSION_NUMBER,
} from './database-header.js';

function fresh(pageSizeBytes = 4096): Uint8Array {
  const page = new Uint8Array(pageSizeBytes);
  writeNewDatabaseHeader(page, { pageSizeBytes, fileFormat: 2, textEncoding: 1 });
  return page;
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

describe('database header', () => {
  it('writes a new header that parses back', () => {
    const h = parseDatabaseHeader(fresh(8192));
    expect(h).toMatchObject({
      pageSizeBytes: 8192,
      writeVersion: 2,
      readVersion: 2,
      reservedBytes: 0,
      usableSizeBytes: 8192,
      changeCounter: 1,
      pageCountField: 1,
      versionValidFor: 1,
      schemaFormat: 4,
      textEncoding: 1,
      sqliteVersion: MINNOW_SQLITE_VERSION_NUMBER,
      readOnlyFormat: false,
    });
  });

  it('stores 65536 as 1', () => {
    const page = fresh(65536);
    expect([page[16], page[17]]).toEqual([0, 1]);
    expect(parseDatabaseHeader(page).pageSizeBytes).toBe(65536);
  });

  it('rejects bad magic, page sizes, payload fractions, usable sizes and read versions as NOTADB', () => {
    const cases: Array<(p: Uint8Array) => void> = [
      (p) => (p[0] = 0x54),
      (p) => (p[15] = 1),
      (p) => new DataView(p.buffer).setUint16(16, 1000),
      (p) => new DataView(p.buffer).setUint16(16, 256),
      (p) => new DataView(p.buffer).setUint16(16, 0),
      (p) => (p[HeaderOffset.maxPayloadFraction] = 63),
      (p) => (p[HeaderOffset.minPayloadFraction] = 33),
      (p) => (p[HeaderOffset.leafPayloadFraction] = 31),
      (p) => (p[HeaderOffset.readVersion] = 3),
    ];
    for (const mutate of cases) {
      const page = fresh();
      mutate(page);
      expect(codeOf(() => parseDatabaseHeader(page))).toBe('SQLITE_NOTADB');
    }
    const small = fresh(512);
    small[HeaderOffset.reservedBytes] = 33; // usable 479 < 480
    expect(codeOf(() => parseDatabaseHeader(small))).toBe('SQLITE_NOTADB');
    small[HeaderOffset.reservedBytes] = 32;
    expect(parseDatabaseHeader(small).usableSizeBytes).toBe(480);
  });

  it('a write version above 2 means read-only; a schema format above 4 is unsupported', () => {
    const page = fresh();
    page[HeaderOffset.writeVersion] = 3;
    expect(parseDatabaseHeader(page).readOnlyFormat).toBe(true);
    new DataView(page.buffer).setUint32(HeaderOffset.schemaFormat, 5);
    expect(codeOf(() => parseDatabaseHeader(page))).toBe('SQLITE_ERROR');
  });

  it('text encoding 0 means UTF-8', () => {
    const page = fresh();
    new DataView(page.buffer).setUint32(HeaderOffset.textEncoding, 0);
    expect(parseDatabaseHeader(page).textEncoding).toBe(1);
    new DataView(page.buffer).setUint32(HeaderOffset.textEncoding, 3);
    expect(parseDatabaseHeader(page).textEncoding).toBe(3);
  });

  it('trusts the size field only when valid, and then it must fit the file', () => {
    const page = fresh();
    const view = new DataView(page.buffer);
    view.setUint32(HeaderOffset.pageCount, 5);
    view.setUint32(HeaderOffset.changeCounter, 7);
    view.setUint32(HeaderOffset.versionValidFor, 7);
    expect(trustedPageCount(parseDatabaseHeader(page), 9)).toBe(5);
    expect(codeOf(() => trustedPageCount(parseDatabaseHeader(page), 4))).toBe('SQLITE_CORRUPT');
    view.setUint32(HeaderOffset.versionValidFor, 6); // stale: size comes from the file
    expect(trustedPageCount(parseDatabaseHeader(page), 4)).toBe(4);
    view.setUint32(HeaderOffset.versionValidFor, 7);
    view.setUint32(HeaderOffset.pageCount, 0);
    expect(trustedPageCount(parseDatabaseHeader(page), 4)).toBe(4);
  });

  it('stampCommit bumps the counter and keeps the size valid', () => {
    const page = fresh();
    stampCommit(page, 12);
    const h = parseDatabaseHeader(page);
    expect(h.changeCounter).toBe(2);
    expect(h.versionValidFor).toBe(2);
    expect(h.pageCountField).toBe(12);
  });
});
