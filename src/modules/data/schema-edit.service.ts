/**
 * Editing a resource's data dictionary (Frictionless Table Schema) from the workspace form: titles,
 * types, units, descriptions and — per field — the constraints the row validator enforces
 * (`required`; `minimum`/`maximum` for numbers and integers; `minLength`/`maxLength`/`pattern`/`enum`
 * for text). The form is parsed and checked here (problems by field and reason, in id/en through the
 * message catalogue), then saved through `updateTableSchema`, which reloads the file against the
 * edited schema when a type or a constraint changed — the same path as a type edit.
 */
import type { AppContext } from '../../core/app-context.ts';
import type { Actor } from '../../core/policy.ts';
import { NotFoundError, ValidationError } from '../../core/http/errors.ts';
import * as repo from './dataset.repo.ts';
import { updateTableSchema } from './dataset.service.ts';
import { FIELD_TYPES, type FieldConstraints, type FieldType, type TableSchema, type TableSchemaField } from './datastore/table-schema.ts';
import { parseDate } from './datastore/cell-parse.ts';

export const CONSTRAINT_LIMITS = { patternLength: 500, enumValues: 200, enumValueLength: 200, length: 1_000_000 } as const;

export type EditableConstraint = 'required' | 'unique' | 'minimum' | 'maximum' | 'minLength' | 'maxLength' | 'pattern' | 'enum';

/** Which constraints the row validator enforces for each field type. */
export const CONSTRAINTS_BY_TYPE: Record<FieldType, readonly EditableConstraint[]> = {
  string: ['required', 'unique', 'minLength', 'maxLength', 'pattern', 'enum'],
  integer: ['required', 'unique', 'minimum', 'maximum'],
  number: ['required', 'unique', 'minimum', 'maximum'],
  boolean: ['required'],
  date: ['required', 'unique', 'minimum', 'maximum'],
  datetime: ['required', 'unique'],
};

export interface SchemaProblem { field: string; key: string; params: Record<string, string | number> }

/** The form-error key of one constraint input (also the input's id without the `f-` prefix). */
export function constraintField(resourceId: string, index: number, c: EditableConstraint): string {
  return `schema-${resourceId}-${index}-${c}`;
}

type Body = Record<string, unknown>;

function val(b: Body, name: string): string {
  const v = b[name];
  return typeof v === 'string' ? v.trim() : Array.isArray(v) ? String(v[v.length - 1] ?? '').trim() : '';
}

/** Allowed values from a textarea: one per line, or comma-separated when written on one line. */
export function parseEnum(text: string): string[] {
  const parts = /[\r\n]/.test(text) ? text.split(/\r?\n|\r/) : text.split(',');
  return [...new Set(parts.map((s) => s.trim()).filter(Boolean))];
}

/**
 * A bound as typed in the page's language, without or with thousands separators: Indonesian `100`,
 * `99,5`, `1.000` (one thousand), `1.000,5`; English `99.5`, `1,000`. A lone separator that is not
 * followed by exactly three digits is read as the decimal separator (`99.5` in Indonesian too).
 * Returns null when empty, NaN when not a number.
 */
export function parseBound(text: string, locale: 'id' | 'en' = 'id'): number | null {
  let s = text.replace(/[\s\u00a0]+/g, '');
  if (!s) return null;
  const group = locale === 'id' ? '.' : ',';
  const dec = locale === 'id' ? ',' : '.';
  const grouped = locale === 'id' ? /^-?\d{1,3}(\.\d{3})+(,\d+)?$/ : /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
  if (grouped.test(s)) s = s.split(group).join('');
  else if (!s.includes(dec) && s.split(group).length === 2) s = s.replace(group, dec);
  s = s.replace(dec, '.');
  if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s)) return NaN;
  const n = Number(s);
  return Number.isFinite(n) ? n : NaN;
}

/** A bound as the form shows it (parsed back by {@link parseBound} in the same language). */
export function formatBound(n: number | string | undefined, locale: 'id' | 'en' = 'id'): string {
  if (n === undefined || n === null) return '';
  if (typeof n === 'string') return n; // an ISO date bound
  const s = String(n);
  return locale === 'id' ? s.replace('.', ',') : s;
}

/**
 * Nested unbounded quantifiers (`(a+)+`, `(\w*)*`, `(x+){2,}`) and backreferences make a regular
 * expression backtrack exponentially on some inputs; the validator runs the pattern on every cell.
 */
