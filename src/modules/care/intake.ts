/** Pure helpers of intake: phone normalisation, form cleaning, attribute checks. */
import type { CategoryAttributeSeed } from './seed/categories.ts';
import type { FieldProblem } from '../../core/http/errors.ts';

/** Normalises an Indonesian phone number to +62…; null if it is not one. */
export function normalisePhone(input: string): string | null {
  const s = input.replace(/[\s().\-]/g, '');
  let digits: string;
  if (/^\+62\d+$/.test(s)) digits = s.slice(3);
  else if (/^62\d+$/.test(s)) digits = s.slice(2);
  else if (/^0\d+$/.test(s)) digits = s.slice(1);
  else return null;
  if (!/^[2-9]\d{6,11}$/.test(digits)) return null;
  return `+62${digits}`;
}

/** Turns a form body into intake input: empty strings dropped, numbers parsed, attribute[x] gathered. */
export function cleanIntakeForm(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const attributes: Record<string, string | string[]> = {};
  for (const [k, raw] of Object.entries(body)) {
    if (k === '_csrf') continue;
    const v = Array.isArray(raw) ? raw.map((x) => String(x).trim()).filter(Boolean) : typeof raw === 'string' ? raw.trim() : raw;
    if (v === '' || v === undefined || v === null || (Array.isArray(v) && v.length === 0)) continue;
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(k);
    if (m) {
      attributes[m[1]!] = m[2] ? (Array.isArray(v) ? v : [String(v)]) : Array.isArray(v) ? v[0]! : String(v);
      continue;
    }
    if (k === 'lat' || k === 'lng') {
      const n = Number(String(v).replace(',', '.'));
      out[k] = Number.isFinite(n) ? n : String(v);
      continue;
    }
    out[k] = Array.isArray(v) ? v[0] : v;
  }
  if (Object.keys(attributes).length) out.attributes = attributes;
  return out;
}

/** Checks the category's extra fields (Open311 attributes). */
export function checkAttributes(defs: readonly CategoryAttributeSeed[], given: Record<string, string | string[]> | undefined): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const g = given ?? {};
  for (const d of defs) {
    const v = g[d.code];
    const empty = v === undefined || (Array.isArray(v) ? v.length === 0 : v === '');
    if (empty) {
      if (d.required) problems.push({ field: `attribute[${d.code}]`, key: 'care.form.attributeRequired' });
      continue;
    }
    if (d.values && (d.datatype === 'singlevaluelist' || d.datatype === 'multivaluelist')) {
      const keys = new Set(d.values.map((x) => x.key));
      const list = Array.isArray(v) ? v : [v!];
      if (d.datatype === 'singlevaluelist' && list.length > 1) problems.push({ field: `attribute[${d.code}]`, key: 'care.form.attributeInvalid' });
      else if (list.some((x) => !keys.has(x))) problems.push({ field: `attribute[${d.code}]`, key: 'care.form.attributeInvalid' });
    }
    if (d.datatype === 'number' && Number.isNaN(Number(v))) problems.push({ field: `attribute[${d.code}]`, key: 'validation.number' });
  }
  return problems;
}

/** Stable hash input for Idempotency-Key comparison (key order independent). */
export function canonicalRequest(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalRequest).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalRequest(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
