/**
 * Incremental CSV record parser over decoded text chunks (RFC 4180 with the leniency of spreadsheet
 * exports). Built for the datastore's hot path: a record without quotes is cut with `indexOf` and
 * `split`, so the parser runs at memory speed; records with quotes go through a small state machine
 * that may span lines and chunks.
 *
 * Semantics (the same the datastore had with csv-parse and its options relax_column_count,
 * relax_quotes, skip_empty_lines, max_record_size):
 * - a field that starts with `"` is quoted: `""` inside is one quote, newlines and delimiters are
 *   data; after the closing quote only a delimiter or the end of the record may follow
 *   (otherwise `CSV_INVALID_CLOSING_QUOTE`);
 * - a quote inside an unquoted field is an ordinary character;
 * - records end at LF, CRLF, or lone CR (old Mac exports);
 * - empty lines are skipped (still counted for line numbers);
 * - a record longer than `maxRecordChars` fails with `line_too_long` as soon as that many characters
 *   are buffered, without waiting for the end of the line;
 * - an unterminated quoted field at the end of the input fails with `CSV_QUOTE_NOT_CLOSED`.
 * `line` is the 1-based line where the record starts.
 */
import { DatastoreError } from './datastore-error.ts';

/** A record; shaped as the reader's DataRow (`row` is filled in by the reader) to spare an object per row. */
export interface CsvRecord { row: number; line: number; cells: string[] }

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

export class CsvRecordParser {
  private readonly delim: string;
  private readonly delimCode: number;
  private readonly maxRecordChars: number;
  private carry = '';
  /** Line number of the first character of `carry`. */
  private line = 1;
  /** A CR ended the previous chunk: a LF starting the next one belongs to it. */
  private pendingCr = false;

  constructor(delimiter: string, maxRecordChars: number) {
    this.delim = delimiter;
    this.delimCode = delimiter.charCodeAt(0);
    this.maxRecordChars = maxRecordChars;
  }

