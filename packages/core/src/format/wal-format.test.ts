import { describe, expect, it } from 'vitest';
import {
  decodeWalHeader,
  encodeWalHeader,
  sealWalFrame,
  verifyWalFrame,
  walChecksum,
  WAL_FRAME_HEADER_SIZE_BYTES,
  WAL_HEADER_SIZE_BYTES,
} from './wal-format.js';

const PAGE = 1024;

/** The checksum computed the slow, obvious way. */
function referenceChecksum(bytes: Uint8Array, bigEndian: boolean, s0 = 0, s1 = 0): [number, number] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < bytes.length; i += 8) {
    s0 = (s0 + v.getUint32(i, !bigEndian) + s1) >>> 0;
    s1 = (s1 + v.getUint32(i + 4, !bigEndian) + s0) >>> 0;
  }
  return [s0, s1];
}

describe('WAL format', () => {
  it('checksums match the definition in both byte orders, aligned or not', () => {
    const data = new Uint8Array(PAGE + 3);
    for (let i = 0; i < data.length; i++) data[i] = (i * 151 + 7) & 0xff;
    for (const bigEndian of [false, true]) {
      for (const offset of [0, 1, 3]) {
        const slice = data.subarray(offset, offset + PAGE);
        const got = walChecksum(slice, 0, PAGE, bigEndian, { s0: 5, s1: 9 });
        expect([got.s0, got.s1]).toEqual(referenceChecksum(slice, bigEndian, 5, 9));
      }
    }
  });

  it('header round-trips and is rejected when damaged', () => {
    for (const bigEndianChecksum of [false, true]) {
      const bytes = new Uint8Array(WAL_HEADER_SIZE_BYTES);
      encodeWalHeader(bytes, { bigEndianChecksum, pageSizeBytes: 65536, checkpointSeq: 3, salt1: 0xdeadbeef, salt2: 42 });
      expect(decodeWalHeader(bytes)).toMatchObject({
        bigEndianChecksum,
        pageSizeBytes: 65536,
        checkpointSeq: 3,
        salt1: 0xdeadbeef,
        salt2: 42,
      });
      for (const at of [0, 5, 9, 13, 19, 25]) {
        const bad = bytes.slice();
        bad[at] ^= 0x10;
        expect(decodeWalHeader(bad)).toBeNull();
      }
    }
    expect(decodeWalHeader(new Uint8Array(10))).toBeNull();
  });

  it('frames chain their checksums and carry salts', () => {
    const headerBytes = new Uint8Array(WAL_HEADER_SIZE_BYTES);
    encodeWalHeader(headerBytes, { bigEndianChecksum: true, pageSizeBytes: PAGE, checkpointSeq: 0, salt1: 1, salt2: 2 });
    const header = decodeWalHeader(headerBytes)!;
    const frameSize = WAL_FRAME_HEADER_SIZE_BYTES + PAGE;
    const frames = new Uint8Array(2 * frameSize);
    frames.fill(7, WAL_FRAME_HEADER_SIZE_BYTES, frameSize);
    frames.fill(8, frameSize + WAL_FRAME_HEADER_SIZE_BYTES);
    const c1 = sealWalFrame(frames, 0, 3, 0, header, PAGE, header.checksum);
    const c2 = sealWalFrame(frames, frameSize, 4, 9, header, PAGE, c1);
    const v1 = verifyWalFrame(frames, 0, header, header.checksum)!;
    expect(v1).toMatchObject({ pgno: 3, commitPageCount: 0, checksum: c1 });
    expect(verifyWalFrame(frames, frameSize, header, v1.checksum)).toMatchObject({ pgno: 4, commitPageCount: 9, checksum: c2 });
    // Out of chain, other salts, or damaged content: invalid.
    expect(verifyWalFrame(frames, frameSize, header, header.checksum)).toBeNull();
    expect(verifyWalFrame(frames, 0, { ...header, salt2: 3 }, header.checksum)).toBeNull();
    frames[frameSize + 100] ^= 1;
    expect(verifyWalFrame(frames, frameSize, header, v1.checksum)).toBeNull();
  });
});
