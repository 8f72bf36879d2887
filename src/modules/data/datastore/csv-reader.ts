/**
 * Streaming CSV reader: detects encoding and dialect from a sample, then streams records through
 * csv-parse with hard limits. Memory stays bounded by the longest allowed record, whatever the
 * file size.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse';
import { DatastoreError } from './datastore-error.ts';
import { detectEncoding, assertDecodedLooksLikeText, iconvName, type TextEncoding } from './encoding-detect.ts';
import { sniffDialect, type Delimiter } from './csv-dialect.ts';
import { DEFAULT_LIMITS, readSample, type DataRow, type OpenSource, type TabularLimits } from './tabular-source.ts';

export interface CsvReadOptions {
  limits?: Partial<TabularLimits>;
  /** Override detection (e.g. retry as windows1252 after an `encoding_mismatch`). */
  encoding?: TextEncoding;
  delimiter?: Delimiter;
}

export interface RaggedRow { row: number; line: number; expected: number; found: number }

export interface CsvTable {
  encoding: TextEncoding;
  delimiter: Delimiter;
  header: string[];
  /** Data rows; iteration throws DatastoreError on a limit, a syntax error, or ragged rows (at the end, all counted). */
  rows: AsyncIterable<DataRow>;
  /** Filled while iterating. */
  stats: { rows: number; ragged: number; raggedRows: RaggedRow[]; skippedBlank: number };
}

/** Skips the BOM and checks UTF-8 validity chunk by chunk (a multi-byte char may straddle chunks). */
class Utf8Guard extends Transform {
  private skip: number;
  private tail: Buffer = Buffer.alloc(0);
  private offset = 0;
  constructor(bomLength: number) {
    super();
    this.skip = bomLength;
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    let buf = chunk;
    if (this.skip > 0) {
      const s = Math.min(this.skip, buf.length);
      buf = buf.subarray(s);
      this.skip -= s;
    }
    if (this.tail.length) buf = Buffer.concat([this.tail, buf]);
    // hold back an incomplete trailing sequence
    let cut = buf.length;
    for (let k = 1; k <= 3 && k <= buf.length; k++) {
      const b = buf[buf.length - k];
      if ((b & 0xc0) === 0x80) continue; // continuation byte
      if (b >= 0xc0) {
        const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
        if (len > k) cut = buf.length - k;
      }
      break;
    }
    const whole = buf.subarray(0, cut);
    this.tail = Buffer.from(buf.subarray(cut));
    if (!isUtf8(whole)) {
      cb(new DatastoreError('encoding_mismatch', { offset: this.offset }));
      return;
    }
    this.offset += whole.length;
    cb(null, whole);
  }
  override _flush(cb: TransformCallback): void {
    if (this.tail.length && !isUtf8(this.tail)) cb(new DatastoreError('encoding_mismatch', { offset: this.offset }));
    else cb(null, this.tail);
  }
}

/** Decodes a non-UTF-8 encoding to UTF-8 bytes for csv-parse. */
class RecodeToUtf8 extends Transform {
  private skip: number;
  private decoder: { write(b: Buffer): string; end(): string | undefined };
  constructor(encoding: TextEncoding, bomLength: number) {
    super();
    this.skip = bomLength;
    this.decoder = iconv.getDecoder(iconvName(encoding), { stripBOM: false } as never) as never;
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    let buf = chunk;
    if (this.skip > 0) {
      const s = Math.min(this.skip, buf.length);
      buf = buf.subarray(s);
      this.skip -= s;
    }
    const text = this.decoder.write(buf);
    cb(null, text ? Buffer.from(text, 'utf8') : undefined);
  }
  override _flush(cb: TransformCallback): void {
    const rest = this.decoder.end();
    cb(null, rest ? Buffer.from(rest, 'utf8') : undefined);
  }
}

function mapParseError(e: unknown, limits: TabularLimits): unknown {
  if (e instanceof DatastoreError) return e;
  const err = e as { code?: string; lines?: number; message?: string };
  if (err && err.code === 'CSV_MAX_RECORD_SIZE') {
    return new DatastoreError('line_too_long', { line: err.lines ?? 1, max: limits.maxRecordChars });
  }
  if (err && typeof err.code === 'string' && err.code.startsWith('CSV_')) {
    return new DatastoreError('csv_syntax', { line: err.lines ?? 0, reason: err.code });
  }
  return e;
}