  /** Feed a chunk of text; returns the records it completes. Pass `final` with the last chunk (may be ''). */
  push(chunk: string, final = false): CsvRecord[] {
    let text = chunk;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (text.charCodeAt(0) === LF) text = text.slice(1);
    }
    text = this.carry ? this.carry + text : text;
    this.carry = '';
    const out: CsvRecord[] = [];
    const n = text.length;
    let pos = 0;
    let line = this.line;
    // Next CR and next quote at or after `pos`, searched again only once passed (n = none): without
    // this, files with no CR or no quote would rescan the rest of the chunk on every line.
    let nextCr = -1;
    let nextQ = -1;
    let nextD = -1;
    while (pos < n) {
      const c0 = text.charCodeAt(pos);
      // empty line
      if (c0 === LF) { pos++; line++; continue; }
      if (c0 === CR) {
        if (pos + 1 < n) { pos += text.charCodeAt(pos + 1) === LF ? 2 : 1; line++; continue; }
        if (!final) { this.pendingCr = true; pos++; line++; continue; }
        pos++; line++; continue;
      }
      // end of this record's first physical line
      let nl = text.indexOf('\n', pos);
      if (nextCr < pos) { nextCr = text.indexOf('\r', pos); if (nextCr < 0) nextCr = n; }
      if (nextCr < n && (nl < 0 || nextCr < nl)) nl = nextCr;
      const lineEnd = nl < 0 ? n : nl;
      if (nextQ < pos) { nextQ = text.indexOf('"', pos); if (nextQ < 0) nextQ = n; }
      if (nextQ >= lineEnd) {
        // fast path: no quote on this line
        if (nl < 0 && !final) break; // incomplete line: wait for more
        if (lineEnd - pos > this.maxRecordChars) throw new DatastoreError('line_too_long', { line, max: this.maxRecordChars });
        // fields cut straight from the chunk (no intermediate line string; faster than slice + split)
        const cells: string[] = [];
        const delim = this.delim;
        let a = pos;
        for (;;) {
          if (nextD < a) { nextD = text.indexOf(delim, a); if (nextD < 0) nextD = n; }
          if (nextD >= lineEnd) { cells.push(text.slice(a, lineEnd)); break; }
          cells.push(text.slice(a, nextD));
          a = nextD + 1;
        }
        out.push({ row: 0, line, cells });
        pos = this.skipEol(text, lineEnd, final);
        line++;
        if (pos < 0) { pos = n; this.pendingCr = true; }
        continue;
      }
      // slow path: quoted fields, possibly spanning lines
      const r = this.parseQuoted(text, pos, line, final);
      if (!r) break; // incomplete: wait for more
      out.push({ row: 0, line, cells: r.fields });
      line = r.line;
      pos = r.pos;
      if (pos < 0) { pos = n; this.pendingCr = true; }
    }
    if (pos < n) {
      this.carry = text.slice(pos);
      if (this.carry.length > this.maxRecordChars) throw new DatastoreError('line_too_long', { line, max: this.maxRecordChars });
    }
    this.line = line;
    return out;
  }

  /** Position after the end-of-line at `at` (LF, CRLF or CR); -1 when a CR ends the chunk (LF may follow). */
  private skipEol(text: string, at: number, final: boolean): number {
    if (at >= text.length) return text.length;
    if (text.charCodeAt(at) === CR) {
      if (at + 1 < text.length) return text.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
      return final ? at + 1 : -1;
    }
    return at + 1;
  }

  private parseQuoted(text: string, start: number, startLine: number, final: boolean): { fields: string[]; pos: number; line: number } | null {
    const fields: string[] = [];
    const n = text.length;
    const d = this.delimCode;
    let pos = start;
    let line = startLine;
    for (;;) {
      if (pos - start > this.maxRecordChars) throw new DatastoreError('line_too_long', { line: startLine, max: this.maxRecordChars });
      if (pos < n && text.charCodeAt(pos) === QUOTE) {
        // quoted field
        let value = '';
        let seg = pos + 1;
        let i = seg;
        for (;;) {
          const qi = text.indexOf('"', i);
          if (qi < 0) {
            if (!final) return null;
            throw new DatastoreError('csv_syntax', { line: startLine, reason: 'CSV_QUOTE_NOT_CLOSED' });
          }
          if (qi + 1 >= n && !final) return null; // need the next char to know whether it is "" or the end
          if (text.charCodeAt(qi + 1) === QUOTE) { value += text.slice(seg, qi + 1); i = seg = qi + 2; continue; }
          value += text.slice(seg, qi);
          pos = qi + 1;
          break;
        }
        for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) line++;
        if (value.indexOf('\r') >= 0) line += (value.match(/\r(?!\n)/g) ?? []).length;
        fields.push(value);
        if (pos >= n) {
          if (!final) return null;
          return { fields, pos: n, line: line + 1 };
        }
        const c = text.charCodeAt(pos);
        if (c === d) { pos++; if (pos >= n && !final) return null; if (pos >= n) { fields.push(''); return { fields, pos: n, line: line + 1 }; } continue; }
        if (c === LF || c === CR) {
          const next = this.skipEol(text, pos, final);
          return { fields, pos: next, line: line + 1 };
        }
        throw new DatastoreError('csv_syntax', { line, reason: 'CSV_INVALID_CLOSING_QUOTE' });
      }
      // unquoted field: up to the delimiter or the end of the line
      let end = pos;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === d || c === LF || c === CR) break;
        end++;
      }
      if (end >= n && !final) return null;
      fields.push(text.slice(pos, end));
      if (end >= n) return { fields, pos: n, line: line + 1 };
      const c = text.charCodeAt(end);
      if (c === d) {
        pos = end + 1;
        if (pos >= n) { if (!final) return null; fields.push(''); return { fields, pos: n, line: line + 1 }; }
        continue;
      }
      return { fields, pos: this.skipEol(text, end, final), line: line + 1 };
    }
  }
}
