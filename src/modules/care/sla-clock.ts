/**
 * Working-day SLA clock (pure; "now" is always passed in).
 *
 * Rules, as used by LAPOR! SP4N and adopted for NTB Care:
 * - Deadlines are counted in working days in the province's local time (WITA, UTC+8, no DST):
 *   Saturdays, Sundays, national holidays and cuti bersama are not working days.
 * - The day on which the clock starts is not counted: a report received on Monday with a budget of
 *   3 working days is due by the end of Thursday (if Tue–Thu are working days).
 * - A deadline falls at the end of a local day: `dueAt` is the exclusive end (local midnight).
 * - Pauses (waiting for the reporter) stop the clock; the time paused on working days is added.
 *   A pause that ends in the middle of a day pushes the deadline to the end of the day on which
 *   the budget is used up, never to an odd hour.
 * - The warning falls when 80 % of the budget is used (exact instant), overdue at the deadline,
 *   escalation at twice the budget (end of that day).
 * - Re-routing is not a clock event: callers keep the original start (see report-clock.ts).
 */

export const DAY_MS = 86_400_000;

/** The working calendar: weekends plus the closed dates the admin maintains per year. */
export interface WorkingCalendar {
  /** Local dates (YYYY-MM-DD) that are holidays or collective leave. */
  readonly closedDates: ReadonlySet<string>;
  /** Years whose holidays are maintained; other years are counted with weekends only. */
  readonly years: ReadonlySet<number>;
  /** Offset of local time from UTC in minutes (WITA = 480). */
  readonly utcOffsetMinutes: number;
}

export interface Interval {
  from: Date;
  /** null: still open (e.g. the report is still waiting for the reporter). */
  to: Date | null;
}

export const WITA_OFFSET_MINUTES = 480;

