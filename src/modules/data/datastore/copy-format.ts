/**
 * PostgreSQL `COPY ... FROM STDIN` text format: tab-separated, `\N` for NULL, backslash escapes.
 */

/** Escape one value for COPY text format. */
export function copyTextValue(v: string | null): string {
  if (v === null) return '\\N';
  // fast path: nothing to escape
  if (!/[\\\t\n\r]/.test(v)) return v;
  return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** One COPY text line (with trailing newline) from typed values. */
export function copyTextLine(values: Array<string | null>): string {
  let s = '';
  for (let i = 0; i < values.length; i++) {
    if (i) s += '\t';
    s += copyTextValue(values[i]);
  }
  return s + '\n';
}

/** Quote an identifier for SQL. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