/** Pull records from the parser with their line numbers, buffering what one 'readable' event yields. */
async function* batchedRecords(parser: ReturnType<typeof parse>): AsyncGenerator<{ record: string[]; line: number }> {
  const queue: Array<{ record: string[]; line: number }> = [];
  let done = false;
  let error: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => { const w = wake; wake = null; w?.(); };
  parser.on('data', (record: string[]) => {
    queue.push({ record, line: (parser as unknown as { info: { lines: number } }).info.lines });
    if (queue.length >= 1000) parser.pause();
    notify();
  });
  parser.on('end', () => { done = true; notify(); });
  parser.on('error', (e) => { error = e; notify(); });
  parser.on('close', () => { done = true; notify(); });
  for (;;) {
    if (queue.length) {
      const batch = queue.splice(0);
      if (parser.isPaused()) parser.resume();
      for (const item of batch) yield item;
      continue;
    }
    if (error) throw error;
    if (done) return;
    await new Promise<void>((r) => { wake = r; });
  }
}

function isBlank(cells: string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

/**
 * Open a CSV source. Detection failures (empty, binary) throw here; row-level problems throw while
 * iterating `rows`. Iterate `rows` once.
 */
export async function openCsv(open: OpenSource, options: CsvReadOptions = {}): Promise<CsvTable> {
  const limits: TabularLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const { sample, truncated } = await readSample(open, limits.sampleBytes);
  if (sample.length === 0) throw new DatastoreError('empty_file');

  let encoding: TextEncoding;
  let bomLength = 0;
  const guess = detectEncoding(sample);
  if (options.encoding) {
    encoding = options.encoding;
    bomLength = guess.encoding === options.encoding ? guess.bomLength : 0;
  } else {
    encoding = guess.encoding;
    bomLength = guess.bomLength;
  }
  const sampleText = iconv.decode(sample.subarray(bomLength), iconvName(encoding));
  if (encoding !== 'utf8') assertDecodedLooksLikeText(sampleText);
  if (sampleText.trim() === '' && !truncated) throw new DatastoreError('empty_file');
  const delimiter = options.delimiter ?? sniffDialect(sampleText, { truncated }).delimiter;

  const stats = { rows: 0, ragged: 0, raggedRows: [] as RaggedRow[], skippedBlank: 0 };
  let header: string[] | null = null;
  let headerWidth = 0;

  const source = open();
  const decoder = encoding === 'utf8' ? new Utf8Guard(bomLength) : new RecodeToUtf8(encoding, bomLength);
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: limits.maxRecordChars,
    bom: false,
  });
  const fail = (e: unknown) => parser.destroy(e as Error);
  source.on('error', fail);
  decoder.on('error', fail);
  source.pipe(decoder).pipe(parser);

  // Records in batches from the parser's readable side (one await per chunk, not per record); the
  // line where each record ends is read from parser.info right after it is produced.
  const iterator = batchedRecords(parser);
  const cleanup = () => {
    source.unpipe();
    source.destroy();
    decoder.destroy();
    parser.destroy();
  };

  async function next(): Promise<{ record: string[]; line: number } | null> {
    try {
      const r = await iterator.next();
      if (r.done) return null;
      return r.value;
    } catch (e) {
      cleanup();
      throw mapParseError(e, limits);
    }
  }

  // Read the header now so callers see it (and header-level limits fail early).
  for (;;) {
    const r = await next();
    if (!r) {
      cleanup();
      throw new DatastoreError('empty_file');
    }
    if (isBlank(r.record)) continue;
    const h = r.record.map((c) => c.trim());
    while (h.length > 1 && h[h.length - 1] === '') h.pop(); // trailing delimiters from spreadsheet exports
    if (h.length > limits.maxColumns) {
      cleanup();
      throw new DatastoreError('too_many_columns', { count: h.length, max: limits.maxColumns });
    }
    header = h;
    headerWidth = h.length;
    break;
  }

  async function* rows(): AsyncGenerator<DataRow> {
    try {
      for (;;) {
        const r = await next();
        if (!r) break;
        const cells = r.record;
        if (isBlank(cells)) { stats.skippedBlank++; continue; }
        // tolerate extra trailing empty cells
        let len = cells.length;
        while (len > headerWidth && cells[len - 1].trim() === '') len--;
        stats.rows++;
        if (stats.rows > limits.maxRows) throw new DatastoreError('too_many_rows', { max: limits.maxRows });
        if (len !== headerWidth) {
          stats.ragged++;
          if (stats.raggedRows.length < limits.maxReported) {
            stats.raggedRows.push({ row: stats.rows, line: r.line, expected: headerWidth, found: len });
          }
          continue;
        }
        yield { row: stats.rows, line: r.line, cells: len === cells.length ? cells : cells.slice(0, len) };
      }
      if (stats.ragged > 0) {
        const first = stats.raggedRows[0];
        throw new DatastoreError(
          'ragged_rows',
          { count: stats.ragged, line: first.line, expected: first.expected, found: first.found },
          stats.raggedRows,
        );
      }
      if (stats.rows === 0) throw new DatastoreError('no_data_rows');
    } finally {
      cleanup();
    }
  }

  return { encoding, delimiter, header: header!, rows: rows(), stats };
}
