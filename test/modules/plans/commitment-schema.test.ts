import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  validateCommitment, emptyCommitment, overLimitFields, valueAtPath, charCount, fieldLabel, nextStage,
  POLICY_AREAS, SECTORS, OGP_VALUES, DRAFT_STAGES, FIELD_ORDER, FIELD_SECTIONS,
} from '../../../src/modules/plans/commitment.schema.ts';
import { messages } from '../../../src/modules/plans/messages.ts';
import { SATU_DATA_COMMITMENT } from '../../../src/modules/plans/seed/commitment-satu-data.ts';
import { NTB_CARE_COMMITMENT } from '../../../src/modules/plans/seed/commitment-ntb-care.ts';

const valid = () => structuredClone(NTB_CARE_COMMITMENT);

test('seeded NTB Care commitment is valid and complete', () => {
  assert.deepEqual(validateCommitment(valid(), { complete: true }), []);
});

test('seeded Satu Data commitment exceeds the template in exactly two texts, as submitted', () => {
  const errors = validateCommitment(SATU_DATA_COMMITMENT, { complete: true });
  assert.deepEqual(errors.map((e) => [e.field, e.code, e.actual]), [['problem', 'maxLength', 1009], ['statusQuo', 'maxLength', 1084]]);
  assert.deepEqual(overLimitFields(SATU_DATA_COMMITMENT).map((e) => e.field), ['problem', 'statusQuo']);
});

test('an over-limit text left unchanged from the previous version is allowed; editing it must fix it', () => {
  const prev = SATU_DATA_COMMITMENT;
  const next = structuredClone(prev);
  next.action += ' Tambahan.';
  assert.deepEqual(validateCommitment(next, { complete: true, previous: prev }), []);
  next.problem += ' x';
  assert.deepEqual(validateCommitment(next, { previous: prev }).map((e) => [e.field, e.actual]), [['problem', 1011]]);
  assert.equal(valueAtPath(prev, 'milestones[1].output'), 'Rapat forum satu data (2 kali setahun)');
  assert.equal(valueAtPath(prev, 'resources.other'), '51 komputer');
});

test('a 250-character title passes, a 251-character title is refused naming the field and the limit in id and en', () => {
  const c = valid();
  c.title = 'a'.repeat(250);
  assert.deepEqual(validateCommitment(c), []);
  c.title = 'a'.repeat(251);
  const errors = validateCommitment(c);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].field, 'title');
  assert.equal(errors[0].code, 'maxLength');
  assert.equal(errors[0].limit, 250);
  assert.equal(errors[0].actual, 251);
  assert.equal(errors[0].message.id, 'Judul komitmen paling banyak 250 karakter (saat ini 251).');
  assert.equal(errors[0].message.en, 'Commitment title must be at most 250 characters (now 251).');
});

test('a third policy area is refused with the limit two', () => {
  const c = valid();
  c.policyAreas = ['open-data', 'right-to-information', 'digital-governance'];
  const errors = validateCommitment(c);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].field, 'policyAreas');
  assert.equal(errors[0].code, 'maxItems');
  assert.equal(errors[0].limit, 2);
  assert.match(errors[0].message.id, /^Area kebijakan utama: pilih paling banyak 2 \(dipilih 3\)\.$/);
  assert.match(errors[0].message.en, /^Primary policy area: select at most 2 \(selected 3\)\.$/);
});

test('a third sector is refused', () => {
  const c = valid();
  c.sectors = ['public-services', 'science-technology', 'education'];
  const [e] = validateCommitment(c);
  assert.equal(e.field, 'sectors');
  assert.equal(e.limit, 2);
});

test('a 1001-character problem is refused; 1000 passes', () => {
  const c = valid();
  c.problem = 'x'.repeat(1000);
  assert.deepEqual(validateCommitment(c), []);
  c.problem = 'x'.repeat(1001);
  const errors = validateCommitment(c);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].field, 'problem');
  assert.equal(errors[0].limit, 1000);
  assert.equal(errors[0].message.id, 'Masalah paling banyak 1000 karakter (saat ini 1001).');
  assert.equal(errors[0].message.en, 'Problem must be at most 1000 characters (now 1001).');
});

test('every long text field is limited to 1000', () => {
  for (const f of ['statusQuo', 'action', 'howSolves', 'longTermGoal', 'additionalInfo'] as const) {
    const c = valid();
    c[f] = 'y'.repeat(1001);
    const errors = validateCommitment(c);
    assert.deepEqual(errors.map((e) => [e.field, e.limit]), [[f, 1000]], f);
  }
});

test('characters are counted as code points, not UTF-16 units', () => {
  assert.equal(charCount('é😀'), 2);
  const c = valid();
  c.title = '😀'.repeat(250); // 500 UTF-16 units
  assert.deepEqual(validateCommitment(c), []);
});

