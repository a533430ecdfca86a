/**
 * The write-ahead log file (`<db>-wal`): a 32-byte header followed by frames, each a 24-byte
 * frame header plus one page image. All header integers are big-endian.
 *
 * WAL header:
 *   offset size  field
 *      0     4   magic: 0x377f0682 (checksum words little-endian) or 0x377f0683 (big-endian)
 *      4     4   format version, 3007000
 *      8     4   database page size in bytes (65536 stored as 65536)
 *     12     4   checkpoint sequence number
 *     16     4   salt-1: incremented on each WAL reset
 *     20     4   salt-2: a fresh random value on each WAL reset
 *     24     4   checksum-1 } over header bytes 0..23
 *     28     4   checksum-2 }
 *
 * Frame header (frame i, 1-based, starts at 32 + (i - 1) * (24 + pageSize)):
 *      0     4   page number
 *      4     4   for a commit frame, the database size in pages after the commit; else 0
 *      8     4   salt-1 } copied from the WAL header; a frame whose salts differ is stale
 *     12     4   salt-2 }
 *     16     4   checksum-1 } cumulative: seeded with the previous frame's (or the header's)
 *     20     4   checksum-2 } checksum, over frame header bytes 0..7 and then the page image
 *
 * Checksum: the input is read as 32-bit words in the byte order named by the magic, two at a
 * time; with (s0, s1) the running sums, for each pair (x0, x1): s0 += x0 + s1; s1 += x1 + s0,
 * all modulo 2^32. The input length is a multiple of 8.
 */

export const WAL_HEADER_SIZE_BYTES = 32;
export const WAL_FRAME_HEADER_SIZE_BYTES = 24;
export const WAL_MAGIC_LITTLE_ENDIAN = 0x377f0682;
export const WAL_MAGIC_BIG_ENDIAN = 0x377f0683;
export const WAL_FORMAT_VERSION = 3007000;

export const WalHeaderOffset = {
  magic: 0,
  version: 4,
  pageSize: 8,
  checkpointSeq: 12,
  salt1: 16,
  salt2: 20,
  checksum1: 24,
  checksum2: 28,
} as const;

export const WalFrameOffset = {
  pgno: 0,
  commitPageCount: 4,
  salt1: 8,
  salt2: 12,
  checksum1: 16,
  checksum2: 20,
} as const;

/** A running WAL checksum (s0, s1). */
export interface WalChecksum {
  s0: number;
  s1: number;
}

export interface WalHeader {
  bigEndianChecksum: boolean;
  pageSizeBytes: number;
  checkpointSeq: number;
  salt1: number;
  salt2: number;
  checksum: WalChecksum;
}

/** Whether this JS engine stores Uint32Array elements little-endian (true almost everywhere). */
const NATIVE_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Continues a checksum over `data[start, end)`; (end - start) must be a multiple of 8. Returns a
 * new checksum; `seed` is not modified.
 */
export function walChecksum(
  data: Uint8Array,
  start: number,
  end: number,
  bigEndian: boolean,
  seed: WalChecksum,
): WalChecksum {
  let s0 = seed.s0;
  let s1 = seed.s1;
  const absolute = data.byteOffset + start;
  if (bigEndian !== NATIVE_LITTLE_ENDIAN && absolute % 4 === 0) {
    // Fast path: word order matches the platform's, read through a typed array.
    const words = new Uint32Array(data.buffer, absolute, (end - start) >>> 2);
    for (let i = 0; i < words.length; i += 2) {
      s0 = (s0 + words[i]! + s1) >>> 0;
      s1 = (s1 + words[i + 1]! + s0) >>> 0;
    }
  } else {
    const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const little = !bigEndian;
    for (let i = start; i < end; i += 8) {
      s0 = (s0 + v.getUint32(i, little) + s1) >>> 0;
      s1 = (s1 + v.getUint32(i + 4, little) + s0) >>> 0;
    }
  }
  return { s0, s1 };
}

/** Encodes a WAL header (computing its checksum) into `out[0, 32)`; returns the checksum. */
export function encodeWalHeader(out: Uint8Array, header: Omit<WalHeader, 'checksum'>): WalChecksum {
  const v = new DataView(out.buffer, out.byteOffset, WAL_HEADER_SIZE_BYTES);
  v.setUint32(WalHeaderOffset.magic, header.bigEndianChecksum ? WAL_MAGIC_BIG_ENDIAN : WAL_MAGIC_LITTLE_ENDIAN);
  v.setUint32(WalHeaderOffset.version, WAL_FORMAT_VERSION);
  v.setUint32(WalHeaderOffset.pageSize, header.pageSizeBytes);
  v.setUint32(WalHeaderOffset.checkpointSeq, header.checkpointSeq);
  v.setUint32(WalHeaderOffset.salt1, header.salt1);
  v.setUint32(WalHeaderOffset.salt2, header.salt2);
  const sum = walChecksum(out, 0, WalHeaderOffset.checksum1, header.bigEndianChecksum, { s0: 0, s1: 0 });
  v.setUint32(WalHeaderOffset.checksum1, sum.s0);
  v.setUint32(WalHeaderOffset.checksum2, sum.s1);
  return sum;
}

