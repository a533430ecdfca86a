/**
 * The common case of an index comparison, decided from the first column alone: a seek or an
 * insert into an index on one TEXT or INTEGER column compares its key with ~20 cells, and
 * nearly every comparison is settled by the first column. This reads that column straight
 * from the cell (one-byte header size and serial type, the usual shape) and returns its
 * verdict; when the first columns are equal, or the shape is anything else (a multi-byte
 * header varint, a REAL that may be NaN, a bigint, a non-BINARY collation, a UTF-16 file),
 * it defers to `compareKeyToRecord`, which is the definition. Both give the same answer.
 *
 * Bounds: the header size and the first body are checked against the payload before any read,
 * so a malformed cell either takes the full path (which reports SQLITE_CORRUPT) or is read
 * only within its payload.
 */
import { readInt, SERIAL_BLOB_BASE, SERIAL_FLOAT64, SERIAL_NULL } from '../format/serial-type.js';
import { TEXT_UTF8, type TextEncoding } from '../format/text-codec.js';
import { BINARY } from './collation.js';
import { compareKeyToRecord, PreparedKey, type KeyInfo } from './key-compare.js';

const CLASS_NULL = 0;
const CLASS_NUMBER = 1;
const CLASS_TEXT = 2;

/** As `compareKeyToRecord(key, buf, off, len, keyInfo, textEncoding)`: -1, 0 or 1. */
export function compareKeyToRecordFast(
  key: PreparedKey,
  buf: Uint8Array,
  off: number,
  len: number,
  keyInfo: KeyInfo,
  textEncoding: TextEncoding,
): number {
  const d = firstColumn(key, buf, off, len, keyInfo, textEncoding);
  if (d !== 0) return keyInfo.desc[0] === true ? -d : d;
  return compareKeyToRecord(key, buf, off, len, keyInfo, textEncoding);
}

/** The first column's order (-1 or 1), or 0 for "equal or not decided here". */
function firstColumn(key: PreparedKey, buf: Uint8Array, off: number, len: number, keyInfo: KeyInfo, enc: TextEncoding): number {
  if (key.length === 0 || len < 2) return 0;
  const hdr = buf[off]!;
  const t = buf[off + 1]!;
  if (hdr < 2 || hdr >= 0x80 || hdr > len || t >= 0x80) return 0;
  const cls = key.classes[0]!;
  if (t >= SERIAL_BLOB_BASE) {
    const isText = (t & 1) === 1;
    const fieldClass = isText ? CLASS_TEXT : CLASS_TEXT + 1;
    if (cls !== fieldClass) return cls < fieldClass ? -1 : 1;
    if (!isText || enc !== TEXT_UTF8 || key.textEncoding !== TEXT_UTF8) return 0;
    const coll = keyInfo.collations[0];
    if (coll !== undefined && coll !== BINARY) return 0;
    const start = off + hdr;
    const end = start + ((t - 13) >> 1);
    if (end > off + len) return 0;
    const kb = key.bytes[0]!;
    const ks = key.starts[0]!;
    const ke = key.ends[0]!;
    const kLen = ke - ks;
    const fLen = end - start;
    const n = kLen < fLen ? kLen : fLen;
    for (let i = 0; i < n; i++) {
      const d = kb[ks + i]! - buf[start + i]!;
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    // Equal bytes: a shorter key is a prefix and sorts first; same length defers (later columns).
    return kLen < fLen ? -1 : kLen > fLen ? 1 : 0;
  }
  if (t === SERIAL_FLOAT64 || t === 10 || t === 11) return 0;
  if (t === SERIAL_NULL) return cls === CLASS_NULL ? 0 : 1;
  // Integer serial types 1..6, 8, 9.
  if (cls !== CLASS_NUMBER) return cls < CLASS_NUMBER ? -1 : 1;
  const kv = key.values[0];
  if (typeof kv !== 'number') return 0;
  const size = t <= 4 ? t : t === 5 ? 6 : t === 6 ? 8 : 0;
  if (hdr + size > len) return 0;
  const fv = readInt(buf, off + hdr, t);
  if (typeof fv !== 'number') return 0;
  return kv < fv ? -1 : kv > fv ? 1 : 0;
}
