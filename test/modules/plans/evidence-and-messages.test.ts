import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractLiveState } from '../../../src/modules/plans/evidence-live.ts';
import { toFieldProblems, validationMessages, fieldPattern } from '../../../src/modules/plans/validation-messages.ts';
import { validateCommitment } from '../../../src/modules/plans/commitment.schema.ts';
import { messages, format } from '../../../src/modules/plans/messages.ts';
import { NTB_CARE_COMMITMENT } from '../../../src/modules/plans/seed/commitment-ntb-care.ts';

test('live state is read from CKAN, { data } and plain JSON shapes', () => {
  assert.deepEqual(extractLiveState({ result: { title: 'Jumlah Penduduk', state: 'active', metadata_modified: '2026-01-02T00:00:00' } }), { title: 'Jumlah Penduduk', state: 'active', updated: '2026-01-02T00:00:00' });
  assert.deepEqual(extractLiveState({ data: { name: 'x', status: 'published', updatedAt: '2026-02-03' } }), { title: 'x', state: 'published', updated: '2026-02-03' });
  assert.deepEqual(extractLiveState({ title: 'Rencana' }), { title: 'Rencana', state: undefined, updated: undefined });
  assert.deepEqual(extractLiveState([1, 2]), {});
  assert.deepEqual(extractLiveState(null), {});
});

test('template errors become catalogue keys whose messages name the field, row and limit in both languages', () => {
  const c = structuredClone(NTB_CARE_COMMITMENT);
  c.milestones[1].output = 'o'.repeat(1001);
  c.title = 't'.repeat(251);
  const problems = toFieldProblems(validateCommitment(c));
  assert.deepEqual(problems.map((p) => [p.field, p.key]), [['title', 'plans.err.maxLength:title'], ['milestones[1].output', 'plans.err.maxLength:milestones[].output']]);
  const render = (lang: 'id' | 'en', i: number) => {
    const tpl = validationMessages[lang][problems[i].key];
    return tpl.replace(/\{(\w+)\}/g, (_, k: string) => String(problems[i].params![k]));
  };
  assert.equal(render('id', 0), 'Judul komitmen paling banyak 250 karakter (saat ini 251).');
  assert.equal(render('en', 1), 'Milestones #2 — Output must be at most 1000 characters (now 1001).');
  assert.equal(render('id', 1), 'Tonggak capaian #2 — Keluaran paling banyak 1000 karakter (saat ini 1001).');
  assert.equal(fieldPattern('leadAgencies[3].role'), 'leadAgencies[].role');
});

test('every message key exists in both languages', () => {
  const id = Object.keys(messages.id).sort();
  const en = Object.keys(messages.en).sort();
  assert.deepEqual(id, en);
  assert.ok(id.every((k) => k.startsWith('plans.')));
  assert.deepEqual(Object.keys(validationMessages.id).sort(), Object.keys(validationMessages.en).sort());
  assert.equal(format('en', 'plans.ui.finishedOf', { n: 1, total: 9 }), '1 of 9 milestones finished');
});
