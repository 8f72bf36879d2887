/**
 * CSV dialect sniffing: which of comma, semicolon, tab or pipe separates the fields.
 * Indonesian Excel installations write `;` (the comma is the decimal separator), "Unicode text"
 * exports use tab, and some legacy systems use `|`.
 */
export type Delimiter = ',' | ';' | '\t' | '|';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

export interface Dialect {
  delimiter: Delimiter;
  quote: '"';
  /** 0..1: share of sampled lines that agree on the field count. */
  confidence: number;
}

/** Split a sample into logical lines, honouring quoted newlines; the last (possibly partial) line is dropped when `truncated`. */
function sampleLines(text: string, truncated: boolean, maxLines: number): string[] {
  const lines: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length && lines.length < maxLines; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) {
      const line = text.slice(start, i);
      if (line.trim() !== '') lines.push(line);
      if (c === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  if (lines.length < maxLines && !truncated) {
    const rest = text.slice(start);
    if (rest.trim() !== '') lines.push(rest);
  }
  if (lines.length === 0 && text.trim() !== '') lines.push(text.slice(start)); // one (long) partial line
  return lines;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && c === d) n++;
  }
  return n;
}

/**
 * Guess the delimiter from a decoded sample. The winner is the candidate whose per-line count is
 * most consistent (and non-zero); ties go to the larger count, then to the order of DELIMITERS.
 */
export function sniffDialect(text: string, opts: { truncated?: boolean; maxLines?: number } = {}): Dialect {
  const lines = sampleLines(text, opts.truncated ?? false, opts.maxLines ?? 100);
  let best: Dialect = { delimiter: ',', quote: '"', confidence: 0 };
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 0;
    let modeFreq = 0;
    for (const [c, f] of freq) if (c > 0 && (f > modeFreq || (f === modeFreq && c > mode))) { mode = c; modeFreq = f; }
    if (mode === 0) continue;
    const confidence = modeFreq / lines.length;
    if (confidence > best.confidence || (confidence === best.confidence && mode > bestCount)) {
      best = { delimiter: d, quote: '"', confidence };
      bestCount = mode;
    }
  }
  return best;
}
