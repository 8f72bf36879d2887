/**
 * Zip-bomb protection for XLSX uploads. Before any XML is inflated we read the zip central
 * directory (random access, a few KB) and refuse archives whose declared uncompressed sizes or
 * compression ratios are implausible for a spreadsheet. ZIP64 archives (> 4 GB) are refused.
 */
import { open as openFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { DatastoreError } from './datastore-error.ts';

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipLimits {
  /** Sum of declared uncompressed sizes. */
  maxTotalUncompressed: number;
  /** Largest single entry. */
  maxEntryUncompressed: number;
  /** Highest uncompressed/compressed ratio for an entry larger than `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalUncompressed: 1024 * 1024 * 1024,
  maxEntryUncompressed: 768 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxEntries: 10_000,
};

/** Parse the central directory of the zip at `path`. Throws `zip_corrupt` when it is not a zip. */
export async function readZipDirectory(path: string): Promise<ZipEntryInfo[]> {
  const fh = await openFile(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size < 22) throw new DatastoreError('zip_corrupt');
    const tailLen = Math.min(size, 22 + 65535);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
    }
    if (eocd < 0) throw new DatastoreError('zip_corrupt');
    const total = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      throw new DatastoreError('zip_too_large', { reason: 'zip64' });
    }
    if (cdOffset + cdSize > size) throw new DatastoreError('zip_corrupt');
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries: ZipEntryInfo[] = [];
    let p = 0;
    for (let k = 0; k < total; k++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new DatastoreError('zip_corrupt');
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      entries.push({
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        uncompressedSize: cd.readUInt32LE(p + 24),
        localHeaderOffset: cd.readUInt32LE(p + 42),
        name: cd.toString('utf8', p + 46, p + 46 + nameLen),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** Throw `zip_bomb` / `zip_too_large` when the declared sizes break the limits. */
export function assertZipSafe(entries: ZipEntryInfo[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  if (entries.length > limits.maxEntries) throw new DatastoreError('zip_too_large', { reason: 'entries' });
  let total = 0;
  for (const e of entries) {
    if (e.uncompressedSize === 0xffffffff || e.compressedSize === 0xffffffff) {
      throw new DatastoreError('zip_too_large', { reason: 'zip64' });
    }
    total += e.uncompressedSize;
    if (e.uncompressedSize > limits.maxEntryUncompressed) {
      throw new DatastoreError('zip_too_large', { reason: e.name });
    }
    if (e.uncompressedSize > limits.ratioFloorBytes) {
      const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
      if (ratio > limits.maxRatio) {
        throw new DatastoreError('zip_bomb', { entry: e.name, ratio: Math.round(ratio) });
      }
    }
  }
  if (total > limits.maxTotalUncompressed) throw new DatastoreError('zip_too_large', { reason: 'total' });
}

/** Read and inflate one small entry (e.g. `xl/workbook.xml`), never more than `maxBytes`. */
export async function readZipEntry(path: string, entry: ZipEntryInfo, maxBytes = 8 * 1024 * 1024): Promise<Buffer> {
  if (entry.uncompressedSize > maxBytes) throw new DatastoreError('zip_too_large', { reason: entry.name });
  const fh = await openFile(path, 'r');
  try {
    const lh = Buffer.alloc(30);
    await fh.read(lh, 0, 30, entry.localHeaderOffset);
    if (lh.readUInt32LE(0) !== 0x04034b50) throw new DatastoreError('zip_corrupt');
    const start = entry.localHeaderOffset + 30 + lh.readUInt16LE(26) + lh.readUInt16LE(28);
    const data = Buffer.alloc(entry.compressedSize);
    await fh.read(data, 0, entry.compressedSize, start);
    if (entry.method === 0) return data;
    if (entry.method !== 8) throw new DatastoreError('zip_corrupt');
    try {
      return inflateRawSync(data, { maxOutputLength: maxBytes });
    } catch {
      throw new DatastoreError('zip_bomb', { entry: entry.name, ratio: 0 });
    }
  } finally {
    await fh.close();
  }
}
