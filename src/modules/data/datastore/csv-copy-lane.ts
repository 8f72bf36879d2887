/**
 * The byte-level COPY lane: a UTF-8 CSV file straight to `COPY … FROM STDIN` text, for the load
 * after the schema is known. It reads bytes and writes bytes: records are cut into byte ranges,
 * plain text cells are copied (escaped), plain numbers are rewritten to canonical digits, and no
 * string is made for them. Every other cell (dates, quoted cells, cells with surrounding space,
 * possible missing values, anything the byte scans do not decide) is decoded and goes through the
 * field's own `convert` — so the output is exactly what the string pipeline (csv-reader → csv-parser
 * → row-validator.copyInto) gives, which a randomised test checks, byte for byte and error for error.
 *
 * Record rules are those of csv-parser.ts (quotes, LF/CRLF/CR, blank lines, `line_too_long`) and
 * row rules those of csv-reader.ts (header = first non-blank record, trailing empty cells tolerated,
 * ragged rows counted and reported at the end, `too_many_rows`, `no_data_rows`).
 */
import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { DatastoreError } from './datastore-error.ts';
import { copyTextValue } from './copy-format.ts';
import { utf8ErrorAt } from './encoding-detect.ts';
import type { RowValidator, CompiledField, FastConversion, BadCell } from './row-validator.ts';
import type { TabularLimits } from './tabular-source.ts';
import type { RaggedRow } from './csv-reader.ts';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const BACKSLASH = 92;
const TAB = 9;
const READ_BYTES = 1 << 20;
const OUT_BYTES = 1 << 18;

export interface CopyLaneInput {
  path: string;
  bomLength: number;
  delimiter: string;
  limits: TabularLimits;
  /** Number of header columns. */
  width: number;
  /** Per schema field, the file column it reads. */
  order: number[];
  /** Bytes per read (default 1 MB; tests use tiny reads to cross every boundary). */
  readBytes?: number;
}

/** Whether a file can take the lane (UTF-8, one-byte delimiter). */
export function copyLaneEligible(encoding: string | undefined, delimiter: string | undefined): boolean {
  return encoding === 'utf8' && typeof delimiter === 'string' && delimiter.length === 1 && delimiter.charCodeAt(0) < 128 && delimiter !== '"';
}

/** JS `String.prototype.trim` whitespace, for ASCII bytes. */
function isAsciiSpace(b: number): boolean {
  return b === 32 || (b >= 9 && b <= 13);
}

class Records {
  /** Cell byte ranges of the current record. */
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** Decoded value of a quoted cell (undefined for unquoted cells). */
  quoted: Array<string | undefined> = [];
  anyQuoted = false;
  count = 0;
  /** Line after the record. */
  nextLine = 0;
  constructor(private readonly d: number, private readonly maxChars: number) {}

  private push(a: number, b: number, q: string | undefined): void {
    const k = this.count++;
    if (k >= this.starts.length) {
      const s = new Int32Array(this.starts.length * 2); s.set(this.starts); this.starts = s;
      const e = new Int32Array(this.ends.length * 2); e.set(this.ends); this.ends = e;
    }
    this.starts[k] = a;
    this.ends[k] = b;
    if (q !== undefined) { this.quoted[k] = q; this.anyQuoted = true; }
  }

