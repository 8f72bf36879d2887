import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decideTransition, availableEvents, nextActor, TRANSITIONS, STATES, canOpenRevision, autoPublishAt,
  type WorkflowActor, type WorkflowState,
} from '../../../src/modules/data/dataset-workflow.ts';

const ORG = 'org-dinkes';
const produsen: WorkflowActor = { roles: ['produsen'], organisationId: ORG };
const otherProdusen: WorkflowActor = { roles: ['produsen'], organisationId: 'org-dikbud' };
const walidata: WorkflowActor = { roles: ['walidata'], organisationId: 'org-diskominfotik' };
const kepala: WorkflowActor = { roles: ['kepala_opd'], organisationId: ORG };
const otherKepala: WorkflowActor = { roles: ['kepala_opd'], organisationId: 'org-dikbud' };
const system: WorkflowActor = { roles: ['system'], organisationId: null };
const fullChecklist = { checklist: { metadata_complete: true, schema_valid: true, reference_codes: true, open_format: true } };

function fire(state: WorkflowState, event: Parameters<typeof decideTransition>[1], actor: WorkflowActor, input = {}): WorkflowState {
  const r = decideTransition(state, event, actor, ORG, input);
  assert.ok(r.ok, `${event} from ${state} should be allowed: ${JSON.stringify(r)}`);
  return r.to;
}

test('the full SOP path with one return', () => {
  let s: WorkflowState = 'draft';
  s = fire(s, 'submit', produsen);
  assert.equal(s, 'submitted');
  s = fire(s, 'return', walidata, { note: 'Metadata satuan belum diisi' });
  assert.equal(s, 'returned');
  s = fire(s, 'submit', produsen);
  s = fire(s, 'check', walidata, fullChecklist);
  assert.equal(s, 'checked');
  s = fire(s, 'validate', kepala);
  assert.equal(s, 'validated');
  s = fire(s, 'publish', walidata);
  assert.equal(s, 'published');
  s = fire(s, 'unpublish', walidata, { reason: 'Data keliru' });
  assert.equal(s, 'unpublished');
  s = fire(s, 'republish', walidata);
  assert.equal(s, 'published');
});

test('produsen cannot publish, check or validate', () => {
  assert.deepEqual(decideTransition('validated', 'publish', produsen, ORG), { ok: false, code: 'forbidden_role' });
  assert.deepEqual(decideTransition('submitted', 'check', produsen, ORG, fullChecklist), { ok: false, code: 'forbidden_role' });
  assert.deepEqual(decideTransition('checked', 'validate', produsen, ORG), { ok: false, code: 'forbidden_role' });
});

test('kepala OPD validates only his organisation', () => {
  assert.deepEqual(decideTransition('checked', 'validate', otherKepala, ORG), { ok: false, code: 'other_organisation' });
  assert.equal(decideTransition('checked', 'validate', kepala, ORG).ok, true);
});

test('produsen of another organisation cannot submit', () => {
  assert.deepEqual(decideTransition('draft', 'submit', otherProdusen, ORG), { ok: false, code: 'other_organisation' });
});

test('notes, reasons and the checklist are required where the SOP needs them', () => {
  assert.deepEqual(decideTransition('submitted', 'return', walidata, ORG, { note: '  ' }), { ok: false, code: 'note_required' });
  assert.deepEqual(decideTransition('published', 'unpublish', walidata, ORG, {}), { ok: false, code: 'reason_required' });
  assert.deepEqual(decideTransition('submitted', 'check', walidata, ORG, { checklist: { metadata_complete: true } }), {
    ok: false, code: 'checklist_incomplete', missing: ['schema_valid', 'reference_codes', 'open_format'],
  });
  assert.deepEqual(decideTransition('checked', 'reject', kepala, ORG, {}), { ok: false, code: 'note_required' });
});

test('no skipping: submitted cannot be published, draft cannot be validated', () => {
  assert.deepEqual(decideTransition('submitted', 'publish', walidata, ORG), { ok: false, code: 'not_allowed' });
  assert.deepEqual(decideTransition('draft', 'validate', kepala, ORG), { ok: false, code: 'not_allowed' });
  assert.deepEqual(decideTransition('superseded', 'republish', walidata, ORG), { ok: false, code: 'not_allowed' });
});

test('automatic publication is for the system only', () => {
  assert.equal(decideTransition('validated', 'auto_publish', system, ORG).ok, true);
  assert.deepEqual(decideTransition('validated', 'auto_publish', walidata, ORG), { ok: false, code: 'forbidden_role' });
  assert.deepEqual(autoPublishAt(new Date('2026-01-01T00:00:00Z'), 3), new Date('2026-01-01T00:03:00Z'));
  assert.equal(autoPublishAt(new Date(), null), null);
});

test('available events per role and state', () => {
  assert.deepEqual(availableEvents('submitted', walidata, ORG), ['return', 'check']);
  assert.deepEqual(availableEvents('submitted', produsen, ORG), ['withdraw']);
  assert.deepEqual(availableEvents('checked', kepala, ORG), ['reject', 'validate']);
  assert.deepEqual(availableEvents('checked', otherKepala, ORG), []);
  assert.deepEqual(availableEvents('validated', walidata, ORG), ['publish']);
});

test('the table is consistent: every state reachable, every target a known state, next actor defined', () => {
  for (const t of TRANSITIONS) {
    assert.ok(STATES.includes(t.to));
    for (const f of t.from) assert.ok(STATES.includes(f));
  }
  const reachable = new Set<WorkflowState>(['draft']);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of TRANSITIONS) if (t.from.some((f) => reachable.has(f)) && !reachable.has(t.to)) { reachable.add(t.to); grew = true; }
  }
  assert.deepEqual([...reachable].sort(), [...STATES].sort());
  assert.equal(nextActor('checked'), 'kepala_opd');
  assert.equal(nextActor('returned'), 'produsen');
  assert.equal(canOpenRevision('published'), true);
  assert.equal(canOpenRevision('submitted'), false);
});
