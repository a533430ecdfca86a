/**
 * Byte formats' public surface: values, records, varints and text encodings. (Page, cell, WAL
 * and journal layouts are internal to the B-tree and pager layers.)
 */
export { SqlReal, intValue, realValue, storageClass, toDouble, type SqlValue, type StorageClass } from './sql-value.js';
export { encodeRecord, encodeRecordInto, decodeRecord, recordSize, RecordReader } from './record.js';
export { readVarint, readVarint32, varintLength, varintSize, writeVarint, MAX_VARINT_BYTES } from './varint.js';
export { decodeText, encodeText, TEXT_UTF8, TEXT_UTF16LE, TEXT_UTF16BE, type TextEncoding } from './text-codec.js';
