import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  milestoneProgress, milestoneCredit, summarize, summarizePlan, suggestedCompletion, monthEnd, monthStart,
  currentMonth, timelineBar,
} from '../../../src/modules/plans/progress.ts';
import { SATU_DATA_COMMITMENT } from '../../../src/modules/plans/seed/commitment-satu-data.ts';
import { NTB_CARE_COMMITMENT } from '../../../src/modules/plans/seed/commitment-ntb-care.ts';

test('month boundaries are in WITA (UTC+8)', () => {
  assert.equal(monthStart('2021-12').toISOString(), '2021-11-30T16:00:00.000Z');
  assert.equal(monthEnd('2021-12').toISOString(), '2021-12-31T16:00:00.000Z');
  assert.equal(currentMonth(new Date('2021-12-31T15:59:59Z')), '2021-12');
  assert.equal(currentMonth(new Date('2021-12-31T16:00:00Z')), '2022-01');
});

test('a milestone is overdue from the first instant after its end month, unless finished or closed', () => {
  const m = { status: 'in_progress' as const, startMonth: '2021-08', endMonth: '2021-12' };
  assert.equal(milestoneProgress(m, new Date('2021-12-31T15:59:59Z')).overdue, false);
  const p = milestoneProgress(m, new Date('2021-12-31T16:00:00Z'));
  assert.equal(p.overdue, true);
  assert.equal(p.daysOverdue, 0);
  assert.equal(milestoneProgress(m, new Date('2022-01-10T16:00:00Z')).daysOverdue, 10);
  assert.equal(milestoneProgress({ ...m, status: 'finished' }, new Date('2023-01-01')).overdue, false);
  assert.equal(milestoneProgress({ ...m, status: 'incomplete' }, new Date('2023-01-01')).overdue, false);
  assert.equal(milestoneProgress({ ...m, status: 'stuck' }, new Date('2023-01-01')).overdue, true);
  assert.equal(milestoneProgress({ ...m, endMonth: null }, new Date('2030-01-01')).overdue, false);
});

test('late start: start month over and still not started (or unstated)', () => {
  const m = { status: 'not_started' as const, startMonth: '2022-03', endMonth: '2022-06' };
  assert.equal(milestoneProgress(m, new Date('2022-03-15')).lateStart, false);
  assert.equal(milestoneProgress(m, new Date('2022-04-01')).lateStart, true);
  assert.equal(milestoneProgress({ ...m, status: null }, new Date('2022-04-01')).lateStart, true);
  assert.equal(milestoneProgress({ ...m, status: 'in_progress' }, new Date('2022-04-01')).lateStart, false);
});

test('credit per status, using the reported percent when given', () => {
  assert.equal(milestoneCredit({ status: 'finished' }), 100);
  assert.equal(milestoneCredit({ status: 'finished', reportedPercent: 10 }), 100);
  assert.equal(milestoneCredit({ status: 'in_progress' }), 50);
  assert.equal(milestoneCredit({ status: 'in_progress', reportedPercent: 80 }), 80);
  assert.equal(milestoneCredit({ status: 'in_progress', reportedPercent: 180 }), 100);
  assert.equal(milestoneCredit({ status: 'stuck' }), 0);
  assert.equal(milestoneCredit({ status: 'stuck', reportedPercent: 30 }), 30);
  assert.equal(milestoneCredit({ status: 'not_started', reportedPercent: 30 }), 0);
  assert.equal(milestoneCredit({ status: null }), 0);
});

test('Satu Data as seeded, at the end of 2021: 3 of 9 in progress, 2 overdue', () => {
  const now = new Date('2022-01-15T00:00:00Z');
  const s = summarize(SATU_DATA_COMMITMENT.milestones, now);
  assert.equal(s.total, 9);
  assert.deepEqual(s.byStatus, { not_started: 6, in_progress: 3, stuck: 0, finished: 0, incomplete: 0, unstated: 0 });
  assert.equal(s.finishedPercent, 0);
  assert.equal(s.percent, 16.7); // 3 × 50 / 9
  assert.equal(s.overdue, 2); // regulation (Dec 2021) and data architecture (Nov 2021)
  assert.equal(suggestedCompletion(s), 'limited');
});

test('NTB Care as seeded keeps unstated statuses apart', () => {
  const s = summarize(NTB_CARE_COMMITMENT.milestones, new Date('2021-10-01'));
  assert.deepEqual(s.byStatus, { not_started: 2, in_progress: 0, stuck: 0, finished: 0, incomplete: 0, unstated: 3 });
  assert.equal(s.percent, 0);
  assert.equal(s.overdue, 0);
  assert.equal(suggestedCompletion(s), 'not_started');
});

test('plan progress weighs each commitment equally', () => {
  const a = [{ status: 'finished' as const }];
  const b = [{ status: 'not_started' as const }, { status: 'not_started' as const }, { status: 'not_started' as const }];
  const p = summarizePlan([a, b, []], new Date());
  assert.equal(p.percent, 50);
  assert.equal(p.total, 4);
  assert.equal(p.finished, 1);
  assert.equal(p.finishedPercent, 25);
  assert.equal(p.commitments, 3);
  assert.equal(summarizePlan([], new Date()).percent, 0);
});

test('suggested IRM completion', () => {
  const now = new Date();
  assert.equal(suggestedCompletion(summarize([], now)), 'no_evidence');
  assert.equal(suggestedCompletion(summarize([{ status: 'finished' }, { status: 'finished' }], now)), 'complete');
  assert.equal(suggestedCompletion(summarize([{ status: 'finished' }, { status: 'in_progress' }], now)), 'substantial');
});

test('timeline bar positions', () => {
  assert.deepEqual(timelineBar('2021-01', '2021-12', '2021-01', '2021-12'), { left: 0, width: 1 });
  const b = timelineBar('2022-01', '2022-12', '2021-01', '2023-12');
  assert.ok(Math.abs(b.left - 365 / 1095) < 1e-9);
  assert.ok(Math.abs(b.width - 365 / 1095) < 1e-9);
  assert.deepEqual(timelineBar('2020-01', '2020-02', '2021-01', '2021-12'), { left: 0, width: 0 });
});
