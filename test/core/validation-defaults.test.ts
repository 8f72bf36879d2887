/**
 * Issue 15.7, the class: every service input schema lets a field with a `default` be left out (the
 * default applies, as the OpenAPI document promises), and no problem is reported on a field that does not
 * exist (`_`): an intersection reports its members' fields, a body that is not an object is `body`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kind, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parseInput } from '../../src/core/validation.ts';
import { ValidationError } from '../../src/core/http/errors.ts';
import { CreateDatasetInput, RevisionInput, LinkResourceInput } from '../../src/modules/data/dataset.schema.ts';
import { SourceInput } from '../../src/modules/interop/harvest.service.ts';
import { IntakeSchema, TransitionSchema } from '../../src/modules/care/report.schema.ts';
import { CreateEvaluationSchema, UpdateEntrySchema, ServiceEntrySchema, LinkEvidenceSchema } from '../../src/modules/spbe/evaluation.service.ts';
import { InitiativeUpdateSchema } from '../../src/modules/spbe/roadmap.service.ts';
import { ActionSchema } from '../../src/modules/spbe/framework.service.ts';
import { NewUserSchema } from '../../src/core/auth/users.service.ts';

const SCHEMAS: Record<string, TSchema> = {
  CreateDatasetInput, RevisionInput, LinkResourceInput, SourceInput, IntakeSchema, TransitionSchema, CreateEvaluationSchema,
  UpdateEntrySchema, ServiceEntrySchema, LinkEvidenceSchema, InitiativeUpdateSchema, ActionSchema, NewUserSchema,
};

/** Top-level properties (of an object or of an intersection's members). */
function properties(s: TSchema): Record<string, TSchema> {
  if ((s as any)[Kind] === 'Intersect') return Object.assign({}, ...(s as any).allOf.map(properties));
  return (s as any).properties ?? {};
}

const FORMATS: Record<string, string> = { uuid: '00000000-0000-4000-8000-000000000001', email: 'nama@contoh.go.id', date: '2024-01-01', 'date-time': '2024-01-01T00:00:00Z', uri: 'https://contoh.go.id/a', month: '2024-01' };
/** A valid value of a property that has no default. */
function sampleOf(prop: TSchema): unknown {
  const p = prop as any;
  if (p.type === 'string' && p.format) return FORMATS[p.format] ?? 'x';
  if (p.type === 'string') return 'x'.repeat(Math.max(1, p.minLength ?? 1));
  try { return Value.Create(prop); } catch { return undefined; }
}

test('each input schema: fields with a default may be left out, and no problem is on `_`', () => {
  let defaulted = 0;
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    const props = properties(schema);
    const withDefault = Object.keys(props).filter((k) => 'default' in props[k]);
    const sample: Record<string, unknown> = {};
    for (const [k, prop] of Object.entries(props)) if (!withDefault.includes(k) && (schema as any).required?.includes?.(k) !== false) sample[k] = sampleOf(prop);
    let problems: Array<{ field: string }> = [];
    let parsed: Record<string, unknown> | null = null;
    try { parsed = parseInput(schema, sample) as Record<string, unknown>; } catch (e) {
      assert.ok(e instanceof ValidationError, name);
      problems = e.fields;
    }
    for (const p of problems) {
      assert.notEqual(p.field, '_', `${name}: a problem names no field`);
      assert.ok(!withDefault.includes(p.field), `${name}: ${p.field} has a default, yet is reported`);
      assert.ok(p.field === 'body' || p.field.split('.')[0] in props, `${name}: ${p.field} is a field of the schema`);
    }
    if (parsed) for (const k of withDefault) { assert.deepEqual(parsed[k], (props[k] as any).default, `${name}.${k}`); defaulted++; }
  }
  assert.ok(defaulted > 20, 'defaults were applied');
});

test('CreateDatasetInput without description, notes, msInd, msKeg…: the defaults; bad fields named, nothing on `_`', () => {
  const v = parseInput(CreateDatasetInput, { title: 'Judul', sector: 'sosial', licence: 'CC-BY-4.0', frequency: 'tahunan', level: 'provinsi', organisationId: '00000000-0000-4000-8000-000000000001' });
  assert.equal(v.notes, ''); assert.deepEqual(v.msInd, {}); assert.deepEqual(v.msKeg, {}); assert.deepEqual(v.tags, []);
  try { parseInput(CreateDatasetInput, { sector: 'laut', organisationId: 'x' }); assert.fail('accepted'); } catch (e) {
    assert.ok(e instanceof ValidationError);
    assert.deepEqual(e.fields.map((f) => f.field).sort(), ['frequency', 'level', 'licence', 'organisationId', 'sector', 'title']);
  }
  assert.throws(() => parseInput(CreateDatasetInput, 'teks'), (e: any) => e.fields.length === 1 && e.fields[0].field === 'body');
});