/**
 * Decodes and verifies a WAL header; null when it is not a usable header (bad magic, version,
 * page size or checksum): such a WAL holds no valid frames.
 */
export function decodeWalHeader(bytes: Uint8Array): WalHeader | null {
  if (bytes.length < WAL_HEADER_SIZE_BYTES) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, WAL_HEADER_SIZE_BYTES);
  const magic = v.getUint32(WalHeaderOffset.magic);
  if (magic !== WAL_MAGIC_LITTLE_ENDIAN && magic !== WAL_MAGIC_BIG_ENDIAN) return null;
  if (v.getUint32(WalHeaderOffset.version) !== WAL_FORMAT_VERSION) return null;
  const pageSizeBytes = v.getUint32(WalHeaderOffset.pageSize);
  if (pageSizeBytes < 512 || pageSizeBytes > 65536 || (pageSizeBytes & (pageSizeBytes - 1)) !== 0) return null;
  const bigEndianChecksum = magic === WAL_MAGIC_BIG_ENDIAN;
  const sum = walChecksum(bytes, 0, WalHeaderOffset.checksum1, bigEndianChecksum, { s0: 0, s1: 0 });
  if (sum.s0 !== v.getUint32(WalHeaderOffset.checksum1) || sum.s1 !== v.getUint32(WalHeaderOffset.checksum2)) {
    return null;
  }
  return {
    bigEndianChecksum,
    pageSizeBytes,
    checkpointSeq: v.getUint32(WalHeaderOffset.checkpointSeq),
    salt1: v.getUint32(WalHeaderOffset.salt1),
    salt2: v.getUint32(WalHeaderOffset.salt2),
    checksum: sum,
  };
}

/** Byte offset of frame `frameIndex` (1-based) in the WAL file. */
export function walFrameOffset(frameIndex: number, pageSizeBytes: number): number {
  return WAL_HEADER_SIZE_BYTES + (frameIndex - 1) * (WAL_FRAME_HEADER_SIZE_BYTES + pageSizeBytes);
}

/**
 * Fills the frame at `out[offset, offset + 24 + pageSize)`: the frame header, then the page image
 * (already copied in by the caller at offset + 24). Returns the frame's cumulative checksum.
 */
export function sealWalFrame(
  out: Uint8Array,
  offset: number,
  pgno: number,
  commitPageCount: number,
  header: Pick<WalHeader, 'salt1' | 'salt2' | 'bigEndianChecksum'>,
  pageSizeBytes: number,
  previous: WalChecksum,
): WalChecksum {
  const v = new DataView(out.buffer, out.byteOffset + offset, WAL_FRAME_HEADER_SIZE_BYTES);
  v.setUint32(WalFrameOffset.pgno, pgno);
  v.setUint32(WalFrameOffset.commitPageCount, commitPageCount);
  v.setUint32(WalFrameOffset.salt1, header.salt1);
  v.setUint32(WalFrameOffset.salt2, header.salt2);
  let sum = walChecksum(out, offset, offset + 8, header.bigEndianChecksum, previous);
  const pageStart = offset + WAL_FRAME_HEADER_SIZE_BYTES;
  sum = walChecksum(out, pageStart, pageStart + pageSizeBytes, header.bigEndianChecksum, sum);
  v.setUint32(WalFrameOffset.checksum1, sum.s0);
  v.setUint32(WalFrameOffset.checksum2, sum.s1);
  return sum;
}

/**
 * Verifies the frame at `bytes[offset, offset + 24 + pageSize)` against the WAL header's salts
 * and the running checksum. Returns the frame's checksum, or null when the frame is invalid
 * (which ends the valid part of the log).
 */
export function verifyWalFrame(
  bytes: Uint8Array,
  offset: number,
  header: WalHeader,
  previous: WalChecksum,
): { pgno: number; commitPageCount: number; checksum: WalChecksum } | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset + offset, WAL_FRAME_HEADER_SIZE_BYTES);
  const pgno = v.getUint32(WalFrameOffset.pgno);
  if (pgno === 0) return null;
  if (v.getUint32(WalFrameOffset.salt1) !== header.salt1 || v.getUint32(WalFrameOffset.salt2) !== header.salt2) {
    return null;
  }
  let sum = walChecksum(bytes, offset, offset + 8, header.bigEndianChecksum, previous);
  const pageStart = offset + WAL_FRAME_HEADER_SIZE_BYTES;
  sum = walChecksum(bytes, pageStart, pageStart + header.pageSizeBytes, header.bigEndianChecksum, sum);
  if (sum.s0 !== v.getUint32(WalFrameOffset.checksum1) || sum.s1 !== v.getUint32(WalFrameOffset.checksum2)) {
    return null;
  }
  return { pgno, commitPageCount: v.getUint32(WalFrameOffset.commitPageCount), checksum: sum };
}
