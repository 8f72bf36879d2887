/**
 * Progress of commitments and plans, computed from milestones. Pure; "now" is injected.
 *
 * Month boundaries are taken in NTB local time (WITA, UTC+8): a milestone ending 2021-12
 * is overdue from 2022-01-01 00:00 WITA if it is not finished.
 */
import type { IrmCompletion, MilestoneStatus } from './commitment.schema.ts';

/** WITA offset from UTC in milliseconds. */
export const WITA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface MilestoneProgressInput {
  status?: MilestoneStatus | null;
  startMonth?: string | null;
  endMonth?: string | null;
  /** Latest reported completion, 0–100, from progress updates (optional). */
  reportedPercent?: number | null;
}

export interface MilestoneProgress {
  /** 0–100 credit this milestone contributes. */
  percent: number;
  overdue: boolean;
  /** Whole days since the end month closed, when overdue. */
  daysOverdue: number;
  /** Start month has passed but status is still "not started" (or unstated). */
  lateStart: boolean;
}

export interface ProgressSummary {
  total: number;
  /** Count per status; `unstated` for milestones whose status is blank. */
  byStatus: Record<MilestoneStatus | 'unstated', number>;
  finished: number;
  /** Finished milestones as a share of all, 0–100 (strict measure). */
  finishedPercent: number;
  /** Mean credit of all milestones, 0–100 (counts reported partial progress). */
  percent: number;
  overdue: number;
  lateStart: number;
}

/** Instant at which month `YYYY-MM` begins in WITA. */
export function monthStart(month: string): Date {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1) - WITA_OFFSET_MS);
}

/** Instant at which month `YYYY-MM` ends (the next month begins) in WITA. */
export function monthEnd(month: string): Date {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1) - WITA_OFFSET_MS);
}

/** The WITA month containing `now`, as YYYY-MM. */
export function currentMonth(now: Date): string {
  const d = new Date(now.getTime() + WITA_OFFSET_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Credit per status. "In progress" and "stuck" use the latest reported percent when there is
 * one; without a report an in-progress milestone counts half and a stuck one counts nothing.
 * "Incomplete" (closed without finishing) keeps its reported percent, else nothing.
 */
export function milestoneCredit(m: MilestoneProgressInput): number {
  const reported = typeof m.reportedPercent === 'number' && Number.isFinite(m.reportedPercent)
    ? Math.min(100, Math.max(0, m.reportedPercent))
    : null;
  switch (m.status) {
    case 'finished': return 100;
    case 'in_progress': return reported ?? 50;
    case 'stuck':
    case 'incomplete': return reported ?? 0;
    default: return 0;
  }
}

/** Progress of one milestone at `now`. */
export function milestoneProgress(m: MilestoneProgressInput, now: Date): MilestoneProgress {
  const percent = milestoneCredit(m);
  const open = m.status !== 'finished' && m.status !== 'incomplete';
  let overdue = false;
  let daysOverdue = 0;
  if (open && m.endMonth) {
    const end = monthEnd(m.endMonth).getTime();
    if (now.getTime() >= end) {
      overdue = true;
      daysOverdue = Math.floor((now.getTime() - end) / DAY_MS);
    }
  }
  const lateStart = !!m.startMonth && (m.status === 'not_started' || m.status == null)
    && now.getTime() >= monthEnd(m.startMonth).getTime();
  return { percent, overdue, daysOverdue, lateStart };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Aggregate progress over a list of milestones (a commitment). */
export function summarize(milestones: readonly MilestoneProgressInput[], now: Date): ProgressSummary {
  const byStatus: ProgressSummary['byStatus'] = {
    not_started: 0, in_progress: 0, stuck: 0, finished: 0, incomplete: 0, unstated: 0,
  };
  let credit = 0;
  let overdue = 0;
  let lateStart = 0;
  for (const m of milestones) {
    byStatus[m.status ?? 'unstated']++;
    const p = milestoneProgress(m, now);
    credit += p.percent;
    if (p.overdue) overdue++;
    if (p.lateStart) lateStart++;
  }
  const total = milestones.length;
  return {
    total,
    byStatus,
    finished: byStatus.finished,
    finishedPercent: total ? round1((byStatus.finished / total) * 100) : 0,
    percent: total ? round1(credit / total) : 0,
    overdue,
    lateStart,
  };
}

/**
 * Progress of a plan. Each commitment weighs the same (a commitment with nine milestones does
 * not outweigh one with five); counts are summed over all milestones.
 */
export function summarizePlan(commitments: readonly (readonly MilestoneProgressInput[])[], now: Date): ProgressSummary & { commitments: number } {
  const all = summarize(commitments.flat(), now);
  const withMilestones = commitments.filter((c) => c.length > 0);
  const percent = withMilestones.length
    ? round1(withMilestones.reduce((s, c) => s + summarize(c, now).percent, 0) / withMilestones.length)
    : 0;
  return { ...all, percent, commitments: commitments.length };
}

/**
 * The IRM completion level the milestones suggest, as a starting point for the assessor
 * (the assessor decides; evidence may say otherwise).
 */
export function suggestedCompletion(s: ProgressSummary): IrmCompletion {
  if (s.total === 0) return 'no_evidence';
  if (s.finished === s.total) return 'complete';
  if (s.percent === 0) return 'not_started';
  return s.percent >= 50 ? 'substantial' : 'limited';
}

/** Position of a month range on a timeline between `from` and `to`, as fractions 0–1 (for the timeline view). */
export function timelineBar(startMonth: string, endMonth: string, from: string, to: string): { left: number; width: number } {
  const t0 = monthStart(from).getTime();
  const t1 = monthEnd(to).getTime();
  const span = t1 - t0;
  if (span <= 0) return { left: 0, width: 0 };
  const s = Math.max(t0, monthStart(startMonth).getTime());
  const e = Math.min(t1, monthEnd(endMonth).getTime());
  return { left: (s - t0) / span, width: Math.max(0, e - s) / span };
}
