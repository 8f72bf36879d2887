/**
 * The read-only guard of datastore_search_sql. A query is accepted only when it is one SELECT (or WITH …
 * SELECT) whose every FROM/JOIN target is a datastore resource (named, as in CKAN, by its resource id in
 * double quotes, or a CTE name / sub-select) and whose every function call is on an allow-list of pure
 * functions. The accepted query is rewritten with the resources' real table names. At execution it runs
 * inside a READ ONLY transaction with a statement_timeout and a row cap — the guard is the first line, the
 * read-only transaction the second.
 */

export type SqlTok = { t: 'ident' | 'qident' | 'str' | 'num' | 'op' | 'lp' | 'rp' | 'comma' | 'semi' | 'dot' | 'param'; v: string };

export class SqlGuardError extends Error {}

export function tokenizeSql(sql: string): SqlTok[] {
  const out: SqlTok[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && sql[i + 1] === '-') { const e = sql.indexOf('\n', i); i = e < 0 ? sql.length : e + 1; continue; }
    if (c === '/' && sql[i + 1] === '*') { const e = sql.indexOf('*/', i + 2); if (e < 0) throw new SqlGuardError('unterminated comment'); i = e + 2; continue; }
    if (c === "'" || ((c === 'E' || c === 'e') && sql[i + 1] === "'")) {
      let j = c === "'" ? i + 1 : i + 2; let v = '';
      for (;;) {
        if (j >= sql.length) throw new SqlGuardError('unterminated string');
        if (sql[j] === "'" && sql[j + 1] === "'") { v += "'"; j += 2; continue; }
        if (sql[j] === "'") break;
        if (c !== "'" && sql[j] === '\\') { v += sql[j] + sql[j + 1]; j += 2; continue; }
        v += sql[j]; j++;
      }
      out.push({ t: 'str', v }); i = j + 1; continue;
    }
    if (c === '$') {
      const m = /^\$(\w*)\$/.exec(sql.slice(i));
      if (m) throw new SqlGuardError('dollar quoting is not allowed');
      const pm = /^\$\d+/.exec(sql.slice(i));
      if (pm) throw new SqlGuardError('parameters are not allowed');
    }
    if (c === '"') {
      let j = i + 1; let v = '';
      for (;;) {
        if (j >= sql.length) throw new SqlGuardError('unterminated identifier');
        if (sql[j] === '"' && sql[j + 1] === '"') { v += '"'; j += 2; continue; }
        if (sql[j] === '"') break;
        v += sql[j]; j++;
      }
      out.push({ t: 'qident', v }); i = j + 1; continue;
    }
    if (/[A-Za-z_]/.test(c)) { const m = /^[A-Za-z_][\w$]*/.exec(sql.slice(i))!; out.push({ t: 'ident', v: m[0].toLowerCase() }); i += m[0].length; continue; }
    if (/\d/.test(c) || (c === '.' && /\d/.test(sql[i + 1] ?? ''))) { const m = /^\d*\.?\d+(e[+-]?\d+)?/i.exec(sql.slice(i))!; out.push({ t: 'num', v: m[0] }); i += m[0].length; continue; }
    if (c === '(') { out.push({ t: 'lp', v: c }); i++; continue; }
    if (c === ')') { out.push({ t: 'rp', v: c }); i++; continue; }
    if (c === ',') { out.push({ t: 'comma', v: c }); i++; continue; }
    if (c === ';') { out.push({ t: 'semi', v: c }); i++; continue; }
    if (c === '.') { out.push({ t: 'dot', v: c }); i++; continue; }
    const m = /^(::|<=|>=|<>|!=|\|\||[-+*/%<>=~!^|&#@?:\[\]])/.exec(sql.slice(i));
    if (!m) throw new SqlGuardError(`unexpected character ${c}`);
    out.push({ t: 'op', v: m[0] }); i += m[0].length;
  }
  return out;
}

const FORBIDDEN_WORDS = new Set([
  'insert', 'update', 'delete', 'merge', 'drop', 'alter', 'create', 'grant', 'revoke', 'truncate', 'copy', 'into',
  'lock', 'vacuum', 'cluster', 'reindex', 'call', 'execute', 'prepare', 'listen', 'notify',
  'set', 'reset', 'refresh', 'tablesample', 'lateral',
]);
/** Functions that only compute (no I/O, no side effects, no catalogue access). */
export const ALLOWED_FUNCTIONS = new Set([
  'count', 'sum', 'avg', 'min', 'max', 'stddev', 'stddev_pop', 'stddev_samp', 'variance', 'var_pop', 'var_samp',
  'string_agg', 'array_agg', 'bool_and', 'bool_or', 'every', 'percentile_cont', 'percentile_disc', 'mode', 'corr',
  'row_number', 'rank', 'dense_rank', 'ntile', 'lag', 'lead', 'first_value', 'last_value', 'nth_value', 'percent_rank', 'cume_dist',
  'coalesce', 'nullif', 'greatest', 'least', 'abs', 'round', 'trunc', 'floor', 'ceil', 'ceiling', 'sqrt', 'power', 'mod', 'ln', 'log', 'exp', 'sign',
  'lower', 'upper', 'length', 'char_length', 'substring', 'substr', 'trim', 'btrim', 'ltrim', 'rtrim', 'replace', 'concat', 'concat_ws',
  'left', 'right', 'position', 'strpos', 'split_part', 'lpad', 'rpad', 'initcap', 'to_char', 'to_number', 'to_date', 'to_timestamp',
  'date_trunc', 'date_part', 'extract', 'age', 'make_date', 'cast', 'unaccent', 'regexp_replace', 'regexp_match', 'starts_with',
  'json_build_object', 'jsonb_build_object', 'json_agg', 'jsonb_agg', 'filter', 'over', 'in', 'exists', 'any', 'all', 'values',
  'numeric', 'int', 'integer', 'bigint', 'text', 'date', 'timestamp', 'float8', 'real', 'varchar', 'boolean', 'double', 'decimal',
  'case', 'nullif', 'within', 'and', 'or', 'not', 'select', 'using', 'on', 'where', 'having', 'when', 'then', 'else', 'end', 'as', 'is',
]);
/** Keywords that may stand before "(" without being a function call. */
const PAREN_KEYWORDS = new Set(['from', 'join', 'by', 'union', 'intersect', 'except', 'distinct', 'between', 'like', 'ilike', 'with', 'limit', 'offset', 'recursive', 'materialized']);
const CLAUSE_END = new Set(['where', 'group', 'order', 'limit', 'offset', 'having', 'union', 'intersect', 'except', 'window', 'on', 'using',
  'join', 'inner', 'left', 'right', 'full', 'cross', 'natural', 'fetch', 'for']);

export interface GuardResult {
  /** The query with resource references replaced by their datastore tables. */
  sql: string;
  /** Resource ids the query reads. */
  resources: string[];
}

/**
 * Checks a datastore_search_sql query. `tables` maps a resource id to its qualified datastore table
 * (already quoted, e.g. `datastore."t_abc"`); unknown resources are refused.
 */
export function guardSql(sql: string, tables: (resourceId: string) => string | null): GuardResult {
  const toks = tokenizeSql(sql);
  while (toks.length && toks[toks.length - 1].t === 'semi') toks.pop();
  if (!toks.length) throw new SqlGuardError('empty query');
  if (toks.some((t) => t.t === 'semi')) throw new SqlGuardError('only one statement is allowed');
  if (!(toks[0].t === 'ident' && (toks[0].v === 'select' || toks[0].v === 'with')) && toks[0].t !== 'lp') throw new SqlGuardError('only SELECT queries are allowed');
  const ctes = new Set<string>();
  // collect CTE names: WITH name AS ( … ), name2 AS (…)
  if (toks[0].v === 'with') {
    for (let k = 1; k < toks.length; k++) {
      const tk = toks[k];
      if ((tk.t === 'ident' || tk.t === 'qident') && toks[k + 1]?.t === 'ident' && toks[k + 1].v === 'as' && toks[k + 2]?.t === 'lp') ctes.add(tk.v);
    }
  }
  for (const [k, tk] of toks.entries()) {
    if (tk.t === 'ident' && FORBIDDEN_WORDS.has(tk.v)) {
      // "for update/share" locks; "into" creates tables; "set" only as a word
      throw new SqlGuardError(`"${tk.v.toUpperCase()}" is not allowed`);
    }
    if (tk.t === 'ident' && (tk.v.startsWith('pg_') || tk.v === 'information_schema' || tk.v === 'current_setting' || tk.v === 'set_config')) throw new SqlGuardError(`"${tk.v}" is not allowed`);
    if (tk.t === 'qident' && (tk.v.startsWith('pg_') || tk.v === 'information_schema')) throw new SqlGuardError(`"${tk.v}" is not allowed`);
    if (tk.t === 'dot' && toks[k + 1]?.t === 'lp') throw new SqlGuardError('qualified function calls are not allowed');
    if (tk.t === 'lp' && k > 0 && (toks[k - 1].t === 'ident' || toks[k - 1].t === 'qident')) {
      const name = toks[k - 1].v;
      const isCte = ctes.has(name) && toks[k - 2]?.t !== 'dot';
      if (toks[k - 1].t === 'qident' && !isCte) throw new SqlGuardError(`function "${name}" is not allowed`);
      if (toks[k - 1].t === 'ident' && !ALLOWED_FUNCTIONS.has(name) && !PAREN_KEYWORDS.has(name) && !isCte) throw new SqlGuardError(`function "${name}" is not allowed`);
    }
  }
  // FROM / JOIN targets. Track "function call" parens, where FROM is a keyword argument (extract, substring, trim).
  const resources: string[] = [];
  const replace = new Map<number, string>();
  const stack: Array<'call' | 'group'> = [];
  const expectTable = (k: number): number => {
    for (;;) {
      const tk = toks[k];
      if (!tk) throw new SqlGuardError('missing table after FROM');
      if (tk.t === 'lp') return k; // sub-select: checked as the walk continues
      if (toks[k + 1]?.t === 'dot') throw new SqlGuardError('schema-qualified tables are not allowed');
      if (tk.t === 'qident' || tk.t === 'ident') {
        if (ctes.has(tk.v)) { /* CTE */ }
        else {
          const table = tables(tk.v);
          if (!table) throw new SqlGuardError(`"${tk.v}" is not a datastore resource`);
          resources.push(tk.v);
          replace.set(k, `${table} AS "${tk.v.replaceAll('"', '""')}"`);
          if (toks[k + 1]?.t === 'qident' || (toks[k + 1]?.t === 'ident' && !CLAUSE_END.has(toks[k + 1].v) && toks[k + 1].v !== 'as')) replace.set(k, table);
          if (toks[k + 1]?.t === 'ident' && toks[k + 1].v === 'as') replace.set(k, table);
        }
      } else throw new SqlGuardError('bad FROM clause');
      // skip alias
      let j = k + 1;
      if (toks[j]?.t === 'ident' && toks[j].v === 'as') j++;
      if ((toks[j]?.t === 'ident' && !CLAUSE_END.has(toks[j].v)) || toks[j]?.t === 'qident') j++;
      if (toks[j]?.t === 'comma' && stack.length === 0 || (toks[j]?.t === 'comma' && stack[stack.length - 1] === 'group')) { k = j + 1; continue; }
      return j - 1;
    }
  };
  for (let k = 0; k < toks.length; k++) {
    const tk = toks[k];
    if (tk.t === 'lp') {
      const prev = toks[k - 1];
      stack.push(prev && prev.t === 'ident' && ALLOWED_FUNCTIONS.has(prev.v) && !['in', 'exists', 'any', 'all', 'from', 'join', 'as', 'select', 'where', 'and', 'or', 'not', 'on'].includes(prev.v) ? 'call' : 'group');
      continue;
    }
    if (tk.t === 'rp') { stack.pop(); continue; }
    if (tk.t === 'ident' && tk.v === 'select' && stack.length) stack[stack.length - 1] = 'group';
    if (tk.t === 'ident' && (tk.v === 'from' || tk.v === 'join')) {
      if (tk.v === 'from' && stack[stack.length - 1] === 'call') continue;
      k = expectTable(k + 1);
    }
  }
  if (stack.length) throw new SqlGuardError('unbalanced parentheses');
  if (!resources.length && !ctes.size) throw new SqlGuardError('the query must read a datastore resource');
  // rebuild the SQL from tokens
  const parts = toks.map((tk, k) => {
    if (replace.has(k)) return replace.get(k)!;
    switch (tk.t) {
      case 'qident': return `"${tk.v.replaceAll('"', '""')}"`;
      case 'str': return `'${tk.v.replaceAll("'", "''")}'`;
      default: return tk.v;
    }
  });
  let out = '';
  for (const [k, s] of parts.entries()) {
    const tk = toks[k];
    const prev = toks[k - 1];
    const tight = !prev || tk.t === 'dot' || prev.t === 'dot' || tk.t === 'rp' || tk.t === 'comma' || prev.t === 'lp' || (tk.t === 'lp' && (prev.t === 'ident' || prev.t === 'qident')) || tk.v === '::' || prev.v === '::';
    out += (tight ? '' : ' ') + s;
  }
  return { sql: out, resources: [...new Set(resources)] };
}

/** The SQL actually run: the guarded query wrapped with a row cap (one more than the cap, to tell "truncated"). */
export function cappedSql(guardedSql: string, rowCap: number): string {
  return `SELECT * FROM (${guardedSql}) AS datastore_search_sql LIMIT ${Math.max(1, Math.floor(rowCap)) + 1}`;
}