export function riskyPattern(p: string): boolean {
  const stack: boolean[] = [false];
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '\\') {
      if (!inClass && /[1-9k]/.test(p[i + 1] ?? '')) return true; // backreference
      i++;
      continue;
    }
    if (inClass) { if (ch === ']') inClass = false; continue; }
    if (ch === '[') { inClass = true; continue; }
    const unboundedAt = (j: number) => p[j] === '*' || p[j] === '+' || (p[j] === '{' && /^\{\d*,\d*\}/.test(p.slice(j)) && !/^\{\d+,\d+\}/.test(p.slice(j)));
    if (ch === '(') { stack.push(false); continue; }
    if (ch === ')') {
      const inner = stack.length > 1 ? stack.pop()! : false;
      if (inner && unboundedAt(i + 1)) return true;
      if (inner || unboundedAt(i + 1)) stack[stack.length - 1] = true;
      continue;
    }
    if (unboundedAt(i)) stack[stack.length - 1] = true;
  }
  return false;
}

function sameConstraints(a: FieldConstraints | undefined, b: FieldConstraints | undefined): boolean {
  const norm = (c: FieldConstraints | undefined) => JSON.stringify(Object.entries(c ?? {}).filter(([, v]) => v !== undefined).sort(([x], [y]) => x.localeCompare(y)));
  return norm(a) === norm(b);
}

/** Constraints of one field from the form, with problems keyed by input. */
function constraintsFromForm(b: Body, i: number, f: TableSchemaField, resourceId: string, problems: SchemaProblem[], locale: 'id' | 'en'): FieldConstraints | undefined {
  const column = f.title || f.name;
  const key = (c: EditableConstraint) => constraintField(resourceId, i, c);
  const add = (c: EditableConstraint, k: string, params: Record<string, string | number> = {}) => problems.push({ field: key(c), key: `data.constraints.err.${k}`, params: { column, ...params } });
  const applies = CONSTRAINTS_BY_TYPE[f.type] ?? ['required'];
  const out: FieldConstraints = {};
  if (val(b, `required.${i}`)) out.required = true;
  if (val(b, `unique.${i}`) && applies.includes('unique')) out.unique = true; // checked in the database after the load

  for (const c of ['minimum', 'maximum'] as const) {
    const text = val(b, `${c}.${i}`);
    if (!text) continue;
    if (!applies.includes(c)) { add(c, 'numeric_only'); continue; }
    if (f.type === 'date') {
      // a date bound: ISO or as Indonesians write it (17/08/2021, 17 Agustus 2021)
      const d = parseDate(text);
      if (d === null) add(c, `${c}_date`, { value: text.slice(0, 40) });
      else out[c] = d;
      continue;
    }
    const n = parseBound(text, locale);
    if (n === null) continue;
    if (Number.isNaN(n)) add(c, `${c}_nan`, { value: text.slice(0, 40) });
    else if (f.type === 'integer' && !Number.isInteger(n)) add(c, `${c}_int`, { value: text.slice(0, 40) });
    else out[c] = n;
  }
  if (out.minimum !== undefined && out.maximum !== undefined && typeof out.minimum === typeof out.maximum && out.minimum > out.maximum) add('minimum', 'min_gt_max', { min: out.minimum, max: out.maximum });

  for (const c of ['minLength', 'maxLength'] as const) {
    const text = val(b, `${c}.${i}`);
    if (!text) continue;
    if (!applies.includes(c)) { add(c, 'text_only'); continue; }
    if (!/^\d+$/.test(text) || Number(text) > CONSTRAINT_LIMITS.length) add(c, `${c}_bad`, { value: text.slice(0, 40), max: CONSTRAINT_LIMITS.length });
    else out[c] = Number(text);
  }
  if (out.minLength !== undefined && out.maxLength !== undefined && out.minLength > out.maxLength) add('minLength', 'minlen_gt_maxlen', { min: out.minLength, max: out.maxLength });

  const rawPattern = typeof b[`pattern.${i}`] === 'string' ? String(b[`pattern.${i}`]) : '';
  const pattern = rawPattern.replace(/^\s+|\s+$/g, '');
  if (pattern) {
    if (!applies.includes('pattern')) add('pattern', 'text_only');
    else if (pattern.length > CONSTRAINT_LIMITS.patternLength) add('pattern', 'pattern_too_long', { length: pattern.length, max: CONSTRAINT_LIMITS.patternLength });
    else {
      let reason: string | null = null;
      try { new RegExp(`^(?:${pattern})$`); } catch (e) { reason = (e as Error).message.replace(/^Invalid regular expression: /, '').slice(0, 120); }
      if (reason !== null) add('pattern', 'pattern_invalid', { pattern: pattern.slice(0, 80), reason });
      else if (riskyPattern(pattern)) add('pattern', 'pattern_risky', { pattern: pattern.slice(0, 80) });
      else out.pattern = pattern;
    }
  }

  const enumText = typeof b[`enum.${i}`] === 'string' ? String(b[`enum.${i}`]) : '';
  const values = parseEnum(enumText);
  if (values.length) {
    if (!applies.includes('enum')) add('enum', 'text_only');
    else if (values.length > CONSTRAINT_LIMITS.enumValues) add('enum', 'enum_too_many', { count: values.length, max: CONSTRAINT_LIMITS.enumValues });
    else {
      const long = values.find((v) => v.length > CONSTRAINT_LIMITS.enumValueLength);
      if (long) add('enum', 'enum_value_too_long', { value: long.slice(0, 40), max: CONSTRAINT_LIMITS.enumValueLength });
      else out.enum = values;
    }
  }
  if (!Object.keys(out).length) return undefined;
  return sameConstraints(out, f.constraints) ? f.constraints : out;
}

