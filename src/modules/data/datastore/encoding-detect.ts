/**
 * Encoding and binary-content detection on a leading sample of an upload.
 * Government spreadsheets arrive as UTF-8 (with or without BOM), UTF-16 (Excel "Unicode text",
 * usually with BOM) or Windows-1252 (Excel "CSV" on Windows); anything else we treat as binary.
 */
import { DatastoreError } from './datastore-error.ts';

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'windows1252';

export interface EncodingGuess {
  encoding: TextEncoding;
  /** Number of BOM bytes to skip at the start of the file. */
  bomLength: number;
  /** True when the guess came from a byte-order mark. */
  fromBom: boolean;
}

/** Magic numbers of common binary formats, checked before any text heuristic. */
const MAGIC: Array<{ bytes: number[]; code: 'zip_instead_of_csv' | 'ole_instead_of_csv' | 'binary_content'; kind: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], code: 'zip_instead_of_csv', kind: 'ZIP/XLSX' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], code: 'zip_instead_of_csv', kind: 'ZIP' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], code: 'ole_instead_of_csv', kind: 'XLS/DOC' },
  { bytes: [0x25, 0x50, 0x44, 0x46], code: 'binary_content', kind: 'PDF' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], code: 'binary_content', kind: 'PNG' },
  { bytes: [0xff, 0xd8, 0xff], code: 'binary_content', kind: 'JPEG' },
  { bytes: [0x47, 0x49, 0x46, 0x38], code: 'binary_content', kind: 'GIF' },
  { bytes: [0x1f, 0x8b], code: 'binary_content', kind: 'GZIP' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], code: 'binary_content', kind: 'ELF' },
  { bytes: [0x4d, 0x5a], code: 'binary_content', kind: 'EXE' },
  { bytes: [0x52, 0x61, 0x72, 0x21], code: 'binary_content', kind: 'RAR' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], code: 'binary_content', kind: '7Z' },
];

function startsWith(buf: Uint8Array, bytes: number[]): boolean {
  if (buf.length < bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[i] !== bytes[i]) return false;
  return true;
}

/**
 * True when `buf` is valid UTF-8. A multi-byte sequence cut off by the end of the sample is
 * accepted (the sample is a prefix of the file).
 */
export function isValidUtf8Prefix(buf: Uint8Array): boolean {
  return utf8ErrorAt(buf, true) < 0;
}

/**
 * Byte offset of the first invalid UTF-8 sequence, or -1. With `prefix`, a sequence cut off by the
 * end of the buffer counts as valid (a sample may end mid-character).
 */
export function utf8ErrorAt(buf: Uint8Array, prefix = false): number {
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return prefix ? -1 : i; // cut off by the end of the buffer
      const c = buf[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Detect the text encoding of a leading sample; throws DatastoreError for binary content. */
export function detectEncoding(sample: Uint8Array): EncodingGuess {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { encoding: 'utf8', bomLength: 3, fromBom: true };
  }
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe) {
    return { encoding: 'utf16le', bomLength: 2, fromBom: true };
  }
  if (sample.length >= 2 && sample[0] === 0xfe && sample[1] === 0xff) {
    return { encoding: 'utf16be', bomLength: 2, fromBom: true };
  }
  for (const m of MAGIC) {
    if (startsWith(sample, m.bytes)) throw new DatastoreError(m.code, { kind: m.kind });
  }
  // UTF-16 without BOM: text in the Latin range has a zero in every other byte.
  const probe = Math.min(sample.length, 4096) & ~1;
  if (probe >= 4) {
    let zeroEven = 0;
    let zeroOdd = 0;
    for (let i = 0; i < probe; i++) if (sample[i] === 0) (i % 2 === 0 ? zeroEven++ : zeroOdd++);
    const half = probe / 2;
    if (zeroOdd > half * 0.6 && zeroEven < half * 0.05) return { encoding: 'utf16le', bomLength: 0, fromBom: false };
    if (zeroEven > half * 0.6 && zeroOdd < half * 0.05) return { encoding: 'utf16be', bomLength: 0, fromBom: false };
  }
  assertLooksLikeText(sample);
  if (isValidUtf8Prefix(sample)) return { encoding: 'utf8', bomLength: 0, fromBom: false };
  return { encoding: 'windows1252', bomLength: 0, fromBom: false };
}

/**
 * Reject samples with NUL bytes or many control characters: no CSV exported by a spreadsheet has
 * them, and loading them would fill the datastore with garbage.
 */
export function assertLooksLikeText(sample: Uint8Array): void {
  let control = 0;
  const n = Math.min(sample.length, 65536);
  for (let i = 0; i < n; i++) {
    const b = sample[i];
    if (b === 0) throw new DatastoreError('binary_content', { kind: 'NUL' });
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (n > 0 && control / n > 0.01) throw new DatastoreError('binary_content', { kind: 'control' });
}

/** Check decoded text (after the BOM) for binary content, for encodings where bytes alone do not tell. */
export function assertDecodedLooksLikeText(text: string): void {
  let control = 0;
  const n = Math.min(text.length, 65536);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) throw new DatastoreError('binary_content', { kind: 'NUL' });
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
  }
  if (n > 0 && control / n > 0.01) throw new DatastoreError('binary_content', { kind: 'control' });
}

/** iconv-lite name of an encoding. */
export function iconvName(e: TextEncoding): string {
  return e === 'utf8' ? 'utf8' : e === 'utf16le' ? 'utf16le' : e === 'utf16be' ? 'utf16be' : 'win1252';
}
