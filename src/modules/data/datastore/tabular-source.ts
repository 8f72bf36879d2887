/**
 * Shared shapes of the tabular readers (CSV and XLSX) and their limits.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

/** One cell as read from a file: CSV gives strings, XLSX may give numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null;

export interface DataRow {
  /** 1-based index among data rows (the header is not counted). */
  row: number;
  /** 1-based line (CSV) or sheet row (XLSX) where the record starts, as a user sees it in the file. */
  line: number;
  cells: Cell[];
}

export interface TabularLimits {
  /** Files with more columns are rejected (PostgreSQL allows 1600 per table). */
  maxColumns: number;
  /** Longest record (line) in characters; also bounds any single field. */
  maxRecordChars: number;
  /** Most data rows accepted in one resource. */
  maxRows: number;
  /** How many bad rows/cells are kept in a report (all are counted). */
  maxReported: number;
  /** Bytes read up front to detect encoding and dialect. */
  sampleBytes: number;
}

export const DEFAULT_LIMITS: TabularLimits = {
  maxColumns: 1000,
  maxRecordChars: 1_000_000,
  maxRows: 50_000_000,
  maxReported: 300,
  sampleBytes: 1 << 20,
};

/** A re-openable byte source: ingestion may need a second pass (sample, then stream). */
export type OpenSource = () => Readable;

/**
 * Chunk size of file reads. Kept under V8's large-object threshold (128 KB) even once decoded to a
 * two-byte string: large objects live in the old generation and are freed only by a full GC, so
 * bigger chunks made the heap of a long ingest grow by the size of the file read so far.
 */
export const READ_CHUNK_BYTES = 48 * 1024;

export function fileSource(path: string): OpenSource {
  return () => createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
}

export function bufferSource(buf: Buffer): OpenSource {
  return () => Readable.from([buf], { objectMode: false });
}

/** Read at most `max` bytes from the start of a source, then destroy it. */
export async function readSample(open: OpenSource, max: number): Promise<{ sample: Buffer; truncated: boolean }> {
  const stream = open();
  const chunks: Buffer[] = [];
  let total = 0;
  let truncated: boolean;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      if (total + b.length >= max) {
        chunks.push(b.subarray(0, max - total));
        total = max;
        break;
      }
      chunks.push(b);
      total += b.length;
    }
  } finally {
    stream.destroy();
  }
  // Exactly `max` bytes read: the file may continue, so the last line of the sample may be partial.
  truncated = total === max;
  return { sample: Buffer.concat(chunks, total), truncated };
}
