/**
 * The NTB Care report workflow as one table: states, actions, who may fire each action, what each
 * action needs, what it does to the SLA clocks and whom it notifies. Pure: the service loads the
 * report, asks `decideTransition`, then writes the new state, the event, the audit entry and the
 * notifications in one transaction.
 *
 *   diterima ──verifikasi──▶ terverifikasi ──disposisi──▶ didisposisi ──tindak_lanjut──▶ ditindaklanjuti ──konfirmasi / selesai_otomatis──▶ selesai
 *      │                         │   ▲                      │  ▲  │  ▲                        │
 *      └──tolak──▶ ditolak ◀──tolak┘   └──────kembalikan──────┘  │  │  └──jawab_informasi──┐    └──keberatan (within 10 working days)──▶ didisposisi
 *                                                   disposisi_ulang  └─minta_informasi──▶ menunggu_pelapor
 */

export const reportStates = [
  'diterima',
  'terverifikasi',
  'ditolak',
  'didisposisi',
  'menunggu_pelapor',
  'ditindaklanjuti',
  'selesai',
] as const;
export type ReportState = (typeof reportStates)[number];

/** States after which nothing more is expected from staff. */
export const terminalStates: readonly ReportState[] = ['ditolak', 'selesai'];

export type ActorRole = 'complaint_admin' | 'complaint_liaison' | 'reporter' | 'system';

export const rejectReasons = ['spam', 'duplikat', 'di_luar_kewenangan'] as const;
export type RejectReason = (typeof rejectReasons)[number];

/** What an action does to the clocks (see report-clock.ts). */
export type ClockEffect =
  | 'stop_verification'
  | 'start_followup' // first dispatch only; a later dispatch keeps the original start
  | 'pause_followup'
  | 'resume_followup'
  | 'stop_followup'
  | 'start_objection_window'
  | 'stop_objection_window'
  | 'restart_followup'; // a new follow-up round after the reporter objects

export type Recipient = 'reporter' | 'assigned_org' | 'previous_org' | 'complaint_admin' | 'duplicate_master_reporter';

export type RequiredField = 'organisation' | 'reason' | 'rejectReason' | 'message' | 'rating';

/** Who may act: any holder of the role, or only members of the organisation the report is assigned to. */
export type Scope = 'any' | 'assigned_org';

export interface TransitionDef {
  from: readonly ReportState[];
  /** Target state; 'same' keeps the state (an event without a state change). */
  to: ReportState | 'same';
  roles: readonly ActorRole[];
  scope: Scope;
  requires: readonly RequiredField[];
  clock: readonly ClockEffect[];
  notify: readonly Recipient[];
  /** The event appears on the public timeline (internal notes never do). */
  publicEvent: boolean;
  /** Extra precondition the service supplies (checked here from the context). */
  guard?: 'objection_window_open' | 'objection_window_expired' | 'not_rated' | 'different_organisation';
}

