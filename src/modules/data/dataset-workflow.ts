/**
 * The SOP of NTB Satu Data (seed 003) as one table of states and transitions.
 *
 * A workflow instance is one *revision* of a dataset: the first upload is revision 1; a published
 * dataset is revised by opening a new revision in `draft` while the published one stays public;
 * when the new one is published the old one becomes `superseded`.
 *
 *   draft ──submit──▶ submitted ──check──▶ checked ──validate──▶ validated ──publish──▶ published
 *     ▲  ◀─withdraw──┘    │                  │                                         │   ▲
 *     │                return             reject                                 unpublish republish
 *  returned ◀─────────────┴──────────────────┘                                         ▼   │
 *     └──submit──▶ submitted                                                       unpublished
 *
 * Who may fire what is part of the table (deny by default). Organisation scoping: produsen and
 * kepala OPD act only on their own organisation's data; walidata act on every organisation.
 */

export type WorkflowState = 'draft' | 'submitted' | 'returned' | 'checked' | 'validated' | 'published' | 'unpublished' | 'superseded';
export type WorkflowEvent =
  | 'submit' | 'withdraw' | 'return' | 'check' | 'reject' | 'validate' | 'publish' | 'auto_publish'
  | 'unpublish' | 'republish' | 'supersede';
export type WorkflowRole = 'produsen' | 'walidata' | 'kepala_opd' | 'system';

