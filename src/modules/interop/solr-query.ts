/**
 * The Solr query forms CKAN clients send in `q` and `fq`, parsed into a structured filter (AND of OR-groups).
 * Supported: free text, `field:value`, `field:"quoted value"`,
 * `field:(a OR b)`, `field:[X TO Y]` / `{X TO Y}` with `*` and `NOW`, negation (`-field:v`, `NOT field:v`),
 * `OR` / `AND` / `+`, and `*:*`. Anything else is a Search Query Error (CKAN answers 400). The filter is
 * translated to the data module's catalogue filter, whose read service builds the SQL.
 */
import { ckanSearchQuery } from './ckan-envelope.ts';
import type { CatalogueCondition, CatalogueField, CatalogueFilter } from '../data/catalogue-search.service.ts';

export interface TermClause { kind: 'term'; field: string | null; value: string; negate: boolean }
export interface RangeClause { kind: 'range'; field: string; from: string | null; to: string | null; inclusive: boolean; negate: boolean }
export type Clause = TermClause | RangeClause;
/** Conjunction of groups; each group is a disjunction of clauses. An empty list matches everything. */
export type SolrFilter = Clause[][];

type Tok = { t: 'word' | 'phrase' | 'range' | 'lp' | 'rp' | 'or' | 'and' | 'not'; v: string; field?: string; neg?: boolean };

function tokenize(input: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const s = input;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(') { out.push({ t: 'lp', v: c }); i++; continue; }
    if (c === ')') { out.push({ t: 'rp', v: c }); i++; continue; }
    let neg = false;
    if ((c === '-' || c === '!') && i + 1 < s.length && !/\s/.test(s[i + 1])) { neg = true; i++; }
    else if (c === '+' && i + 1 < s.length) { i++; }
    // field name?
    const fm = /^([A-Za-z_][\w.]*|\*):(?!\/\/)/.exec(s.slice(i));
    let field: string | undefined;
    if (fm) { field = fm[1]; i += fm[0].length; }
    const ch = s[i];
    if (ch === '"') {
      let j = i + 1; let v = '';
      while (j < s.length && s[j] !== '"') { if (s[j] === '\\' && j + 1 < s.length) j++; v += s[j]; j++; }
      if (j >= s.length) throw ckanSearchQuery(`unterminated quote in ${input}`);
      out.push({ t: 'phrase', v, field, neg }); i = j + 1; continue;
    }
    if (ch === '[' || ch === '{') {
      const close = s.indexOf(ch === '[' ? ']' : '}', i);
      if (close < 0 || !field) throw ckanSearchQuery(`bad range in ${input}`);
      out.push({ t: 'range', v: s.slice(i, close + 1), field, neg }); i = close + 1; continue;
    }
    if (ch === '(' && field) {
      // field:(a OR b) → expand later: mark with field on lp
      out.push({ t: 'lp', v: '(', field, neg }); i++; continue;
    }
    let j = i; let v = '';
    while (j < s.length && !/[\s()]/.test(s[j])) { if (s[j] === '\\' && j + 1 < s.length) j++; v += s[j]; j++; }
    i = j;
    if (!field && !neg) {
      if (v === 'OR' || v === '||') { out.push({ t: 'or', v }); continue; }
      if (v === 'AND' || v === '&&') { out.push({ t: 'and', v }); continue; }
      if (v === 'NOT') { out.push({ t: 'not', v }); continue; }
    }
    if (!v && field) throw ckanSearchQuery(`empty value for ${field} in ${input}`);
    if (!v) continue;
    out.push({ t: 'word', v, field, neg });
  }
  return out;
}

function parseRange(field: string, raw: string, negate: boolean): RangeClause {
  const inclusive = raw.startsWith('[');
  const m = /^[[{]\s*(\S+)\s+TO\s+(\S+)\s*[\]}]$/.exec(raw);
  if (!m) throw ckanSearchQuery(`bad range ${raw}`);
  const norm = (x: string) => (x === '*' ? null : x.replace(/^"|"$/g, ''));
  return { kind: 'range', field, from: norm(m[1]), to: norm(m[2]), inclusive, negate };
}

