/**
 * Input validation with one schema per input (TypeBox), for services and HTML forms. Field problems carry
 * catalogue keys; `ajvToProblems` maps Fastify's route-schema errors to the same shape, so pages and the API
 * report a bad field identically.
 */
import { Value, type ValueError } from '@sinclair/typebox/value';
import { ValueErrorType } from '@sinclair/typebox/errors';
import type { TSchema, Static } from '@sinclair/typebox';
import { FormatRegistry, Kind } from '@sinclair/typebox';
import { ValidationError, type FieldProblem } from './http/errors.ts';

// Formats used by TypeBox's own checker (Fastify's ajv has its own, equivalent set).
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
if (!FormatRegistry.Has('email')) FormatRegistry.Set('email', (v) => EMAIL.test(v));
if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)));
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (v) => /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)));
if (!FormatRegistry.Has('uri')) FormatRegistry.Set('uri', (v) => { try { const u = new URL(v); return u.protocol === 'http:' || u.protocol === 'https:'; } catch { return false; } });
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v));
if (!FormatRegistry.Has('month')) FormatRegistry.Set('month', (v) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v));

function pointerToField(path: string): string {
  return path.replace(/^\//, '').replace(/\//g, '.') || '_';
}

function problemFromValueError(e: ValueError): FieldProblem {
  const field = pointerToField(e.path);
  const s = e.schema as Record<string, unknown>;
  switch (e.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return { field, key: 'validation.required' };
    case ValueErrorType.StringMaxLength:
      return { field, key: 'validation.maxLength', params: { limit: s.maxLength as number } };
    case ValueErrorType.StringMinLength:
      return s.minLength === 1 ? { field, key: 'validation.required' } : { field, key: 'validation.minLength', params: { limit: s.minLength as number } };
    case ValueErrorType.StringFormat:
      return { field, key: `validation.format.${String(s.format)}` };
    case ValueErrorType.StringPattern:
      return { field, key: 'validation.pattern' };
    case ValueErrorType.ArrayMaxItems:
      return { field, key: 'validation.maxItems', params: { limit: s.maxItems as number } };
    case ValueErrorType.ArrayMinItems:
      return { field, key: 'validation.minItems', params: { limit: s.minItems as number } };
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMaximum:
      return { field, key: 'validation.maximum', params: { limit: s.maximum as number } };
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.IntegerMinimum:
      return { field, key: 'validation.minimum', params: { limit: s.minimum as number } };
    case ValueErrorType.Union:
    case ValueErrorType.Literal:
      return { field, key: 'validation.enum' };
    case ValueErrorType.Integer:
      return { field, key: 'validation.integer' };
    case ValueErrorType.Number:
      return { field, key: 'validation.number' };
    default:
      return { field, key: 'validation.invalid' };
  }
}

/**
 * Converts (form strings → numbers/booleans), applies the schema's defaults (an optional field with a
 * `default` may be left out, as the OpenAPI document says), strips unknown properties and checks `input`
 * against `schema`. Throws ValidationError listing one problem per field; every problem names a field
 * (an intersection of objects reports its members' fields, not a problem of the whole).
 */
export function parseInput<T extends TSchema>(schema: T, input: unknown): Static<T> {
  const value = Value.Clean(schema, Value.Default(schema, Value.Convert(schema, structuredClone(input ?? {}))));
  if (Value.Check(schema, value)) return value as Static<T>;
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const e of valueErrors(schema, value)) {
    const p = problemFromValueError(e);
    if (p.field === '_') p.field = 'body';
    if (seen.has(p.field)) continue;
    // A union's members report their own errors too; keep the first, most specific one per field.
    seen.add(p.field);
    problems.push(p);
  }
  // the input itself is not what the schema wants (not an object)
  if (!problems.length) problems.push({ field: 'body', key: 'validation.invalid' });
  throw new ValidationError(problems);
}

/** The errors of a value; for an intersection, those of each member (its own "does not match all" is no field's). */
function valueErrors(schema: TSchema, value: unknown): ValueError[] {
  if ((schema as { [Kind]?: string })[Kind] === 'Intersect') return ((schema as unknown as { allOf: TSchema[] }).allOf).flatMap((m) => valueErrors(m, value));
  return [...Value.Errors(schema, value)].filter((e) => e.type !== ValueErrorType.Intersect && e.type !== ValueErrorType.IntersectUnevaluatedProperties);
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/** Maps Fastify/ajv validation errors to field problems. `context` is 'body', 'querystring', 'params' or 'headers'. */
export function ajvToProblems(errors: AjvError[], context?: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    let field = pointerToField(e.instancePath);
    if (e.keyword === 'required') field = field === '_' ? String(e.params.missingProperty) : `${field}.${String(e.params.missingProperty)}`;
    // a problem of the whole body / query string names it ("body": not a JSON object, …)
    if (field === '_' && context) field = context;
    if (seen.has(field)) continue;
    seen.add(field);
    const limit = (e.params.limit as number) ?? 0;
    switch (e.keyword) {
      case 'required': out.push({ field, key: 'validation.required' }); break;
      case 'maxLength': out.push({ field, key: 'validation.maxLength', params: { limit } }); break;
      case 'minLength': out.push(limit === 1 ? { field, key: 'validation.required' } : { field, key: 'validation.minLength', params: { limit } }); break;
      case 'format': out.push({ field, key: `validation.format.${String(e.params.format)}` }); break;
      case 'pattern': out.push({ field, key: 'validation.pattern' }); break;
      case 'enum': case 'const': case 'anyOf': out.push({ field, key: 'validation.enum' }); break;
      case 'maxItems': out.push({ field, key: 'validation.maxItems', params: { limit } }); break;
      case 'minItems': out.push({ field, key: 'validation.minItems', params: { limit } }); break;
      case 'maximum': out.push({ field, key: 'validation.maximum', params: { limit } }); break;
      case 'minimum': out.push({ field, key: 'validation.minimum', params: { limit } }); break;
      case 'type': out.push({ field, key: e.params.type === 'integer' ? 'validation.integer' : e.params.type === 'number' ? 'validation.number' : 'validation.invalid' }); break;
      case 'additionalProperties': out.push({ field: String(e.params.additionalProperty), key: 'validation.unknownField' }); break;
      default: out.push({ field, key: 'validation.invalid' });
    }
  }
  return out;
}