/**
 * The schema the form describes. Inputs per field `i`: `title.i`, `type.i`, `unit.i`, `description.i`,
 * and when the form carries the constraint inputs (marker `constraints.i`): `required.i` (checkbox),
 * `minimum.i`, `maximum.i`, `minLength.i`, `maxLength.i`, `pattern.i`, `enum.i`. Without the marker a
 * field's constraints stay as they were.
 */
export function schemaFromForm(schema: TableSchema, b: Body, resourceId: string, locale: 'id' | 'en' = 'id'): { schema: TableSchema; problems: SchemaProblem[] } {
  const problems: SchemaProblem[] = [];
  const fields = schema.fields.map((f, i) => {
    const type = val(b, `type.${i}`) as FieldType;
    const nf: TableSchemaField = {
      ...f, title: val(b, `title.${i}`) || f.title, type: (FIELD_TYPES as readonly string[]).includes(type) ? type : f.type,
      unit: val(b, `unit.${i}`) || undefined, description: val(b, `description.${i}`) || undefined,
    };
    if (nf.type !== f.type && nf.type === 'string') { delete nf.decimalChar; delete nf.groupChar; delete nf.bareNumber; }
    if (nf.type !== f.type && (nf.type === 'number' || nf.type === 'integer') && !nf.decimalChar) { nf.decimalChar = ','; nf.groupChar = '.'; }
    if (b[`constraints.${i}`] !== undefined) {
      const c = constraintsFromForm(b, i, nf, resourceId, problems, locale);
      if (c) nf.constraints = c; else delete nf.constraints;
    }
    return nf;
  });
  return { schema: { ...schema, fields }, problems };
}

/** Save the dictionary form of a resource; returns its revision id. Throws ValidationError with problems by input. */
export async function saveSchemaForm(ctx: AppContext, actor: Actor, resourceId: string, body: Body, locale: 'id' | 'en' = 'id'): Promise<{ revisionId: string; schema: TableSchema }> {
  const r = await repo.findResource(ctx.pool, resourceId);
  if (!r || !r.table_schema) throw new NotFoundError();
  const { schema, problems } = schemaFromForm(r.table_schema, body, r.id, locale);
  if (problems.length) throw new ValidationError(problems);
  await updateTableSchema(ctx, actor, r.id, schema);
  return { revisionId: r.revision_id, schema };
}

/** A field's constraints as short phrases for a data dictionary (`t` from the page context). */
export function describeConstraints(t: (key: string, params?: Record<string, string | number>) => string, fmtNumber: (n: number) => string, f: TableSchemaField): string[] {
  const c = f.constraints ?? {};
  const fmt = (v: number | string) => (typeof v === 'number' ? fmtNumber(v) : v);
  const out: string[] = [];
  if (c.required) out.push(t('data.constraints.d.required'));
  if (c.unique) out.push(t('data.constraints.d.unique'));
  if (c.minimum !== undefined && c.maximum !== undefined) out.push(t('data.constraints.d.range', { min: fmt(c.minimum), max: fmt(c.maximum) }));
  else if (c.minimum !== undefined) out.push(t('data.constraints.d.minimum', { min: fmt(c.minimum) }));
  else if (c.maximum !== undefined) out.push(t('data.constraints.d.maximum', { max: fmt(c.maximum) }));
  if (c.minLength !== undefined && c.maxLength !== undefined) out.push(t('data.constraints.d.length', { min: c.minLength, max: c.maxLength }));
  else if (c.minLength !== undefined) out.push(t('data.constraints.d.minLength', { min: c.minLength }));
  else if (c.maxLength !== undefined) out.push(t('data.constraints.d.maxLength', { max: c.maxLength }));
  if (c.pattern) out.push(t('data.constraints.d.pattern', { pattern: c.pattern }));
  if (c.enum?.length) {
    const shown = c.enum.slice(0, 12).join(', ');
    out.push(c.enum.length > 12 ? t('data.constraints.d.enumMore', { values: shown, more: c.enum.length - 12 }) : t('data.constraints.d.enum', { values: shown }));
  }
  return out;
}