/** Parses one `q` or `fq` string. Default field null means free text. */
export function parseSolr(input: string | undefined | null): SolrFilter {
  const s = (input ?? '').trim();
  if (!s || s === '*:*' || s === '*') return [];
  const toks = tokenize(s);
  const groups: SolrFilter = [];
  let pendingOr = false;
  let pendingNot = false;
  const push = (clauses: Clause[]) => {
    if (pendingOr && groups.length) groups[groups.length - 1].push(...clauses);
    else if (clauses.length > 1) groups.push(clauses);
    else groups.push([...clauses]);
    pendingOr = false;
  };
  for (let k = 0; k < toks.length; k++) {
    const tk = toks[k];
    if (tk.t === 'or') { if (!groups.length) throw ckanSearchQuery(`OR without left operand in ${s}`); pendingOr = true; continue; }
    if (tk.t === 'and') { continue; }
    if (tk.t === 'not') { pendingNot = true; continue; }
    if (tk.t === 'rp') throw ckanSearchQuery(`unbalanced ) in ${s}`);
    const negate = !!tk.neg !== pendingNot;
    pendingNot = false;
    if (tk.t === 'lp') {
      // a parenthesised disjunction of terms, optionally under one field: (a OR b) / field:(a OR b)
      const inner: Clause[] = [];
      let k2 = k + 1;
      let depth = 1;
      for (; k2 < toks.length; k2++) {
        const x = toks[k2];
        if (x.t === 'lp') throw ckanSearchQuery(`nested groups are not supported in ${s}`);
        if (x.t === 'rp') { depth--; break; }
        if (x.t === 'or') continue;
        if (x.t === 'and' || x.t === 'not') throw ckanSearchQuery(`only OR is supported inside ( ) in ${s}`);
        const field = x.field ?? tk.field ?? null;
        if (x.t === 'range') inner.push(parseRange(field!, x.v, negate !== !!x.neg));
        else inner.push({ kind: 'term', field: field === '*' ? null : field, value: x.v, negate: negate !== !!x.neg });
      }
      if (depth !== 0) throw ckanSearchQuery(`unbalanced ( in ${s}`);
      k = k2;
      if (!inner.length) continue;
      // NOT (a OR b) = NOT a AND NOT b
      if (negate) { for (const c of inner) push([c]); } else push(inner);
      continue;
    }
    if (tk.t === 'range') { push([parseRange(tk.field!, tk.v, negate)]); continue; }
    const field = tk.field === '*' ? null : tk.field ?? null;
    if (field === null && tk.v === '*') continue;
    push([{ kind: 'term', field, value: tk.v, negate }]);
  }
  if (pendingOr) throw ckanSearchQuery(`OR without right operand in ${s}`);
  return groups;
}

/** `q` and `fq` together (both AND-ed); also accepts CKAN 2.9+'s `fq_list`. */
export function parseSearchFilter(q: string | undefined, fq: string | undefined, fqList: string[] = []): { text: string[]; filter: SolrFilter } {
  const all = [...parseSolr(q), ...parseSolr(fq), ...fqList.flatMap((x) => parseSolr(x))];
  // Plain free-text groups become the text query (ranked); the rest stay structured.
  const text: string[] = [];
  const filter: SolrFilter = [];
  for (const g of all) {
    if (g.length === 1 && g[0].kind === 'term' && g[0].field === null && !g[0].negate) text.push(g[0].value);
    else filter.push(g);
  }
  return { text, filter };
}

/**
 * How one CKAN/Solr field maps onto the data module's catalogue fields (its read service builds the SQL):
 * a catalogue field, or a constant field (`state:active` is true for every listed dataset).
 */