export const transitions = {
  verifikasi: {
    from: ['diterima'], to: 'terverifikasi', roles: ['complaint_admin'], scope: 'any',
    requires: [], clock: ['stop_verification'], notify: ['reporter'], publicEvent: true,
  },
  tolak: {
    from: ['diterima', 'terverifikasi'], to: 'ditolak', roles: ['complaint_admin'], scope: 'any',
    requires: ['rejectReason'], clock: ['stop_verification'], notify: ['reporter', 'duplicate_master_reporter'], publicEvent: true,
  },
  disposisi: {
    from: ['terverifikasi'], to: 'didisposisi', roles: ['complaint_admin'], scope: 'any',
    requires: ['organisation'], clock: ['start_followup'], notify: ['assigned_org', 'reporter'], publicEvent: true,
  },
  disposisi_ulang: {
    from: ['didisposisi'], to: 'didisposisi', roles: ['complaint_admin'], scope: 'any',
    requires: ['organisation', 'reason'], clock: [], notify: ['assigned_org', 'previous_org', 'reporter'], publicEvent: true,
    guard: 'different_organisation',
  },
  kembalikan: {
    from: ['didisposisi'], to: 'terverifikasi', roles: ['complaint_liaison'], scope: 'assigned_org',
    requires: ['reason'], clock: [], notify: ['complaint_admin'], publicEvent: false,
  },
  minta_informasi: {
    from: ['didisposisi'], to: 'menunggu_pelapor', roles: ['complaint_liaison'], scope: 'assigned_org',
    requires: ['message'], clock: ['pause_followup'], notify: ['reporter'], publicEvent: true,
  },
  jawab_informasi: {
    from: ['menunggu_pelapor'], to: 'didisposisi', roles: ['reporter'], scope: 'any',
    requires: ['message'], clock: ['resume_followup'], notify: ['assigned_org'], publicEvent: true,
  },
  tindak_lanjut: {
    from: ['didisposisi'], to: 'ditindaklanjuti', roles: ['complaint_liaison'], scope: 'assigned_org',
    requires: ['message'], clock: ['stop_followup', 'start_objection_window'], notify: ['reporter', 'complaint_admin'], publicEvent: true,
  },
  konfirmasi: {
    from: ['ditindaklanjuti'], to: 'selesai', roles: ['reporter'], scope: 'any',
    requires: [], clock: ['stop_objection_window'], notify: ['assigned_org'], publicEvent: true,
  },
  keberatan: {
    from: ['ditindaklanjuti'], to: 'didisposisi', roles: ['reporter'], scope: 'any',
    requires: ['reason'], clock: ['stop_objection_window', 'restart_followup'], notify: ['assigned_org', 'complaint_admin'], publicEvent: true,
    guard: 'objection_window_open',
  },
  selesai_otomatis: {
    from: ['ditindaklanjuti'], to: 'selesai', roles: ['system'], scope: 'any',
    requires: [], clock: ['stop_objection_window'], notify: ['reporter', 'assigned_org'], publicEvent: true,
    guard: 'objection_window_expired',
  },
  beri_nilai: {
    from: ['selesai'], to: 'same', roles: ['reporter'], scope: 'any',
    requires: ['rating'], clock: [], notify: ['assigned_org'], publicEvent: true,
    guard: 'not_rated',
  },
} as const satisfies Record<string, TransitionDef>;

export type ReportAction = keyof typeof transitions;
export const reportActions = Object.keys(transitions) as ReportAction[];

export interface WorkflowActor {
  role: ActorRole;
  /** Organisations whose complaint liaison the actor is (for scope 'assigned_org'). */
  organisationIds?: readonly string[];
}

export interface WorkflowReport {
  state: ReportState;
  assignedOrganisationId: string | null;
  rated?: boolean;
}

export interface TransitionPayload {
  organisationId?: string;
  reason?: string;
  rejectReason?: RejectReason;
  /** For rejectReason 'duplikat': the report this one duplicates. */
  duplicateOfId?: string;
  /** For rejectReason 'di_luar_kewenangan': where the reporter should go instead. */
  referral?: string;
  message?: string;
  rating?: number;
}

export interface TransitionContext {
  objectionWindowOpen?: boolean;
}

export type TransitionError =
  | { code: 'unknown_action' }
  | { code: 'invalid_state'; state: ReportState }
  | { code: 'forbidden' }
  | { code: 'missing_field'; field: string }
  | { code: 'invalid_field'; field: string }
  | { code: 'guard_failed'; guard: NonNullable<TransitionDef['guard']> };

export type TransitionDecision =
  | { ok: true; action: ReportAction; from: ReportState; to: ReportState; def: TransitionDef }
  | { ok: false; error: TransitionError };

function hasText(s: string | undefined): boolean {
  return typeof s === 'string' && s.trim().length > 0;
}

function mayAct(def: TransitionDef, actor: WorkflowActor, report: WorkflowReport): boolean {
  if (!def.roles.includes(actor.role)) return false;
  if (def.scope === 'assigned_org') {
    return report.assignedOrganisationId !== null && (actor.organisationIds ?? []).includes(report.assignedOrganisationId);
  }
  return true;
}

