import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTransition, availableTransitions, canEditEntries } from '../../../src/modules/spbe/evaluation-workflow.ts';
import { isOverdue, expectedProgress, ganttBar, spanOf } from '../../../src/modules/spbe/roadmap.ts';
import { roadmap2019to2024 } from '../../../src/modules/spbe/seed/roadmap-2019-2024.ts';

test('workflow: evaluator submits a complete self-assessment; reviewer finalises; final is locked', () => {
  assert.deepEqual(checkTransition('self_assessment', 'submit', ['spbe_evaluator'], true), { ok: true, to: 'internal_review' });
  assert.deepEqual(checkTransition('self_assessment', 'submit', ['spbe_evaluator'], false), { ok: false, reason: 'incomplete' });
  assert.deepEqual(checkTransition('internal_review', 'finalise', ['spbe_evaluator'], true), { ok: false, reason: 'role' });
  assert.deepEqual(checkTransition('internal_review', 'finalise', ['spbe_reviewer'], true), { ok: true, to: 'final' });
  assert.deepEqual(checkTransition('internal_review', 'return', ['spbe_reviewer'], false), { ok: true, to: 'self_assessment' });
  for (const t of ['submit', 'return', 'finalise'] as const) {
    assert.deepEqual(checkTransition('final', t, ['spbe_reviewer', 'spbe_evaluator'], true), { ok: false, reason: 'wrong_state' });
  }
  assert.deepEqual(availableTransitions('final', ['spbe_reviewer']), []);
  assert.equal(canEditEntries('final', ['spbe_reviewer', 'spbe_evaluator']), false);
  assert.equal(canEditEntries('internal_review', ['spbe_evaluator']), false);
  assert.equal(canEditEntries('self_assessment', ['spbe_evaluator']), true);
});

test('roadmap seed: 24 rows (the seed numbers 1–23 with 8 used twice), four groups', () => {
  assert.equal(roadmap2019to2024.length, 24);
  assert.equal(new Set(roadmap2019to2024.map((r) => r.code)).size, 24);
  assert.deepEqual(roadmap2019to2024.filter((r) => r.number === 8).map((r) => r.code), ['A-8', 'B-8']);
  const groups = roadmap2019to2024.reduce<Record<string, number>>((m, r) => ({ ...m, [r.group]: (m[r.group] ?? 0) + 1 }), {});
  assert.deepEqual(groups, { tata_kelola: 8, infrastruktur: 7, layanan: 6, sdm: 3 });
  const b13 = roadmap2019to2024.find((r) => r.code === 'B-13')!;
  assert.deepEqual(spanOf(b13.outputs), { startYear: 2020, endYear: 2023 });
});

test('overdue: after 31 December of the target year (WITA), unless done or cancelled', () => {
  const i = { startYear: 2020, endYear: 2020, status: 'in_progress' as const, progress: 50 };
  assert.equal(isOverdue(i, new Date('2020-12-31T15:00:00Z')), false); // 23:00 WITA
  assert.equal(isOverdue(i, new Date('2020-12-31T16:00:01Z')), true); // 00:00:01 WITA 1 Jan 2021
  assert.equal(isOverdue({ ...i, status: 'done' }, new Date('2025-01-01')), false);
  assert.equal(isOverdue({ ...i, status: 'cancelled' }, new Date('2025-01-01')), false);
});

test('expected progress and Gantt geometry', () => {
  assert.equal(expectedProgress({ startYear: 2020, endYear: 2023 }, new Date('2019-06-01')), 0);
  assert.equal(expectedProgress({ startYear: 2020, endYear: 2023 }, new Date('2022-01-01T00:00:00+08:00')), 50);
  assert.equal(expectedProgress({ startYear: 2020, endYear: 2023 }, new Date('2030-01-01')), 100);
  assert.deepEqual(ganttBar({ startYear: 2020, endYear: 2023 }, 2019, 2024), { left: (1 / 6) * 100, width: (4 / 6) * 100 });
  assert.deepEqual(ganttBar({ startYear: 2030, endYear: 2031 }, 2019, 2024), { left: 0, width: 0 });
});