export type FieldMapping = { field: CatalogueField; date?: boolean; norm?: (v: string) => string } | { constant: string };

/** Solr fields of package_search → catalogue fields. Other fields are a Search Query Error. */
export const CKAN_FIELDS: Record<string, FieldMapping> = {
  id: { field: 'id' },
  name: { field: 'name' },
  title: { field: 'title' },
  notes: { field: 'description' },
  text: { field: 'text' },
  organization: { field: 'organisation' },
  owner_org: { field: 'organisationId' },
  groups: { field: 'groups' },
  tags: { field: 'tags' },
  res_format: { field: 'formats', norm: (v) => v.toUpperCase() },
  license_id: { field: 'licence' },
  metadata_modified: { field: 'modified', date: true },
  metadata_created: { field: 'created', date: true },
  state: { constant: 'active' },
  dataset_type: { constant: 'dataset' },
  type: { constant: 'dataset' },
  capacity: { constant: 'public' },
};

/** Solr date math subset: NOW, NOW-1DAY, NOW/DAY, ISO dates. */
export function solrDate(v: string, now: Date): string {
  if (v.startsWith('NOW')) {
    const d = new Date(now);
    const m = /^NOW(?:([+-])(\d+)(YEARS?|MONTHS?|DAYS?|HOURS?|MINUTES?))?(?:\/(DAY|HOUR|MONTH|YEAR))?$/.exec(v);
    if (!m) throw ckanSearchQuery(`bad date ${v}`);
    if (m[1]) {
      const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
      const unit = m[3].replace(/S$/, '');
      if (unit === 'YEAR') d.setUTCFullYear(d.getUTCFullYear() + n);
      else if (unit === 'MONTH') d.setUTCMonth(d.getUTCMonth() + n);
      else if (unit === 'DAY') d.setUTCDate(d.getUTCDate() + n);
      else if (unit === 'HOUR') d.setUTCHours(d.getUTCHours() + n);
      else d.setUTCMinutes(d.getUTCMinutes() + n);
    }
    if (m[4] === 'DAY') d.setUTCHours(0, 0, 0, 0);
    return d.toISOString();
  }
  const d = new Date(/T/.test(v) && !/(Z|[+-]\d\d:?\d\d)$/.test(v) ? `${v}Z` : v);
  if (Number.isNaN(d.getTime())) throw ckanSearchQuery(`bad date ${v}`);
  return d.toISOString();
}

/**
 * Translates a parsed filter into the data module's catalogue filter (same AND-of-OR shape): free-text
 * clauses become `text`, values are normalised, Solr date math is resolved against `now`. Unknown fields
 * and ranges on non-date fields are Search Query Errors.
 */
export function toCatalogueFilter(filter: SolrFilter, now = new Date(), fields: Record<string, FieldMapping> = CKAN_FIELDS): CatalogueFilter {
  return filter.map((group) => group.map((c): CatalogueCondition => {
    const negate = c.negate;
    if (c.field === null) return { op: 'match', field: 'text', value: (c as TermClause).value, negate };
    const m = fields[c.field];
    if (!m) throw ckanSearchQuery(`undefined field ${c.field}`);
    if ('constant' in m) {
      if (c.kind === 'range') throw ckanSearchQuery(`range on non-date field ${c.field}`);
      return { op: 'const', value: c.value === '*' || c.value === m.constant, negate };
    }
    if (c.kind === 'range') {
      if (!m.date) throw ckanSearchQuery(`range on non-date field ${c.field}`);
      return { op: 'range', field: m.field as 'modified' | 'created', from: c.from ? solrDate(c.from, now) : null, to: c.to ? solrDate(c.to, now) : null, inclusive: c.inclusive, negate };
    }
    const v = m.norm ? m.norm(c.value) : c.value;
    return { op: 'match', field: m.field, value: m.date && v !== '*' ? solrDate(v, now) : v, negate };
  }));
}
