import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  addWorkingDays,
  createCalendar,
  evaluateSla,
  isWorkingDate,
  localDateOf,
  workingDaysBetweenDates,
  workingMsBetween,
  DAY_MS,
} from '../../../src/modules/care/sla-clock.ts';
import { holidaySeeds, holidays2025, holidays2026 } from '../../../src/modules/care/seed/holidays.ts';

const cal = createCalendar(holidaySeeds, { years: [2025, 2026] });
/** An instant given in WITA local time. */
const wita = (local: string) => new Date(`${local}+08:00`);

describe('holiday seed (SKB 3 Menteri)', () => {
  test('2025 has 17 national holidays and 11 cuti bersama (10 + 18 Aug amendment)', () => {
    assert.equal(holidays2025.filter((h) => h.kind === 'libur_nasional').length, 17);
    assert.equal(holidays2025.filter((h) => h.kind === 'cuti_bersama').length, 11);
  });
  test('2026 has 17 national holidays and 8 cuti bersama', () => {
    assert.equal(holidays2026.filter((h) => h.kind === 'libur_nasional').length, 17);
    assert.equal(holidays2026.filter((h) => h.kind === 'cuti_bersama').length, 8);
  });
  test('dates are unique, valid and sorted', () => {
    const dates = holidaySeeds.map((h) => h.date);
    assert.equal(new Set(dates).size, dates.length);
    assert.deepEqual([...dates].sort(), dates);
  });
  test('Idul Fitri 1447 H and its cuti bersama are closed days', () => {
    for (const d of ['2026-03-20', '2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24']) {
      assert.equal(isWorkingDate(cal, d), false, d);
    }
    assert.equal(isWorkingDate(cal, '2026-03-25'), true);
  });
});

describe('calendar helpers', () => {
  test('local date uses WITA (UTC+8), not UTC', () => {
    assert.equal(localDateOf(cal, new Date('2026-11-23T16:30:00Z')), '2026-11-24');
    assert.equal(localDateOf(cal, new Date('2026-11-23T15:59:59Z')), '2026-11-23');
  });
  test('addWorkingDays skips weekends and holidays', () => {
    assert.equal(addWorkingDays(cal, '2026-11-20', 1), '2026-11-23'); // Fri → Mon
    assert.equal(addWorkingDays(cal, '2026-03-17', 1), '2026-03-25'); // over Nyepi + Idul Fitri
    assert.equal(addWorkingDays(cal, '2026-03-17', 0), '2026-03-17');
    assert.throws(() => addWorkingDays(cal, '2026-03-17', -1));
  });
  test('workingDaysBetweenDates counts days after `from` up to `to`', () => {
    assert.equal(workingDaysBetweenDates(cal, '2026-11-23', '2026-11-27'), 4);
    assert.equal(workingDaysBetweenDates(cal, '2026-03-17', '2026-03-24'), 0);
    assert.equal(workingDaysBetweenDates(cal, '2026-11-27', '2026-11-23'), 0);
  });
  test('createCalendar rejects bad dates', () => {
    assert.throws(() => createCalendar([{ date: '2026-13-01' }]));
  });
});