test('values outside the vocabularies are refused, naming the value', () => {
  const c = valid();
  c.policyAreas = ['open-data', 'Open Data'];
  c.sectors = ['health'];
  c.values = [{ value: 'honesty' as never, reason: 'x' }];
  c.secured = 'maybe' as never;
  c.leadAgencies[0].role = 'boss' as never;
  c.leadAgencies[0].branch = 'royal' as never;
  c.milestones[0].status = 'done' as never;
  const fields = validateCommitment(c).map((e) => `${e.field}:${e.code}:${e.value}`);
  assert.deepEqual(fields.sort(), [
    'leadAgencies[0].branch:notInVocabulary:royal',
    'leadAgencies[0].role:notInVocabulary:boss',
    'milestones[0].status:notInVocabulary:done',
    'policyAreas:notInVocabulary:Open Data',
    'sectors:notInVocabulary:health',
    'secured:notInVocabulary:maybe',
    'values[0].value:notInVocabulary:honesty',
  ]);
});

test('nested errors carry readable labels', () => {
  const c = valid();
  c.milestones[2].output = 'z'.repeat(1001);
  const [e] = validateCommitment(c);
  assert.equal(e.field, 'milestones[2].output');
  assert.equal(e.message.id, 'Tonggak capaian #3 — Keluaran paling banyak 1000 karakter (saat ini 1001).');
  assert.equal(fieldLabel('resources.budgetAmount', 'en'), 'Resources — Budget');
});

test('months must be YYYY-MM and ordered', () => {
  const c = valid();
  c.startMonth = 'July/2021';
  c.milestones[0].startMonth = '2021-12';
  c.milestones[0].endMonth = '2021-08';
  const errors = validateCommitment(c).map((e) => `${e.field}:${e.code}`);
  assert.deepEqual(errors, ['startMonth:month', 'milestones[0].endMonth:monthOrder']);
});

test('duplicate selections and bad numbers are refused', () => {
  const c = valid();
  c.sectors = ['public-services', 'public-services'];
  c.resources.budgetAmount = -1;
  c.resources.currency = 'rupiah';
  const errors = validateCommitment(c).map((e) => `${e.field}:${e.code}`);
  assert.deepEqual(errors, ['sectors:duplicate', 'resources.budgetAmount:nonNegative', 'resources.currency:currency']);
});

test('a Draft 1 may be partial, but Final requires every mandatory section', () => {
  const d = emptyCommitment('Judul');
  d.problem = 'Masalah';
  assert.deepEqual(validateCommitment(d), []);
  const fields = validateCommitment(d, { complete: true }).map((e) => e.field);
  for (const f of ['startMonth', 'endMonth', 'leadAgencies', 'statusQuo', 'action', 'howSolves', 'longTermGoal', 'policyAreas', 'sectors', 'values', 'secured', 'milestones']) {
    assert.ok(fields.includes(f), `missing ${f}`);
  }
  assert.ok(!fields.includes('problem'));
  assert.ok(!fields.includes('additionalInfo'));
});

test('title is always required; garbage input does not throw', () => {
  assert.deepEqual(validateCommitment({}).map((e) => e.field), ['title']);
  assert.doesNotThrow(() => validateCommitment(null as never));
  assert.doesNotThrow(() => validateCommitment({ title: 'x', policyAreas: 'open-data' as never, milestones: [null as never] }));
});

test('vocabularies match the template and every code has id and en labels', () => {
  assert.equal(POLICY_AREAS.length, 24);
  assert.equal(SECTORS.length, 19);
  assert.equal(OGP_VALUES.length, 6);
  const groups: [string, readonly string[]][] = [['policyArea', POLICY_AREAS], ['sector', SECTORS], ['value', OGP_VALUES], ['stage', DRAFT_STAGES]];
  for (const [prefix, codes] of groups) {
    for (const code of codes) {
      for (const lang of ['id', 'en'] as const) {
        assert.ok((messages[lang] as Record<string, string>)[`plans.${prefix}.${code}`], `${lang} plans.${prefix}.${code}`);
      }
    }
  }
  assert.equal(messages.en['plans.policyArea.whistleblower-protection'], 'Whistleblower Protection');
});

test('fields are in template order 1–17 and stages advance to Final', () => {
  assert.equal(FIELD_ORDER[0], 'title');
  assert.equal(FIELD_ORDER.at(-1), 'milestones');
  const sections = FIELD_ORDER.map((f) => FIELD_SECTIONS[f]);
  assert.deepEqual([...new Set(sections)], Array.from({ length: 17 }, (_, i) => i + 1));
  assert.equal(nextStage('draft_3'), 'draft_4');
  assert.equal(nextStage('draft_4'), 'final');
  assert.equal(nextStage('final'), null);
});
