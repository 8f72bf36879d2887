/**
 * Roadmap (Peta Rencana) pure rules: when is an initiative overdue, how its timeline bar is drawn.
 */
export const INITIATIVE_STATUSES = ['not_started', 'in_progress', 'done', 'stuck', 'cancelled'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

export interface InitiativeTiming {
  startYear: number;
  endYear: number;
  status: InitiativeStatus;
  /** 0..100 */
  progress: number;
}

/**
 * Overdue: the target year has ended (31 December of endYear, in Asia/Makassar, UTC+8 — NTB's time zone)
 * and the initiative is neither done nor cancelled.
 */
export function isOverdue(i: InitiativeTiming, now: Date): boolean {
  if (i.status === 'done' || i.status === 'cancelled') return false;
  const endOfTargetYear = Date.UTC(i.endYear, 11, 31, 23, 59, 59) - 8 * 3600 * 1000;
  return now.getTime() > endOfTargetYear;
}

/**
 * Expected progress by now if work were spread evenly over the target years, 0..100; used to flag
 * initiatives behind schedule before they are overdue.
 */
export function expectedProgress(i: Pick<InitiativeTiming, 'startYear' | 'endYear'>, now: Date): number {
  const start = Date.UTC(i.startYear, 0, 1) - 8 * 3600 * 1000;
  const end = Date.UTC(i.endYear + 1, 0, 1) - 8 * 3600 * 1000;
  const t = now.getTime();
  if (t <= start) return 0;
  if (t >= end) return 100;
  return Math.round(((t - start) / (end - start)) * 100);
}

/** Gantt geometry in percent of the axis [fromYear, toYear] (whole years). */
export function ganttBar(i: Pick<InitiativeTiming, 'startYear' | 'endYear'>, fromYear: number, toYear: number): { left: number; width: number } {
  const span = toYear - fromYear + 1;
  const s = Math.max(i.startYear, fromYear);
  const e = Math.min(i.endYear, toYear);
  if (e < s) return { left: 0, width: 0 };
  return { left: ((s - fromYear) / span) * 100, width: ((e - s + 1) / span) * 100 };
}

/** Initiative timing from its outputs: earliest start, latest end. */
export function spanOf(outputs: Array<{ startYear: number; endYear: number }>): { startYear: number; endYear: number } {
  return {
    startYear: Math.min(...outputs.map((o) => o.startYear)),
    endYear: Math.max(...outputs.map((o) => o.endYear)),
  };
}
