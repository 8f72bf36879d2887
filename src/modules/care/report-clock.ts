/**
 * Derives a report's SLA clocks from its event history (pure). The clock effects of each action are
 * declared in report-workflow.ts; this file applies them in order:
 * - verification: from receipt to verification or rejection;
 * - follow-up: from the FIRST dispatch of a round — re-routing and return-to-admin do not reset it —
 *   paused while waiting for the reporter, stopped by the follow-up; an objection opens a new round;
 * - objection window: from the (latest) follow-up, closed by confirmation, objection or auto-close.
 */
import { transitions, type ReportAction } from './report-workflow.ts';
import { evaluateSla, type Interval, type SlaEvaluation, type WorkingCalendar } from './sla-clock.ts';

export interface ClockEvent {
  action: ReportAction;
  at: Date;
}

export interface ClockSpan {
  startedAt: Date;
  stoppedAt: Date | null;
  pauses: Interval[];
}

export interface ReportClocks {
  verification: ClockSpan;
  /** Every follow-up round, oldest first; round 0 is the one "first response within SLA" measures. */
  followUpRounds: ClockSpan[];
  objectionWindow: ClockSpan | null;
}

export function deriveClocks(receivedAt: Date, events: readonly ClockEvent[]): ReportClocks {
  const verification: ClockSpan = { startedAt: receivedAt, stoppedAt: null, pauses: [] };
  const rounds: ClockSpan[] = [];
  let current: ClockSpan | null = null;
  let objection: ClockSpan | null = null;
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const ev of sorted) {
    for (const effect of transitions[ev.action].clock) {
      switch (effect) {
        case 'stop_verification':
          verification.stoppedAt ??= ev.at;
          break;
        case 'start_followup':
          if (!current) {
            current = { startedAt: ev.at, stoppedAt: null, pauses: [] };
            rounds.push(current);
          }
          break;
        case 'restart_followup':
          current = { startedAt: ev.at, stoppedAt: null, pauses: [] };
          rounds.push(current);
          break;
        case 'pause_followup':
          if (current && !current.stoppedAt) current.pauses.push({ from: ev.at, to: null });
          break;
        case 'resume_followup': {
          const open = current?.pauses.find((p) => p.to === null);
          if (open) open.to = ev.at;
          break;
        }
        case 'stop_followup':
          if (current && !current.stoppedAt) current.stoppedAt = ev.at;
          break;
        case 'start_objection_window':
          objection = { startedAt: ev.at, stoppedAt: null, pauses: [] };
          break;
        case 'stop_objection_window':
          if (objection && !objection.stoppedAt) objection.stoppedAt = ev.at;
          break;
      }
    }
  }
  return { verification, followUpRounds: rounds, objectionWindow: objection };
}

export interface SlaBudgets {
  verifyWorkingDays: number;
  followUpWorkingDays: number;
  objectionWorkingDays: number;
}

export const defaultBudgets: SlaBudgets = { verifyWorkingDays: 3, followUpWorkingDays: 5, objectionWorkingDays: 10 };

export interface ReportSla {
  verification: SlaEvaluation;
  /** The current (latest) follow-up round, if dispatched. */
  followUp: SlaEvaluation | null;
  /** The first round: the one that counts for "first response within SLA". */
  firstFollowUp: SlaEvaluation | null;
  objectionWindow: SlaEvaluation | null;
}

export function evaluateReportSla(
  calendar: WorkingCalendar,
  clocks: ReportClocks,
  budgets: SlaBudgets,
  now: Date,
): ReportSla {
  const ev = (span: ClockSpan, budget: number) =>
    evaluateSla({ calendar, startedAt: span.startedAt, stoppedAt: span.stoppedAt, pauses: span.pauses, budgetWorkingDays: budget, now });
  const rounds = clocks.followUpRounds;
  return {
    verification: ev(clocks.verification, budgets.verifyWorkingDays),
    followUp: rounds.length ? ev(rounds[rounds.length - 1]!, budgets.followUpWorkingDays) : null,
    firstFollowUp: rounds.length ? ev(rounds[0]!, budgets.followUpWorkingDays) : null,
    objectionWindow: clocks.objectionWindow ? ev(clocks.objectionWindow, budgets.objectionWorkingDays) : null,
  };
}

/** True while the reporter may still object: the window started and its deadline day has not ended. */
export function objectionWindowOpen(sla: ReportSla, now: Date): boolean {
  const w = sla.objectionWindow;
  return Boolean(w && !w.stopped && now.getTime() < w.dueAt.getTime());
}
