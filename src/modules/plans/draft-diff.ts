/**
 * Field-by-field diff between two versions of a commitment, word-level within text.
 *
 * The result is plain data a view renders directly: every top-level field in template order
 * with a status, and for text the sequence of equal/added/removed segments. Rows of
 * sections 3–5, 13 and 17 are matched by a stable key (organisation slug, value code,
 * milestone key) rather than by position, so inserting a milestone does not show every
 * later milestone as changed.
 */
import { diffArrays } from 'diff';
import {
  FIELD_ORDER, FIELD_SECTIONS,
  type CommitmentInput, type MilestoneInput, type StakeholderInput, type ValueInput,
} from './commitment.schema.ts';

export type SegmentOp = 'equal' | 'added' | 'removed';
export interface Segment { op: SegmentOp; text: string }
export type DiffStatus = 'unchanged' | 'changed' | 'added' | 'removed';

/** A scalar or text value compared word by word. */
export interface TextDiff {
  kind: 'text';
  field: string;
  status: DiffStatus;
  before: string;
  after: string;
  segments: Segment[];
}

/** A selection from a vocabulary (policy areas, sectors). */
export interface SetDiff {
  kind: 'set';
  field: string;
  status: DiffStatus;
  items: { value: string; op: SegmentOp }[];
}

/** A row of a table (a stakeholder, a value, a milestone), matched by key. */
export interface RowDiff {
  key: string;
  status: DiffStatus;
  fields: (TextDiff | SetDiff)[];
}

export interface RowsDiff {
  kind: 'rows';
  field: string;
  status: DiffStatus;
  rows: RowDiff[];
}

export type FieldDiff = (TextDiff | SetDiff | RowsDiff) & { section: number };

export interface VersionDiff {
  fields: FieldDiff[];
  /** Top-level fields whose status is not `unchanged`, in template order. */
  changed: string[];
  /** Number of words added and removed in all text. */
  wordsAdded: number;
  wordsRemoved: number;
}

function str(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(str).join('\n');
  return String(v);
}

/**
 * Words keep their inner punctuation (94.30%, 2021-11, kabupaten/kota, data.ntbprov.go.id) so a
 * changed number is one change, not three; trailing punctuation and whitespace are their own tokens.
 */
