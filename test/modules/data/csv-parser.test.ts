import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { CsvRecordParser } from '../../../src/modules/data/datastore/csv-parser.ts';
import { DatastoreError } from '../../../src/modules/data/datastore/datastore-error.ts';

/** Parse `text` fed in the given chunk sizes (cycling), as the reader does with file chunks. */
function parseChunked(text: string, delimiter = ',', sizes: number[] = [text.length || 1], max = 1_000_000) {
  const p = new CsvRecordParser(delimiter, max);
  const out: Array<{ line: number; cells: string[] }> = [];
  let pos = 0;
  let k = 0;
  while (pos < text.length) {
    const n = sizes[k++ % sizes.length];
    for (const r of p.push(text.slice(pos, pos + n))) out.push({ line: r.line, cells: r.cells });
    pos += n;
  }
  for (const r of p.push('', true)) out.push({ line: r.line, cells: r.cells });
  return out;
}

function code(fn: () => unknown): string {
  try { fn(); } catch (e) { assert.ok(e instanceof DatastoreError, String(e)); return `${e.code}:${JSON.stringify(e.params)}`; }
  return 'no error';
}

test('quoted fields: delimiters, doubled quotes, newlines; line numbers are where records start', () => {
  const text = 'a,b,c\n"x, y","say ""hi""",3\n"multi\nline",2,\n\nlast,"",z';
  const rows = parseChunked(text);
  assert.deepEqual(rows, [
    { line: 1, cells: ['a', 'b', 'c'] },
    { line: 2, cells: ['x, y', 'say "hi"', '3'] },
    { line: 3, cells: ['multi\nline', '2', ''] },
    { line: 6, cells: ['last', '', 'z'] },
  ]);
});

test('CRLF, lone CR and LF line endings, also when a CR ends one chunk and its LF starts the next', () => {
  const text = 'a;b\r\n1;2\r\n3;4\r5;6\n7;8';
  const expected = [['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6'], ['7', '8']];
  for (const sizes of [[text.length], [1], [2], [3], [4, 1], [5]]) {
    assert.deepEqual(parseChunked(text, ';', sizes).map((r) => r.cells), expected, `chunks ${sizes}`);
  }
  assert.deepEqual(parseChunked(text, ';', [1]).map((r) => r.line), [1, 2, 3, 4, 5]);
});

test('a quote inside an unquoted field is an ordinary character', () => {
  assert.deepEqual(parseChunked('nama,ukuran\nPapan 5",12\n').map((r) => r.cells), [['nama', 'ukuran'], ['Papan 5"', '12']]);
});

test('malformed quoting is a csv_syntax error naming the line', () => {
  assert.equal(code(() => parseChunked('a,b\n"abc"x,2\n')), 'csv_syntax:{"line":2,"reason":"CSV_INVALID_CLOSING_QUOTE"}');
  assert.equal(code(() => parseChunked('a,b\n1,2\n"never closed,3\n')), 'csv_syntax:{"line":3,"reason":"CSV_QUOTE_NOT_CLOSED"}');
});

test('an over-long record fails while streaming, quoted or not', () => {
  assert.match(code(() => parseChunked('a\n' + 'x'.repeat(5000), ',', [100], 1000)), /^line_too_long:\{"line":2/);
  assert.match(code(() => parseChunked('a\n"' + 'x'.repeat(5000) + '"\n', ',', [100], 1000)), /^line_too_long:\{"line":2/);
});

test('random CSV: the same records as csv-parse, whatever the chunking', () => {
  let seed = 42;
  const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
  const pieces = ['a', 'Bima', '1.053,92', ' ', '', 'é', '—', '"', ';', ',', '\n', '\r\n', 'x"y'];
  for (let round = 0; round < 200; round++) {
    const delimiter = rnd() < 0.5 ? ',' : ';';
    const lines: string[] = [];
    const width = 1 + Math.floor(rnd() * 4);
    for (let l = 0; l < 1 + Math.floor(rnd() * 6); l++) {
      const cells: string[] = [];
      for (let c = 0; c < width; c++) {
        let v = '';
        for (let k = 0; k < Math.floor(rnd() * 4); k++) v += pieces[Math.floor(rnd() * pieces.length)];
        const needsQuotes = v.includes('"') || v.includes(delimiter) || v.includes('\n') || v.includes('\r');
        cells.push(needsQuotes ? `"${v.replace(/"/g, '""')}"` : v);
      }
      lines.push(cells.join(delimiter));
    }
    // one line ending per file (csv-parse fixes the record delimiter from the first one it sees)
    const eol = rnd() < 0.5 ? '\n' : '\r\n';
    const text = lines.join(eol) + (rnd() < 0.5 ? eol : '');
    const reference = (parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: false }) as string[][]);
    const sizes = [1 + Math.floor(rnd() * 7), 1 + Math.floor(rnd() * 13)];
    assert.deepEqual(parseChunked(text, delimiter, sizes).map((r) => r.cells), reference, JSON.stringify({ text, sizes }));
  }
});

test('a one-column file (no delimiter anywhere) parses in linear time', () => {
  const text = 'nama\n' + 'Lombok Barat\n'.repeat(200_000);
  const t = Date.now();
  const rows = parseChunked(text, ';', [48 * 1024]);
  assert.equal(rows.length, 200_001);
  assert.ok(Date.now() - t < 2000, `took ${Date.now() - t} ms`);
});