describe('deadlines', () => {
  test('a plain week: received Monday, 3 working days → due end of Thursday', () => {
    const r = evaluateSla({ calendar: cal, startedAt: wita('2026-11-23T10:00:00'), budgetWorkingDays: 3, now: wita('2026-11-23T10:00:00') });
    assert.equal(r.dueDate, '2026-11-26');
    assert.equal(r.dueAt.toISOString(), wita('2026-11-27T00:00:00').toISOString());
    assert.equal(r.level, 'ok');
  });
  test('received Friday evening → due Wednesday', () => {
    const r = evaluateSla({ calendar: cal, startedAt: wita('2026-11-20T19:00:00'), budgetWorkingDays: 3, now: wita('2026-11-20T19:00:00') });
    assert.equal(r.dueDate, '2026-11-25');
  });
  test('received on Saturday → counted from Monday', () => {
    const r = evaluateSla({ calendar: cal, startedAt: wita('2026-11-21T08:00:00'), budgetWorkingDays: 3, now: wita('2026-11-21T08:00:00') });
    assert.equal(r.dueDate, '2026-11-25');
  });
  test('received 00:30 WITA Tuesday (still Monday in UTC) → counted from Wednesday', () => {
    const r = evaluateSla({ calendar: cal, startedAt: new Date('2026-11-23T16:30:00Z'), budgetWorkingDays: 3, now: new Date('2026-11-23T16:30:00Z') });
    assert.equal(r.dueDate, '2026-11-27');
  });
  test('dispatched just before Nyepi and Idul Fitri 2026: 5 working days → due 31 March', () => {
    const r = evaluateSla({ calendar: cal, startedAt: wita('2026-03-17T14:00:00'), budgetWorkingDays: 5, now: wita('2026-03-17T14:00:00') });
    assert.equal(r.dueDate, '2026-03-31');
  });
  test('received the day before cuti bersama Nyepi 2025, verification 3 days → due 10 April', () => {
    const r = evaluateSla({ calendar: cal, startedAt: wita('2025-03-27T09:00:00'), budgetWorkingDays: 3, now: wita('2025-03-27T09:00:00') });
    assert.equal(r.dueDate, '2025-04-10');
  });
  test('the 18 August 2025 amendment is honoured', () => {
    const r = evaluateSla({ calendar: cal, startedAt: wita('2025-08-15T09:00:00'), budgetWorkingDays: 5, now: wita('2025-08-15T09:00:00') });
    assert.equal(r.dueDate, '2025-08-25');
  });
  test('Christmas 2026 with cuti bersama on the 24th', () => {
    const r = evaluateSla({ calendar: cal, startedAt: wita('2026-12-23T09:00:00'), budgetWorkingDays: 3, now: wita('2026-12-23T09:00:00') });
    assert.equal(r.dueDate, '2026-12-30');
  });
  test('across the year boundary 2025 → 2026 (New Year is closed)', () => {
    const r = evaluateSla({ calendar: cal, startedAt: wita('2025-12-24T09:00:00'), budgetWorkingDays: 5, now: wita('2025-12-24T09:00:00') });
    assert.equal(r.dueDate, '2026-01-05');
  });
  test('without the holiday calendar the same dispatch would be due a week earlier', () => {
    const bare = createCalendar([], { years: [2026] });
    const r = evaluateSla({ calendar: bare, startedAt: wita('2026-03-17T14:00:00'), budgetWorkingDays: 5, now: wita('2026-03-17T14:00:00') });
    assert.equal(r.dueDate, '2026-03-24');
  });
  test('countStartDay counts the start day as the first working day', () => {
    const r = evaluateSla({ calendar: cal, startedAt: wita('2026-11-23T10:00:00'), budgetWorkingDays: 3, now: wita('2026-11-23T10:00:00'), countStartDay: true });
    assert.equal(r.dueDate, '2026-11-25');
  });
  test('a year the calendar does not cover is flagged', () => {
    const r = evaluateSla({ calendar: cal, startedAt: wita('2026-12-29T09:00:00'), budgetWorkingDays: 5, now: wita('2026-12-29T09:00:00') });
    assert.equal(r.calendarGap, true);
    const ok = evaluateSla({ calendar: cal, startedAt: wita('2026-11-23T09:00:00'), budgetWorkingDays: 5, now: wita('2026-11-23T09:00:00') });
    assert.equal(ok.calendarGap, false);
  });
  test('a non-positive budget is refused', () => {
    assert.throws(() => evaluateSla({ calendar: cal, startedAt: wita('2026-11-23T09:00:00'), budgetWorkingDays: 0, now: wita('2026-11-23T09:00:00') }));
  });
});

describe('levels: warning at 80 %, overdue, escalation at 2×', () => {
  const base = { calendar: cal, startedAt: wita('2026-11-23T10:00:00'), budgetWorkingDays: 3 } as const;
  test('80 % of 3 days is reached on the third day at 09:36 WITA', () => {
    const r = evaluateSla({ ...base, now: wita('2026-11-26T09:35:00') });
    assert.equal(r.level, 'ok');
    assert.equal(r.warnAt.toISOString(), wita('2026-11-26T09:36:00').toISOString());
    assert.equal(r.nextCheckAt?.toISOString(), r.warnAt.toISOString());
    assert.equal(evaluateSla({ ...base, now: wita('2026-11-26T09:36:00') }).level, 'warning');
  });
  test('80 % of 5 days that ends on a Friday night warns on Monday morning, not Saturday', () => {
    const r = evaluateSla({ calendar: cal, startedAt: wita('2026-11-23T10:00:00'), budgetWorkingDays: 5, now: wita('2026-11-28T01:00:00') });
    assert.equal(r.warnAt.toISOString(), wita('2026-11-30T00:00:00').toISOString());
    assert.equal(r.level, 'ok');
  });
  test('overdue from the first minute after the deadline day', () => {
    assert.equal(evaluateSla({ ...base, now: wita('2026-11-26T23:59:59') }).level, 'warning');
    const r = evaluateSla({ ...base, now: wita('2026-11-27T00:00:00') });
    assert.equal(r.level, 'overdue');
    assert.equal(r.nextCheckAt?.toISOString(), r.escalateAt.toISOString());
  });
  test('escalated at twice the budget (6 working days → end of 1 December)', () => {
    const r = evaluateSla({ ...base, now: wita('2026-12-01T12:00:00') });
    assert.equal(r.level, 'overdue');
    assert.equal(r.escalateAt.toISOString(), wita('2026-12-02T00:00:00').toISOString());
    const e = evaluateSla({ ...base, now: wita('2026-12-02T00:00:00') });
    assert.equal(e.level, 'escalated');
    assert.equal(e.nextCheckAt, null);
  });
  test('elapsed working days and ratio', () => {
    const r = evaluateSla({ ...base, now: wita('2026-11-25T12:00:00') });
    assert.equal(r.elapsedWorkingDays, 1.5);
    assert.equal(r.ratio, 0.5);
  });
  test('a weekend does not advance the clock', () => {
    const fri = evaluateSla({ calendar: cal, startedAt: wita('2026-11-23T10:00:00'), budgetWorkingDays: 5, now: wita('2026-11-28T00:00:00') });
    const sun = evaluateSla({ calendar: cal, startedAt: wita('2026-11-23T10:00:00'), budgetWorkingDays: 5, now: wita('2026-11-29T23:00:00') });
    assert.equal(fri.elapsedWorkingDays, 4);
    assert.equal(sun.elapsedWorkingDays, 4);
  });
  test('stopped before the deadline → met; after → not met; level frozen', () => {
    const met = evaluateSla({ ...base, stoppedAt: wita('2026-11-26T15:00:00'), now: wita('2026-12-10T00:00:00') });
    assert.equal(met.metDeadline, true);
    assert.equal(met.level, 'warning');
    assert.equal(met.nextCheckAt, null);
    const late = evaluateSla({ ...base, stoppedAt: wita('2026-11-27T08:00:00'), now: wita('2026-12-10T00:00:00') });
    assert.equal(late.metDeadline, false);
    assert.equal(late.level, 'overdue');
  });
});