const TOKEN_RE = /[\p{L}\p{N}_]+(?:[.,:/\-'’][\p{L}\p{N}_]+)*%?|\s+|[^\s]/gu;

/** Split text into word, whitespace and punctuation tokens. */
export function tokenize(s: string): string[] {
  return s.match(TOKEN_RE) ?? [];
}

/** Word-level diff of two strings as merged segments (equal / removed / added). */
export function diffText(before: string, after: string): Segment[] {
  if (before === after) return before === '' ? [] : [{ op: 'equal', text: before }];
  const raw: Segment[] = diffArrays(tokenize(before), tokenize(after)).map((c) => ({
    op: c.added ? 'added' : c.removed ? 'removed' : 'equal',
    text: c.value.join(''),
  }));
  // A lone space kept "equal" between two changes splits one edit into many; fold it into the edit.
  for (let i = 1; i < raw.length - 1; i++) {
    if (raw[i].op === 'equal' && /^\s+$/.test(raw[i].text) && raw[i - 1].op !== 'equal' && raw[i + 1].op !== 'equal') {
      raw.splice(i, 1, { op: 'removed', text: raw[i].text }, { op: 'added', text: raw[i].text });
      i++;
    }
  }
  // Within a run of changes, show everything removed first, then everything added.
  const out: Segment[] = [];
  let removed = '';
  let added = '';
  const flush = (): void => {
    // A replacement whose both sides end in the same whitespace: that whitespace is unchanged.
    let tail = '';
    const ws = /\s+$/.exec(removed)?.[0];
    if (removed && added && ws && added.endsWith(ws)) {
      tail = ws;
      removed = removed.slice(0, -ws.length);
      added = added.slice(0, -ws.length);
    }
    if (removed) out.push({ op: 'removed', text: removed });
    if (added) out.push({ op: 'added', text: added });
    if (tail) out.push({ op: 'equal', text: tail });
    removed = '';
    added = '';
  };
  for (const seg of raw) {
    if (seg.op === 'removed') removed += seg.text;
    else if (seg.op === 'added') added += seg.text;
    else {
      flush();
      const last = out[out.length - 1];
      if (last && last.op === 'equal') last.text += seg.text;
      else out.push({ op: 'equal', text: seg.text });
    }
  }
  flush();
  return out;
}

function textDiff(field: string, a: unknown, b: unknown): TextDiff {
  const before = str(a);
  const after = str(b);
  let status: DiffStatus = 'unchanged';
  if (before !== after) status = before === '' ? 'added' : after === '' ? 'removed' : 'changed';
  return { kind: 'text', field, status, before, after, segments: diffText(before, after) };
}

function setDiff(field: string, a: readonly string[] | undefined, b: readonly string[] | undefined): SetDiff {
  const A = a ?? [];
  const B = b ?? [];
  const items: SetDiff['items'] = [];
  for (const v of A) items.push({ value: v, op: B.includes(v) ? 'equal' : 'removed' });
  for (const v of B) if (!A.includes(v)) items.push({ value: v, op: 'added' });
  const changed = items.some((i) => i.op !== 'equal');
  const status: DiffStatus = !changed ? 'unchanged' : A.length === 0 ? 'added' : B.length === 0 ? 'removed' : 'changed';
  return { kind: 'set', field, status, items };
}

type Row = Record<string, unknown>;

/** Keys for rows: explicit key, else a natural key, else position; duplicates get a suffix. */
function keyed<T extends Row>(rows: readonly T[] | undefined, natural: (r: T, i: number) => string): [string, T][] {
  const seen = new Map<string, number>();
  return (rows ?? []).map((r, i) => {
    const base = natural(r, i);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return [n === 0 ? base : `${base}#${n + 1}`, r];
  });
}

function rowsDiff<T extends Row>(
  field: string,
  a: readonly T[] | undefined,
  b: readonly T[] | undefined,
  natural: (r: T, i: number) => string,
  subfields: { name: string; set?: boolean }[],
): RowsDiff {
  const A = keyed(a, natural);
  const B = keyed(b, natural);
  const mapA = new Map(A);
  const mapB = new Map(B);
  const order: string[] = [];
  // Order: rows of the new version in their order, removed rows inserted after their old predecessor.
  for (const [k] of B) order.push(k);
  A.forEach(([k], i) => {
    if (mapB.has(k)) return;
    const prev = i > 0 ? A[i - 1][0] : null;
    const at = prev === null ? 0 : order.indexOf(prev) + 1;
    order.splice(at < 0 ? order.length : at, 0, k);
  });
  const rows: RowDiff[] = order.map((key) => {
    const ra = mapA.get(key);
    const rb = mapB.get(key);
    const fields = subfields.map((sf) =>
      sf.set
        ? setDiff(sf.name, ra?.[sf.name] as string[] | undefined, rb?.[sf.name] as string[] | undefined)
        : textDiff(sf.name, ra?.[sf.name], rb?.[sf.name]),
    );
    let status: DiffStatus;
    if (!ra) status = 'added';
    else if (!rb) status = 'removed';
    else status = fields.some((f) => f.status !== 'unchanged') ? 'changed' : 'unchanged';
    return { key, status, fields };
  });
  const changed = rows.some((r) => r.status !== 'unchanged');
  const status: DiffStatus = !changed ? 'unchanged' : A.length === 0 ? 'added' : B.length === 0 ? 'removed' : 'changed';
  return { kind: 'rows', field, status, rows };
}

const STAKEHOLDER_FIELDS = [
  { name: 'organisation' }, { name: 'organisationName' }, { name: 'branch' }, { name: 'contactRole' }, { name: 'role' },
];
const VALUE_FIELDS = [{ name: 'value' }, { name: 'reason' }];
const MILESTONE_FIELDS = [
  { name: 'output' }, { name: 'startMonth' }, { name: 'endMonth' }, { name: 'responsible', set: true },
  { name: 'responsibleNote' }, { name: 'contactRoles', set: true }, { name: 'status' },
];
const RESOURCE_FIELDS = ['budgetAmount', 'currency', 'budgetNote', 'staff', 'months', 'other'] as const;

function countWords(segments: Segment[], op: SegmentOp): number {
  return segments.filter((s) => s.op === op).reduce((n, s) => n + (s.text.match(/\S+/g)?.length ?? 0), 0);
}

/** Diff two versions of a commitment. Either side may be partial (Draft 1 has few fields). */
export function diffVersions(a: Partial<CommitmentInput>, b: Partial<CommitmentInput>): VersionDiff {
  const fields: FieldDiff[] = [];
  for (const f of FIELD_ORDER) {
    const section = FIELD_SECTIONS[f];
    let d: TextDiff | SetDiff | RowsDiff;
    switch (f) {
      case 'policyAreas':
      case 'sectors':
        d = setDiff(f, a[f], b[f]);
        break;
      case 'leadAgencies':
      case 'leadNonGov':
      case 'otherStakeholders':
        d = rowsDiff<StakeholderInput & Row>(f, a[f] as (StakeholderInput & Row)[], b[f] as (StakeholderInput & Row)[],
          (r, i) => r.organisation || `#${i + 1}`, STAKEHOLDER_FIELDS);
        break;
      case 'values':
        d = rowsDiff<ValueInput & Row>(f, a.values as (ValueInput & Row)[], b.values as (ValueInput & Row)[],
          (r, i) => r.value || `#${i + 1}`, VALUE_FIELDS);
        break;
      case 'milestones':
        d = rowsDiff<MilestoneInput & Row>(f, a.milestones as (MilestoneInput & Row)[], b.milestones as (MilestoneInput & Row)[],
          (r, i) => r.key || `#${i + 1}`, MILESTONE_FIELDS);
        break;
      case 'resources': {
        const ra = (a.resources ?? {}) as Row;
        const rb = (b.resources ?? {}) as Row;
        const row: RowDiff = { key: 'resources', status: 'unchanged', fields: RESOURCE_FIELDS.map((k) => textDiff(k, ra[k], rb[k])) };
        row.status = row.fields.some((x) => x.status !== 'unchanged') ? 'changed' : 'unchanged';
        d = { kind: 'rows', field: f, status: row.status, rows: [row] };
        break;
      }
      default:
        d = textDiff(f, a[f], b[f]);
    }
    fields.push({ ...d, section } as FieldDiff);
  }
  let wordsAdded = 0;
  let wordsRemoved = 0;
  const visit = (d: TextDiff | SetDiff | RowsDiff): void => {
    if (d.kind === 'text') { wordsAdded += countWords(d.segments, 'added'); wordsRemoved += countWords(d.segments, 'removed'); }
    else if (d.kind === 'rows') d.rows.forEach((r) => r.fields.forEach(visit));
  };
  fields.forEach(visit);
  return { fields, changed: fields.filter((x) => x.status !== 'unchanged').map((x) => x.field), wordsAdded, wordsRemoved };
}