export function createCalendar(
  entries: Iterable<{ date: string }>,
  opts: { years?: Iterable<number>; utcOffsetMinutes?: number } = {},
): WorkingCalendar {
  const closedDates = new Set<string>();
  const years = new Set<number>(opts.years ?? []);
  for (const e of entries) {
    assertDate(e.date);
    closedDates.add(e.date);
    if (!opts.years) years.add(Number(e.date.slice(0, 4)));
  }
  return { closedDates, years, utcOffsetMinutes: opts.utcOffsetMinutes ?? WITA_OFFSET_MINUTES };
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
function assertDate(date: string): void {
  if (!DATE_RE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new RangeError(`invalid date: ${date}`);
  }
}

/** The local calendar date of an instant. */
export function localDateOf(cal: WorkingCalendar, instant: Date): string {
  return new Date(instant.getTime() + cal.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The instant at which a local date begins. */
export function startOfLocalDay(cal: WorkingCalendar, date: string): Date {
  assertDate(date);
  return new Date(Date.parse(`${date}T00:00:00Z`) - cal.utcOffsetMinutes * 60_000);
}

export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function isWeekend(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
}

export function isWorkingDate(cal: WorkingCalendar, date: string): boolean {
  return !isWeekend(date) && !cal.closedDates.has(date);
}

/** The n-th working day after `date` (the date itself not counted); n = 0 returns `date`. */
export function addWorkingDays(cal: WorkingCalendar, date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  let d = date;
  let left = n;
  while (left > 0) {
    d = addCalendarDays(d, 1);
    if (isWorkingDate(cal, d)) left--;
  }
  return d;
}

/** Whole working days strictly after `from` up to and including `to` (0 if to <= from). */
export function workingDaysBetweenDates(cal: WorkingCalendar, from: string, to: string): number {
  let n = 0;
  for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) {
    if (isWorkingDate(cal, d)) n++;
  }
  return n;
}

/** Rounds an instant up to the end of its local day (a local midnight stays as it is). */
export function ceilToLocalDayEnd(cal: WorkingCalendar, instant: Date): Date {
  const date = localDateOf(cal, instant);
  const start = startOfLocalDay(cal, date);
  return start.getTime() === instant.getTime() ? instant : startOfLocalDay(cal, addCalendarDays(date, 1));
}

/** Sorted, merged pause intervals with open ends closed at `openEnd`. */
function normalisePauses(pauses: readonly Interval[], openEnd: number): Array<[number, number]> {
  const list = pauses
    .map((p): [number, number] => [p.from.getTime(), p.to ? p.to.getTime() : Math.max(openEnd, p.from.getTime())])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const [a, b] of list) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** Length of [a,b) minus the pauses, and a locator for the instant at a given offset within it. */
function segmentsMinus(a: number, b: number, pauses: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let cur = a;
  for (const [pa, pb] of pauses) {
    if (pb <= cur) continue;
    if (pa >= b) break;
    if (pa > cur) out.push([cur, Math.min(pa, b)]);
    cur = Math.max(cur, pb);
    if (cur >= b) break;
  }
  if (cur < b) out.push([cur, b]);
  return out;
}

const MAX_DAYS = 366 * 30;

interface Walk {
  /** Working milliseconds accrued between clock start and `until`. */
  elapsedMs: number;
  /** Instants at which the accrued time reaches each target (null if beyond the horizon). */
  reached: Array<Date | null>;
  calendarGap: boolean;
}

/**
 * Walks working days from `clockStart`, accruing running time (working days minus pauses).
 * Measures the time accrued until `until` and the instants when each target is reached.
 */
function walk(
  cal: WorkingCalendar,
  clockStart: number,
  until: number,
  pauses: Array<[number, number]>,
  targetsMs: number[],
  strict: boolean[] = [],
): Walk {
  const reached: Array<Date | null> = targetsMs.map(() => null);
  let pending = targetsMs.length;
  let acc = 0;
  let elapsedMs = 0;
  let elapsedDone = false;
  let calendarGap = false;
  let date = localDateOf(cal, new Date(clockStart));
  for (let i = 0; i < MAX_DAYS && (pending > 0 || !elapsedDone); i++, date = addCalendarDays(date, 1)) {
    const dayStart = startOfLocalDay(cal, date).getTime();
    const dayEnd = dayStart + DAY_MS;
    if (!elapsedDone && dayStart >= until) {
      elapsedMs = acc;
      elapsedDone = true;
    }
    if (!cal.years.has(Number(date.slice(0, 4))) && !isWeekend(date)) {
      if (!elapsedDone || pending > 0) calendarGap = true;
    }
    if (!isWorkingDate(cal, date)) continue;
    const segs = segmentsMinus(Math.max(dayStart, clockStart), dayEnd, pauses);
    for (const [sa, sb] of segs) {
      const len = sb - sa;
      if (!elapsedDone && until < sb) {
        elapsedMs = acc + Math.max(0, until - sa);
        elapsedDone = true;
      }
      for (let t = 0; t < targetsMs.length; t++) {
        const hit = strict[t] ? acc + len > targetsMs[t]! : acc + len >= targetsMs[t]!;
        if (reached[t] === null && hit) {
          reached[t] = new Date(sa + (targetsMs[t]! - acc));
          pending--;
        }
      }
      acc += len;
    }
  }
  if (!elapsedDone) elapsedMs = acc;
  return { elapsedMs, reached, calendarGap };
}

/** Running working time (ms) between the clock start and `until`, pauses excluded. */
export function workingMsBetween(
  cal: WorkingCalendar,
  clockStart: Date,
  until: Date,
  pauses: readonly Interval[] = [],
): number {
  if (until.getTime() <= clockStart.getTime()) return 0;
  return walk(cal, clockStart.getTime(), until.getTime(), normalisePauses(pauses, until.getTime()), []).elapsedMs;
}

export type SlaLevel = 'ok' | 'warning' | 'overdue' | 'escalated';

export interface SlaInput {
  calendar: WorkingCalendar;
  /** When the clock started (receipt for verification; first dispatch for follow-up). */
  startedAt: Date;
  /** Budget in working days (e.g. 3 to verify, 5 to follow up, 10 objection window). */
  budgetWorkingDays: number;
  /** Intervals when the clock did not run; an open one means the clock is paused now. */
  pauses?: readonly Interval[];
  /** The step is done at this instant: the clock stops here. */
  stoppedAt?: Date | null;
  now: Date;
  /** Fraction of the budget at which to warn (default 0.8). */
  warnRatio?: number;
  /** Multiple of the budget at which to escalate further (default 2). */
  escalateFactor?: number;
  /** Count the start day as the first working day (default false: it is not counted). */
  countStartDay?: boolean;
}

export interface SlaEvaluation {
  level: SlaLevel;
  paused: boolean;
  stopped: boolean;
  /** Working days used so far (fractional). */
  elapsedWorkingDays: number;
  budgetWorkingDays: number;
  /** elapsed / budget. */
  ratio: number;
  warnAt: Date;
  /** Exclusive end of the deadline day. */
  dueAt: Date;
  /** The deadline day, local date. */
  dueDate: string;
  escalateAt: Date;
  /** If stopped: whether it stopped by the deadline. */
  metDeadline: boolean | null;
  /** Next instant at which the level changes; null when stopped or paused. */
  nextCheckAt: Date | null;
  /** True if a day in the computation lies in a year the holiday calendar does not cover. */
  calendarGap: boolean;
}

/**
 * Evaluates a working-day SLA at `now` (or at `stoppedAt` if the step is done).
 * While paused, projections assume the clock resumes at the evaluation instant.
 */
export function evaluateSla(input: SlaInput): SlaEvaluation {
  const { calendar: cal, budgetWorkingDays: budget } = input;
  if (!(budget > 0)) throw new RangeError('budgetWorkingDays must be > 0');
  const warnRatio = input.warnRatio ?? 0.8;
  const escalateFactor = input.escalateFactor ?? 2;
  const end = (input.stoppedAt ?? input.now).getTime();
  const start = input.countStartDay
    ? startOfLocalDay(cal, localDateOf(cal, input.startedAt)).getTime()
    : startOfLocalDay(cal, addCalendarDays(localDateOf(cal, input.startedAt), 1)).getTime();
  const rawPauses = input.pauses ?? [];
  const paused = !input.stoppedAt && rawPauses.some((p) => p.to === null && p.from.getTime() <= end);
  const pauses = normalisePauses(rawPauses, end);
  const budgetMs = budget * DAY_MS;
  // The warning is strict: reaching 80 % exactly at the end of a working day warns at the start
  // of the next working day, not on a Saturday night.
  const w = walk(cal, start, end, pauses, [warnRatio * budgetMs, budgetMs, escalateFactor * budgetMs], [true, false, false]);
  const [warnAt, dueRaw, escRaw] = w.reached;
  if (!warnAt || !dueRaw || !escRaw) throw new RangeError('deadline beyond the calendar horizon');
  const dueAt = ceilToLocalDayEnd(cal, dueRaw);
  const escalateAt = ceilToLocalDayEnd(cal, escRaw);
  const level: SlaLevel =
    end >= escalateAt.getTime() ? 'escalated' : end >= dueAt.getTime() ? 'overdue' : end >= warnAt.getTime() ? 'warning' : 'ok';
  const stopped = Boolean(input.stoppedAt);
  let nextCheckAt: Date | null = null;
  if (!stopped && !paused) {
    nextCheckAt = [warnAt, dueAt, escalateAt].find((d) => d.getTime() > end) ?? null;
  }
  return {
    level,
    paused,
    stopped,
    elapsedWorkingDays: w.elapsedMs / DAY_MS,
    budgetWorkingDays: budget,
    ratio: w.elapsedMs / budgetMs,
    warnAt,
    dueAt,
    dueDate: localDateOf(cal, new Date(dueAt.getTime() - 1)),
    escalateAt,
    metDeadline: stopped ? end <= dueAt.getTime() : null,
    nextCheckAt,
    calendarGap: w.calendarGap,
  };
}