  /**
   * Parse one record starting at `pos` (not at an end of line). Returns the position after its end
   * of line, or -1 when the buffer ends before the record does (and `final` is false).
   */
  parse(buf: Buffer, pos: number, n: number, final: boolean, line: number): number {
    if (this.anyQuoted) { this.quoted.length = 0; this.anyQuoted = false; }
    this.count = 0;
    const d = this.d;
    const start = pos;
    let ln = line;
    for (;;) {
      if (pos - start > this.maxChars && charLength(buf, start, pos) > this.maxChars) throw new DatastoreError('line_too_long', { line, max: this.maxChars });
      if (pos < n && buf[pos] === QUOTE) {
        // quoted field: "" is a quote; delimiters and line ends are data
        let i = pos + 1;
        let parts: string | null = null;
        let seg = i;
        for (;;) {
          const qi = buf.indexOf(QUOTE, i);
          if (qi < 0 || qi >= n) {
            if (!final) return -1;
            throw new DatastoreError('csv_syntax', { line, reason: 'CSV_QUOTE_NOT_CLOSED' });
          }
          if (qi + 1 >= n && !final) return -1;
          if (qi + 1 < n && buf[qi + 1] === QUOTE) { parts = (parts ?? '') + buf.toString('utf8', seg, qi + 1); i = seg = qi + 2; continue; }
          const value = (parts ?? '') + buf.toString('utf8', seg, qi);
          for (let k = pos + 1; k < qi; k++) {
            const c = buf[k];
            if (c === LF) ln++;
            else if (c === CR && buf[k + 1] !== LF) ln++;
          }
          this.push(pos, qi + 1, value);
          pos = qi + 1;
          break;
        }
        if (pos >= n) {
          if (!final) return -1;
          this.nextLine = ln + 1;
          return n;
        }
        const c = buf[pos];
        if (c === d) {
          pos++;
          if (pos >= n) return this.afterDelimiterAtEnd(n, final, ln);
          continue;
        }
        if (c === LF || c === CR) return this.eol(buf, pos, n, final, ln);
        throw new DatastoreError('csv_syntax', { line: ln, reason: 'CSV_INVALID_CLOSING_QUOTE' });
      }
      // unquoted field: up to the delimiter or the end of the line
      let end = pos;
      let c = 0;
      while (end < n) {
        c = buf[end];
        if (c === d || c === LF || c === CR) break;
        end++;
      }
      if (end >= n) {
        if (!final) return -1;
        if (end - start > this.maxChars && charLength(buf, start, end) > this.maxChars) throw new DatastoreError('line_too_long', { line, max: this.maxChars });
        this.push(pos, end, undefined);
        this.nextLine = ln + 1;
        return n;
      }
      this.push(pos, end, undefined);
      if (c === d) {
        pos = end + 1;
        if (pos >= n) return this.afterDelimiterAtEnd(n, final, ln);
        continue;
      }
      if (end - start > this.maxChars && charLength(buf, start, end) > this.maxChars) throw new DatastoreError('line_too_long', { line, max: this.maxChars });
      return this.eol(buf, end, n, final, ln);
    }
  }

  /** A delimiter was the last byte: at the end of the input it opens one more, empty field. */
  private afterDelimiterAtEnd(n: number, final: boolean, ln: number): number {
    if (!final) return -1;
    this.push(n, n, undefined);
    this.nextLine = ln + 1;
    return n;
  }

  private eol(buf: Buffer, at: number, n: number, final: boolean, ln: number): number {
    this.nextLine = ln + 1;
    if (buf[at] === CR) {
      if (at + 1 < n) return buf[at + 1] === LF ? at + 2 : at + 1;
      return final ? at + 1 : -1;
    }
    return at + 1;
  }

  /** Whether cell k is empty after `trim()`. */
  trimEmpty(buf: Buffer, k: number): boolean {
    const q = this.quoted[k];
    if (q !== undefined) return q.trim() === '';
    const a = this.starts[k];
    const b = this.ends[k];
    for (let i = a; i < b; i++) {
      const c = buf[i];
      if (isAsciiSpace(c)) continue;
      if (c >= 0x80) return buf.toString('utf8', a, b).trim() === '';
      return false;
    }
    return true;
  }