/** Decides whether `actor` may fire `action` on `report` with `payload`; pure, no side effects. */
export function decideTransition(
  action: string,
  actor: WorkflowActor,
  report: WorkflowReport,
  payload: TransitionPayload = {},
  ctx: TransitionContext = {},
): TransitionDecision {
  if (!Object.hasOwn(transitions, action)) return { ok: false, error: { code: 'unknown_action' } };
  const a = action as ReportAction;
  const def: TransitionDef = transitions[a];
  if (!mayAct(def, actor, report)) return { ok: false, error: { code: 'forbidden' } };
  if (!def.from.includes(report.state)) return { ok: false, error: { code: 'invalid_state', state: report.state } };
  for (const f of def.requires) {
    if (f === 'organisation' && !hasText(payload.organisationId)) return miss('organisationId');
    if (f === 'reason' && !hasText(payload.reason)) return miss('reason');
    if (f === 'message' && !hasText(payload.message)) return miss('message');
    if (f === 'rating') {
      if (payload.rating === undefined) return miss('rating');
      if (!Number.isInteger(payload.rating) || payload.rating < 1 || payload.rating > 5) return bad('rating');
    }
    if (f === 'rejectReason') {
      if (!payload.rejectReason) return miss('rejectReason');
      if (!rejectReasons.includes(payload.rejectReason)) return bad('rejectReason');
      if (payload.rejectReason === 'duplikat' && !hasText(payload.duplicateOfId)) return miss('duplicateOfId');
      if (payload.rejectReason === 'di_luar_kewenangan' && !hasText(payload.referral)) return miss('referral');
    }
  }
  switch (def.guard) {
    case 'objection_window_open':
      if (ctx.objectionWindowOpen !== true) return guard(def.guard);
      break;
    case 'objection_window_expired':
      if (ctx.objectionWindowOpen !== false) return guard(def.guard);
      break;
    case 'not_rated':
      if (report.rated) return guard(def.guard);
      break;
    case 'different_organisation':
      if (payload.organisationId === report.assignedOrganisationId) return guard(def.guard);
      break;
  }
  const to = def.to === 'same' ? report.state : def.to;
  return { ok: true, action: a, from: report.state, to, def };
}

const miss = (field: string): TransitionDecision => ({ ok: false, error: { code: 'missing_field', field } });
const bad = (field: string): TransitionDecision => ({ ok: false, error: { code: 'invalid_field', field } });
const guard = (g: NonNullable<TransitionDef['guard']>): TransitionDecision => ({ ok: false, error: { code: 'guard_failed', guard: g } });

/** Actions `actor` could fire on `report` now (ignoring payload), for showing buttons. */
export function availableActions(actor: WorkflowActor, report: WorkflowReport, ctx: TransitionContext = {}): ReportAction[] {
  return reportActions.filter((a) => {
    const def: TransitionDef = transitions[a];
    if (!mayAct(def, actor, report) || !def.from.includes(report.state)) return false;
    if (def.guard === 'objection_window_open' && ctx.objectionWindowOpen !== true) return false;
    if (def.guard === 'objection_window_expired' && ctx.objectionWindowOpen !== false) return false;
    if (def.guard === 'not_rated' && report.rated) return false;
    return true;
  });
}

/** Open311 `status` (the spec has only open/closed). */
export function open311Status(state: ReportState): 'open' | 'closed' {
  return state === 'selesai' || state === 'ditolak' ? 'closed' : 'open';
}

/**
 * FixMyStreet's extended status names (mySociety open311-adapter), used in servicerequestupdates.
 * FixMyStreet lower-cases and maps them itself, so the lower-case form is the canonical one.
 */
export function fixMyStreetStatus(state: ReportState, rejectReason?: RejectReason | null): string {
  switch (state) {
    case 'diterima': return 'open';
    case 'terverifikasi': return 'investigating';
    case 'didisposisi': return 'in_progress';
    case 'menunggu_pelapor': return 'in_progress';
    case 'ditindaklanjuti': return 'action_scheduled';
    case 'selesai': return 'fixed';
    case 'ditolak':
      if (rejectReason === 'duplikat') return 'duplicate';
      if (rejectReason === 'di_luar_kewenangan') return 'not_councils_responsibility';
      return 'closed';
  }
}