describe('pauses (waiting for the reporter)', () => {
  const start = wita('2026-11-23T09:00:00'); // Monday; 5 days → due Monday 30 Nov
  test('without pause: due 30 November', () => {
    assert.equal(evaluateSla({ calendar: cal, startedAt: start, budgetWorkingDays: 5, now: start }).dueDate, '2026-11-30');
  });
  test('paused Wed 10:00 → Fri 15:00 pushes the deadline to Thursday 3 December', () => {
    const pauses = [{ from: wita('2026-11-25T10:00:00'), to: wita('2026-11-27T15:00:00') }];
    const r = evaluateSla({ calendar: cal, startedAt: start, budgetWorkingDays: 5, pauses, now: wita('2026-11-28T00:00:00') });
    assert.equal(r.dueDate, '2026-12-03');
    // Tue (24h) + Wed 00–10 (10h) + Fri 15–24 (9h) = 43h
    assert.equal(r.elapsedWorkingDays * 24, 43);
    assert.equal(r.paused, false);
  });
  test('an open pause freezes the clock and the level; nothing to schedule', () => {
    const pauses = [{ from: wita('2026-11-25T10:00:00'), to: null }];
    const a = evaluateSla({ calendar: cal, startedAt: start, budgetWorkingDays: 5, pauses, now: wita('2026-11-26T10:00:00') });
    const b = evaluateSla({ calendar: cal, startedAt: start, budgetWorkingDays: 5, pauses, now: wita('2026-12-09T10:00:00') });
    assert.equal(a.paused, true);
    assert.equal(a.nextCheckAt, null);
    assert.equal(a.elapsedWorkingDays, b.elapsedWorkingDays);
    assert.equal(b.level, 'ok');
    // projection: if resumed now, the due date moves with the pause
    assert.ok(b.dueAt.getTime() > a.dueAt.getTime());
  });
  test('a pause over a weekend only changes nothing', () => {
    const pauses = [{ from: wita('2026-11-28T00:00:00'), to: wita('2026-11-30T00:00:00') }];
    assert.equal(evaluateSla({ calendar: cal, startedAt: start, budgetWorkingDays: 5, pauses, now: start }).dueDate, '2026-11-30');
  });
  test('a pause over Idul Fitri counts only the working days it covered', () => {
    // dispatched Tue 17 Mar 2026, paused 18 → 27 Mar: only 25 and 26 Mar were working days
    const pauses = [{ from: wita('2026-03-18T00:00:00'), to: wita('2026-03-27T00:00:00') }];
    const r = evaluateSla({ calendar: cal, startedAt: wita('2026-03-17T14:00:00'), budgetWorkingDays: 5, pauses, now: wita('2026-03-27T00:00:00') });
    assert.equal(r.dueDate, '2026-04-02'); // 31 Mar + 2 working days (1, 2 Apr)
  });
  test('overlapping and unsorted pauses are merged', () => {
    const pauses = [
      { from: wita('2026-11-26T00:00:00'), to: wita('2026-11-27T00:00:00') },
      { from: wita('2026-11-25T00:00:00'), to: wita('2026-11-26T12:00:00') },
    ];
    const r = evaluateSla({ calendar: cal, startedAt: start, budgetWorkingDays: 5, pauses, now: wita('2026-11-27T00:00:00') });
    assert.equal(r.dueDate, '2026-12-02');
    assert.equal(r.elapsedWorkingDays, 1);
  });
  test('workingMsBetween excludes pauses and non-working days', () => {
    const ms = workingMsBetween(cal, wita('2026-11-27T00:00:00'), wita('2026-12-01T00:00:00'), [
      { from: wita('2026-11-30T06:00:00'), to: wita('2026-11-30T18:00:00') },
    ]);
    assert.equal(ms, DAY_MS + DAY_MS / 2);
    assert.equal(workingMsBetween(cal, wita('2026-12-01T00:00:00'), wita('2026-11-27T00:00:00')), 0);
  });
});