  /** csv-reader's `isBlank`. */
  blank(buf: Buffer): boolean {
    if (this.quoted[0] === undefined && this.ends[0] > this.starts[0]) {
      const c = buf[this.starts[0]];
      if (c > 32 && c < 0x80) return false;
      if (c >= 0x80 && buf.toString('utf8', this.starts[0], this.ends[0]).charCodeAt(0) !== 160) return false;
    } else if (this.quoted[0] !== undefined) {
      const q = this.quoted[0];
      if (q.length && q.charCodeAt(0) > 32 && q.charCodeAt(0) !== 160) return false;
    }
    for (let k = 0; k < this.count; k++) if (!this.trimEmpty(buf, k)) return false;
    return true;
  }

  text(buf: Buffer, k: number): string {
    const q = this.quoted[k];
    return q !== undefined ? q : buf.toString('utf8', this.starts[k], this.ends[k]);
  }
}

/** Characters (not bytes) of UTF-8 text. */
function charLength(buf: Buffer, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) if ((buf[i] & 0xc0) !== 0x80) n += buf[i] >= 0xf0 ? 2 : 1;
  return n;
}

/** Output blocks of COPY text. */
class Out {
  buf = Buffer.allocUnsafe(OUT_BYTES);
  o = 0;
  ensure(need: number): Buffer | null {
    if (this.o + need <= this.buf.length) return null;
    const full = this.o ? this.buf.subarray(0, this.o) : null;
    this.buf = Buffer.allocUnsafe(Math.max(OUT_BYTES, need));
    this.o = 0;
    return full;
  }
  /** A positive integer's digits. */
  int(v: number): void {
    let digits = 1;
    for (let t = v; t >= 10; t = Math.floor(t / 10)) digits++;
    const buf = this.buf;
    let w = this.o + digits;
    this.o = w;
    let t = v;
    do { buf[--w] = 48 + (t % 10); t = Math.floor(t / 10); } while (t > 0);
  }
  /** A converted string value, escaped when it is text. */
  str(v: string, text: boolean): void {
    const s = text && /[\\\t\n\r]/.test(v) ? copyTextValue(v) : v;
    this.o += this.buf.write(s, this.o, 'utf8');
  }
}

/**
 * Rewrite plain number bytes [a, b) as canonical digits at out.o (csv-parse's scanNumber on bytes).
 * Returns false, writing nothing that counts, when the cell is not a plain number (the caller then
 * uses `convert`).
 */
function fastNumber(src: Buffer, a: number, b: number, f: Extract<FastConversion, { kind: 'number' }>, out: Out): boolean {
  if (f.percent && b > a && src[b - 1] === 37 /* % */) b--;
  if (b <= a) return false;
  let i = a;
  let neg = false;
  let c = src[i];
  if (c === 45 || c === 43) { neg = c === 45; i++; }
  const group = f.groupCode;
  const dec = f.decCode;
  let groups = false;
  let cur = 0;
  let digits = 0;
  const intStart = i;
  for (; i < b; i++) {
    c = src[i];
    if (c >= 48 && c <= 57) { cur++; digits++; continue; }
    if (c === group) {
      if (cur === 0 || (groups ? cur !== 3 : cur > 3)) return false;
      groups = true;
      cur = 0;
      continue;
    }
    if (c === dec) break;
    return false;
  }
  if (digits === 0 || (groups && cur !== 3) || digits > 17) return false;
  const intEnd = i;
  let fe = b;
  let fs = b;
  if (i < b) {
    fs = i + 1;
    if (fs >= b) return false;
    for (let k = fs; k < b; k++) { const x = src[k]; if (x < 48 || x > 57) return false; }
    while (fe > fs && src[fe - 1] === 48) fe--;
    if (f.integer && fe > fs) return false;
  }
  // leading zeros of the integer part (keep one digit)
  let z = intStart;
  for (;;) {
    while (z < intEnd && src[z] === group) z++;
    if (z >= intEnd - 1 || src[z] !== 48) break;
    let nx = z + 1;
    while (nx < intEnd && src[nx] === group) nx++;
    if (nx >= intEnd) break;
    z = nx;
  }
  const buf = out.buf;
  let o = out.o;
  const zero = fe === fs && intEnd - z === 1 && src[z] === 48;
  if (neg && !zero) buf[o++] = 45;
  for (let k = z; k < intEnd; k++) { const x = src[k]; if (x !== group) buf[o++] = x; }
  if (fe > fs) {
    buf[o++] = 46;
    for (let k = fs; k < fe; k++) buf[o++] = src[k];
  }
  out.o = o;
  return true;
}