/** Items of the walidata conformity checklist (SDI principles, seed 000/003). */
export const CHECKLIST_ITEMS = ['metadata_complete', 'schema_valid', 'reference_codes', 'open_format'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export interface TransitionRule {
  event: WorkflowEvent;
  from: readonly WorkflowState[];
  to: WorkflowState;
  roles: readonly WorkflowRole[];
  /** Actor must belong to the dataset's organisation (ignored for walidata and system). */
  sameOrganisation: boolean;
  /** A free-text note is required (returning, rejecting). */
  noteRequired?: boolean;
  /** A reason is required (unpublishing). */
  reasonRequired?: boolean;
  /** Every checklist item must be ticked. */
  checklistRequired?: boolean;
  /** Who gets told: the role that must act next ('owner' = the producing organisation's produsen). */
  notify: ReadonlyArray<'produsen' | 'walidata' | 'kepala_opd'>;
}

export const TRANSITIONS: readonly TransitionRule[] = [
  { event: 'submit', from: ['draft', 'returned'], to: 'submitted', roles: ['produsen'], sameOrganisation: true, notify: ['walidata'] },
  { event: 'withdraw', from: ['submitted'], to: 'draft', roles: ['produsen'], sameOrganisation: true, notify: ['walidata'] },
  { event: 'return', from: ['submitted'], to: 'returned', roles: ['walidata'], sameOrganisation: false, noteRequired: true, notify: ['produsen'] },
  { event: 'check', from: ['submitted'], to: 'checked', roles: ['walidata'], sameOrganisation: false, checklistRequired: true, notify: ['kepala_opd'] },
  { event: 'reject', from: ['checked'], to: 'returned', roles: ['kepala_opd'], sameOrganisation: true, noteRequired: true, notify: ['produsen', 'walidata'] },
  { event: 'validate', from: ['checked'], to: 'validated', roles: ['kepala_opd'], sameOrganisation: true, notify: ['walidata'] },
  { event: 'publish', from: ['validated'], to: 'published', roles: ['walidata'], sameOrganisation: false, notify: ['produsen', 'kepala_opd'] },
  { event: 'auto_publish', from: ['validated'], to: 'published', roles: ['system'], sameOrganisation: false, notify: ['produsen', 'kepala_opd', 'walidata'] },
  { event: 'unpublish', from: ['published'], to: 'unpublished', roles: ['walidata'], sameOrganisation: false, reasonRequired: true, notify: ['produsen', 'kepala_opd'] },
  { event: 'republish', from: ['unpublished'], to: 'published', roles: ['walidata'], sameOrganisation: false, notify: ['produsen', 'kepala_opd'] },
  { event: 'supersede', from: ['published', 'unpublished'], to: 'superseded', roles: ['system'], sameOrganisation: false, notify: [] },
];

export const STATES: readonly WorkflowState[] = ['draft', 'submitted', 'returned', 'checked', 'validated', 'published', 'unpublished', 'superseded'];

/** States in which the producer may still edit metadata, schema and resources. */
export const EDITABLE_STATES: readonly WorkflowState[] = ['draft', 'returned'];

/** The actor as the workflow sees it: roles held and the organisation they belong to. */
export interface WorkflowActor {
  roles: readonly WorkflowRole[];
  organisationId: string | null;
}

export interface TransitionInput {
  note?: string;
  reason?: string;
  checklist?: Partial<Record<ChecklistItem, boolean>>;
}

export type TransitionDenial =
  | { code: 'not_allowed' }
  | { code: 'forbidden_role' }
  | { code: 'other_organisation' }
  | { code: 'note_required' }
  | { code: 'reason_required' }
  | { code: 'checklist_incomplete'; missing: ChecklistItem[] };

export type TransitionResult =
  | { ok: true; rule: TransitionRule; to: WorkflowState }
  | ({ ok: false } & TransitionDenial);

export function ruleFor(event: WorkflowEvent): TransitionRule | undefined {
  return TRANSITIONS.find((t) => t.event === event);
}

/**
 * Decide whether `actor` may fire `event` on a revision in `state` owned by `organisationId`.
 * Pure: the service loads the revision, calls this, then writes the new state, audit and
 * notifications in one transaction.
 */
export function decideTransition(
  state: WorkflowState,
  event: WorkflowEvent,
  actor: WorkflowActor,
  organisationId: string,
  input: TransitionInput = {},
): TransitionResult {
  const rule = ruleFor(event);
  if (!rule || !rule.from.includes(state)) return { ok: false, code: 'not_allowed' };
  const role = rule.roles.find((r) => actor.roles.includes(r));
  if (!role) return { ok: false, code: 'forbidden_role' };
  if (rule.sameOrganisation && role !== 'walidata' && role !== 'system' && actor.organisationId !== organisationId) {
    return { ok: false, code: 'other_organisation' };
  }
  if (rule.noteRequired && !(input.note ?? '').trim()) return { ok: false, code: 'note_required' };
  if (rule.reasonRequired && !(input.reason ?? '').trim()) return { ok: false, code: 'reason_required' };
  if (rule.checklistRequired) {
    const missing = CHECKLIST_ITEMS.filter((k) => !input.checklist?.[k]);
    if (missing.length) return { ok: false, code: 'checklist_incomplete', missing };
  }
  return { ok: true, rule, to: rule.to };
}

/** Events the actor could fire now (for buttons and "my tasks"); ignores note/checklist inputs. */
export function availableEvents(state: WorkflowState, actor: WorkflowActor, organisationId: string): WorkflowEvent[] {
  return TRANSITIONS.filter((t) => {
    if (!t.from.includes(state)) return false;
    const role = t.roles.find((r) => actor.roles.includes(r));
    if (!role || role === 'system') return false;
    if (t.sameOrganisation && role !== 'walidata' && actor.organisationId !== organisationId) return false;
    return true;
  }).map((t) => t.event);
}

/** The role whose move it is in a state (for "my tasks" and for notifications). */
export function nextActor(state: WorkflowState): 'produsen' | 'walidata' | 'kepala_opd' | null {
  switch (state) {
    case 'draft':
    case 'returned': return 'produsen';
    case 'submitted':
    case 'validated': return 'walidata';
    case 'checked': return 'kepala_opd';
    default: return null;
  }
}

/** A new revision of a published (or unpublished) dataset may be opened; not while another is in flight. */
export function canOpenRevision(latestState: WorkflowState): boolean {
  return latestState === 'published' || latestState === 'unpublished';
}

/**
 * Automatic publication after validation (configurable; the SOP norm is 3 minutes): the time at
 * which the system should publish a revision validated at `validatedAt`, or null when disabled.
 */
export function autoPublishAt(validatedAt: Date, delayMinutes: number | null): Date | null {
  if (delayMinutes === null || delayMinutes < 0) return null;
  return new Date(validatedAt.getTime() + delayMinutes * 60_000);
}
