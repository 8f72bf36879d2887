/**
 * Streaming CSV reader: detects encoding and dialect from a sample, then streams records through
 * the datastore's CSV parser (csv-parser.ts) in batches, with hard limits. Memory stays bounded by the longest allowed record, whatever the
 * file size.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { CsvRecordParser, type CsvRecord } from './csv-parser.ts';
import { DatastoreError } from './datastore-error.ts';
import { detectEncoding, assertDecodedLooksLikeText, iconvName, utf8ErrorAt, type TextEncoding } from './encoding-detect.ts';
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
  /** Bytes of byte-order mark at the start of the file. */
  bomLength: number;
  limits: TabularLimits;
  delimiter: Delimiter;
  header: string[];
  /** Data rows; iteration throws DatastoreError on a limit, a syntax error, or ragged rows (at the end, all counted). */
  rows: AsyncIterable<DataRow>;
  /** The same rows in batches (one per chunk read). Iterate either `rows` or `batches`, once. */
  batches: AsyncIterable<DataRow[]>;
  /** Filled while iterating. */
  stats: { rows: number; ragged: number; raggedRows: RaggedRow[]; skippedBlank: number };
}

/** Byte chunks → text: skips the BOM, checks UTF-8 validity (a multi-byte char may straddle chunks) or decodes another encoding. */
class ChunkDecoder {
  private skip: number;
  private tail: Buffer = Buffer.alloc(0);
  private offset = 0;
  private decoder: { write(b: Buffer): string; end(): string | undefined } | null;
  constructor(encoding: TextEncoding, bomLength: number) {
    this.skip = bomLength;
    this.decoder = encoding === 'utf8' ? null : iconv.getDecoder(iconvName(encoding), { stripBOM: false } as never) as never;
  }
  write(chunk: Buffer): string {
    let buf = chunk;
    if (this.skip > 0) {
      const s = Math.min(this.skip, buf.length);
      buf = buf.subarray(s);
      this.skip -= s;
    }
    if (this.decoder) return this.decoder.write(buf);
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
    if (!isUtf8(whole)) throw new DatastoreError('encoding_mismatch', { offset: this.offset + Math.max(0, utf8ErrorAt(whole)) });
    this.offset += whole.length;
    return whole.toString('utf8');
  }
  end(): string {
    if (this.decoder) return this.decoder.end() ?? '';
    if (this.tail.length && !isUtf8(this.tail)) throw new DatastoreError('encoding_mismatch', { offset: this.offset + Math.max(0, utf8ErrorAt(this.tail)) });
    return this.tail.toString('utf8');
  }
}

/** Records in batches (one per chunk read), never the whole file. */
async function* recordBatches(source: AsyncIterable<Buffer>, decoder: ChunkDecoder, parser: CsvRecordParser): AsyncGenerator<CsvRecord[]> {
  for await (const chunk of source) {
    const recs = parser.push(decoder.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
    if (recs.length) yield recs;
  }
  const last = parser.push(decoder.end(), true);
  if (last.length) yield last;
}

function isBlank(cells: string[]): boolean {
  const c0 = cells[0];
  if (c0.length && c0.charCodeAt(0) > 32 && c0.charCodeAt(0) !== 160) return false;
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
  const batchesIt = recordBatches(source as AsyncIterable<Buffer>, new ChunkDecoder(encoding, bomLength), new CsvRecordParser(delimiter, limits.maxRecordChars));
  const cleanup = () => { source.destroy(); };
  let pending: CsvRecord[] = [];
  let pendingAt = 0;

  async function nextBatch(): Promise<CsvRecord[] | null> {
    try {
      const r = await batchesIt.next();
      return r.done ? null : r.value;
    } catch (e) {
      cleanup();
      throw e;
    }
  }

  // Read the header now so callers see it (and header-level limits fail early).
  headerLoop: for (;;) {
    const batch = await nextBatch();
    if (!batch) {
      cleanup();
      throw new DatastoreError('empty_file');
    }
    for (let i = 0; i < batch.length; i++) {
      if (isBlank(batch[i].cells)) continue;
      const h = batch[i].cells.map((c) => c.trim());
      while (h.length > 1 && h[h.length - 1] === '') h.pop(); // trailing delimiters from spreadsheet exports
      if (h.length > limits.maxColumns) {
        cleanup();
        throw new DatastoreError('too_many_columns', { count: h.length, max: limits.maxColumns });
      }
      header = h;
      headerWidth = h.length;
      pending = batch;
      pendingAt = i + 1;
      break headerLoop;
    }
  }

  async function* batches(): AsyncGenerator<DataRow[]> {
    try {
      for (;;) {
        let recs: CsvRecord[] | null;
        if (pending.length) { recs = pendingAt ? pending.slice(pendingAt) : pending; pending = []; }
        else recs = await nextBatch();
        if (!recs) break;
        const out: DataRow[] = [];
        for (const r of recs) {
          const cells = r.cells;
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
          r.row = stats.rows;
          if (len !== cells.length) r.cells = cells.slice(0, len);
          out.push(r);
        }
        if (out.length) yield out;
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

  const batchIter = batches();
  async function* rows(): AsyncGenerator<DataRow> {
    for await (const b of batchIter) for (const r of b) yield r;
  }

  return { encoding, bomLength, limits, delimiter, header: header!, rows: rows(), batches: batchIter, stats };
}