/**
 * Answers of `convert` (a pure function of the cell) for a field whose values repeat (dates, region
 * codes, categories), keyed by the cell's bytes: no string is made for a cell seen before. Entries
 * hold the COPY bytes to write, or the rejection. A field whose values rarely repeat switches its
 * memo off after a trial.
 */
class ByteMemo {
  private static readonly SLOTS = 1 << 17;
  private static readonly MAX = 50_000;
  /** Open addressing: entry number + 1, or 0. */
  private slots = new Int32Array(ByteMemo.SLOTS);
  private hashOf = new Int32Array(ByteMemo.MAX);
  private keyAt = new Int32Array(ByteMemo.MAX);
  private keyLen = new Int32Array(ByteMemo.MAX);
  /** Bytes to write; -1: rejected (see `bad`). */
  private outLen = new Int32Array(ByteMemo.MAX);
  private bad: Array<BadCell | null> = [];
  /** Keys and outputs, back to back. */
  arena = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private count = 0;
  lookups = 0;
  hits = 0;
  /** After 20,000 lookups: keep it only if at least half were hits. */
  get useful(): boolean {
    return this.lookups < 20_000 || this.hits * 2 >= this.lookups;
  }
  static hash(buf: Buffer, a: number, b: number): number {
    let h = 0x811c9dc5;
    for (let i = a; i < b; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    return h | 0;
  }
  /** Entry number, or -1. */
  find(h: number, buf: Buffer, a: number, b: number): number {
    this.lookups++;
    const mask = ByteMemo.SLOTS - 1;
    const len = b - a;
    const arena = this.arena;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e1 = this.slots[s];
      if (e1 === 0) return -1;
      const e = e1 - 1;
      if (this.hashOf[e] !== h || this.keyLen[e] !== len) continue;
      const k = this.keyAt[e];
      let i = 0;
      while (i < len && arena[k + i] === buf[a + i]) i++;
      if (i === len) { this.hits++; return e; }
    }
  }
  /** Where entry e's output starts in `arena`, and its length (-1: rejected). */
  outAt(e: number): number { return this.keyAt[e] + this.keyLen[e]; }
  outLength(e: number): number { return this.outLen[e]; }
  rejection(e: number): BadCell { return this.bad[e]!; }
  add(h: number, buf: Buffer, a: number, b: number, out: Buffer | null, bad: BadCell | null): void {
    if (this.count >= ByteMemo.MAX) { this.slots.fill(0); this.count = 0; this.used = 0; this.bad.length = 0; }
    const len = b - a;
    const need = len + (out ? out.length : 0);
    if (this.used + need > this.arena.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.used + need));
      this.arena.copy(grown, 0, 0, this.used);
      this.arena = grown;
    }
    const e = this.count++;
    this.hashOf[e] = h;
    this.keyAt[e] = this.used;
    this.keyLen[e] = len;
    buf.copy(this.arena, this.used, a, b);
    this.used += len;
    if (out) { out.copy(this.arena, this.used); this.used += out.length; this.outLen[e] = out.length; } else this.outLen[e] = -1;
    this.bad[e] = bad;
    const mask = ByteMemo.SLOTS - 1;
    let s = h & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = e + 1;
  }
}

/**
 * Stream the file as COPY text blocks (`_id` 1, 2, … first), validating every row into the
 * validator's report. Iterate to the end; throws DatastoreError as the string pipeline would.
 */
export async function* copyLane(input: CopyLaneInput, validator: RowValidator): AsyncGenerator<{ text: Buffer; rows: number }> {
  const { limits, width, order } = input;
  const fields: readonly CompiledField[] = validator.fields;
  const nf = fields.length;
  const fastOf = fields.map((f) => f.fast);
  const memoOf = fields.map((f) => (f.fast === null ? new ByteMemo() : null));
  const NULL_OUT = Buffer.from('\\N');
  const report = validator.report;
  const rec = new Records(input.delimiter.charCodeAt(0), limits.maxRecordChars);
  const out = new Out();
  const stats = { rows: 0, ragged: 0, raggedRows: [] as RaggedRow[] };
  let headerSeen = false;
  let line = 1;
  let id = 0;
  let blockRows = 0;
  let offset = 0;

  const fd = await fs.promises.open(input.path, 'r');
  let carry: Buffer = Buffer.alloc(0);
  let filePos = input.bomLength;
  let utf8Tail: Buffer = Buffer.alloc(0);
  try {
    for (;;) {
      const size = input.readBytes ?? READ_BYTES;
      const chunk = Buffer.allocUnsafe(size);
      const { bytesRead } = await fd.read(chunk, 0, size, filePos);
      filePos += bytesRead;
      const final = bytesRead === 0;
      let fresh = chunk.subarray(0, bytesRead);
      // UTF-8 validity, as csv-reader's ChunkDecoder checks it (a character may straddle reads)
      if (utf8Tail.length) fresh = Buffer.concat([utf8Tail, fresh]);
      let cut = fresh.length;
      if (!final) {
        for (let k = 1; k <= 3 && k <= fresh.length; k++) {
          const b = fresh[fresh.length - k];
          if ((b & 0xc0) === 0x80) continue;
          if (b >= 0xc0) { const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2; if (len > k) cut = fresh.length - k; }
          break;
        }
      }
      const whole = fresh.subarray(0, cut);
      utf8Tail = Buffer.from(fresh.subarray(cut));
      if (!isUtf8(whole)) throw new DatastoreError('encoding_mismatch', { offset: offset + Math.max(0, utf8ErrorAt(whole)) });
      offset += whole.length;
      const buf = carry.length ? Buffer.concat([carry, whole]) : whole;
      const n = buf.length;
      let pos = 0;
      while (pos < n) {
        const c0 = buf[pos];
        if (c0 === LF) { pos++; line++; continue; }
        if (c0 === CR) {
          if (pos + 1 < n) { pos += buf[pos + 1] === LF ? 2 : 1; line++; continue; }
          if (!final) break;
          pos++; line++; continue;
        }
        const next = rec.parse(buf, pos, n, final, line);
        if (next < 0) break;
        const recLine = line;
        line = rec.nextLine;
        pos = next;
        if (rec.blank(buf)) continue;
        if (!headerSeen) { headerSeen = true; continue; }
        let len = rec.count;
        while (len > width && rec.trimEmpty(buf, len - 1)) len--;
        stats.rows++;
        if (stats.rows > limits.maxRows) throw new DatastoreError('too_many_rows', { max: limits.maxRows });
        if (len !== width) {
          stats.ragged++;
          if (stats.raggedRows.length < limits.maxReported) stats.raggedRows.push({ row: stats.rows, line: recLine, expected: width, found: len });
          continue;
        }
        // one row: at most 2 bytes out per byte in (escapes), plus _id and separators
        const need = 2 * (rec.ends[len - 1] - rec.starts[0]) + 24 + 4 * nf;
        const full = out.ensure(need);
        if (full) { yield { text: full, rows: blockRows }; blockRows = 0; }
        report.rowCount++;
        const rowStart = out.o;
        out.int(id + 1);
        let bad = false;
        const o = out;
        for (let i = 0; i < nf; i++) {
          const k = order[i];
          o.buf[o.o++] = TAB;
          const f = fastOf[i];
          if (f !== null && rec.quoted[k] === undefined) {
            const a = rec.starts[k];
            const b = rec.ends[k];
            if (f.kind === 'text') {
              if (b - a > f.maxMissingBytes) {
                const first = buf[a];
                const last = buf[b - 1];
                if (first > 32 && first < 0x80 && last > 32 && last < 0x80) {
                  const ob = o.buf;
                  let w = o.o;
                  for (let x = a; x < b; x++) {
                    const ch = buf[x];
                    if (ch === BACKSLASH) { ob[w++] = BACKSLASH; ob[w++] = BACKSLASH; }
                    else if (ch === TAB) { ob[w++] = BACKSLASH; ob[w++] = 116; }
                    else ob[w++] = ch;
                  }
                  o.o = w;
                  continue;
                }
              }
            } else if (b > a) {
              const mark = o.o;
              if (fastNumber(buf, a, b, f, o)) continue;
              o.o = mark;
            }
          }
          let memo = memoOf[i];
          if (memo !== null && !memo.useful) memo = memoOf[i] = null;
          let h = 0;
          if (memo !== null && rec.quoted[k] === undefined) {
            const a = rec.starts[k];
            const b = rec.ends[k];
            h = ByteMemo.hash(buf, a, b);
            const e = memo.find(h, buf, a, b);
            if (e >= 0) {
              const len = memo.outLength(e);
              if (len >= 0) {
                const ob = o.buf;
                const ar = memo.arena;
                let w = o.o;
                for (let x = memo.outAt(e), end = x + len; x < end; x++) ob[w++] = ar[x];
                o.o = w;
                continue;
              }
              bad = true;
              validator.reject(stats.rows, recLine, i, rec.text(buf, k), memo.rejection(e));
              continue;
            }
          }
          const cell = rec.text(buf, k);
          const v = fields[i].convert(cell);
          if (memo !== null && rec.quoted[k] === undefined) {
            const out = v === null ? NULL_OUT : typeof v === 'string' ? Buffer.from(fields[i].text ? copyTextValue(v) : v) : null;
            memo.add(h, buf, rec.starts[k], rec.ends[k], out, out === null ? (v as BadCell) : null);
          }
          if (v === null) { o.buf[o.o++] = BACKSLASH; o.buf[o.o++] = 78; continue; }
          if (typeof v === 'string') {
            if (o.o + 2 * Buffer.byteLength(v) + 8 > o.buf.length) {
              // a converted value longer than its cell (rare): grow the block, keeping this row
              const grown = Buffer.allocUnsafe(Math.max(o.buf.length * 2, o.o + 2 * Buffer.byteLength(v) + need));
              o.buf.copy(grown, 0, 0, o.o);
              o.buf = grown;
            }
            o.str(v, fields[i].text);
            continue;
          }
          bad = true;
          validator.reject(stats.rows, recLine, i, cell, v);
        }
        if (bad) { out.o = rowStart; continue; }
        out.buf[out.o++] = LF;
        id++;
        blockRows++;
        report.validRowCount++;
      }
      carry = pos < n ? Buffer.from(buf.subarray(pos)) : Buffer.alloc(0);
      if (carry.length > limits.maxRecordChars && charLength(carry, 0, carry.length) > limits.maxRecordChars) {
        throw new DatastoreError('line_too_long', { line, max: limits.maxRecordChars });
      }
      if (final) break;
    }
    if (blockRows || out.o) yield { text: out.buf.subarray(0, out.o), rows: blockRows };
    if (stats.ragged > 0) {
      const first = stats.raggedRows[0];
      throw new DatastoreError('ragged_rows', { count: stats.ragged, line: first.line, expected: first.expected, found: first.found }, stats.raggedRows);
    }
    if (!headerSeen) throw new DatastoreError('empty_file');
    if (stats.rows === 0) throw new DatastoreError('no_data_rows');
  } finally {
    await fd.close();
  }
}
