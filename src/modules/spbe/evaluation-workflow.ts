/**
 * Evaluation workflow as one table: self-assessment → internal review → final (locked).
 * Services look transitions up here; no if-chains in handlers.
 */
export const EVALUATION_STATES = ['self_assessment', 'internal_review', 'final'] as const;
export type EvaluationState = (typeof EVALUATION_STATES)[number];

export type EvaluationTransition = 'submit' | 'return' | 'finalise';

/** who may fire a transition: evaluators fill and submit; reviewers return or finalise */
export type WorkflowRole = 'spbe_evaluator' | 'spbe_reviewer';

interface TransitionDef {
  from: EvaluationState;
  to: EvaluationState;
  roles: WorkflowRole[];
  /** the evaluation must have every indicator assessed */
  requiresComplete: boolean;
}

export const EVALUATION_TRANSITIONS: Record<EvaluationTransition, TransitionDef> = {
  submit: { from: 'self_assessment', to: 'internal_review', roles: ['spbe_evaluator', 'spbe_reviewer'], requiresComplete: true },
  return: { from: 'internal_review', to: 'self_assessment', roles: ['spbe_reviewer'], requiresComplete: false },
  finalise: { from: 'internal_review', to: 'final', roles: ['spbe_reviewer'], requiresComplete: true },
};

/** In which states may the levels, justification and evidence be edited, and by whom. */
export const EDITABLE_BY: Record<EvaluationState, WorkflowRole[]> = {
  self_assessment: ['spbe_evaluator', 'spbe_reviewer'],
  internal_review: ['spbe_reviewer'],
  final: [],
};

export function isTransition(x: unknown): x is EvaluationTransition {
  return typeof x === 'string' && Object.hasOwn(EVALUATION_TRANSITIONS, x);
}

export type TransitionCheck =
  | { ok: true; to: EvaluationState }
  | { ok: false; reason: 'wrong_state' | 'role' | 'incomplete' };

/** Pure check of a transition; the service adds the actual authorisation and the audit entry. */
export function checkTransition(
  state: EvaluationState,
  transition: EvaluationTransition,
  roles: WorkflowRole[],
  complete: boolean,
): TransitionCheck {
  const def = EVALUATION_TRANSITIONS[transition];
  if (!def || def.from !== state) return { ok: false, reason: 'wrong_state' };
  if (!def.roles.some((r) => roles.includes(r))) return { ok: false, reason: 'role' };
  if (def.requiresComplete && !complete) return { ok: false, reason: 'incomplete' };
  return { ok: true, to: def.to };
}

export function availableTransitions(state: EvaluationState, roles: WorkflowRole[]): EvaluationTransition[] {
  return (Object.keys(EVALUATION_TRANSITIONS) as EvaluationTransition[]).filter((t) => {
    const d = EVALUATION_TRANSITIONS[t];
    return d.from === state && d.roles.some((r) => roles.includes(r));
  });
}

export function canEditEntries(state: EvaluationState, roles: WorkflowRole[]): boolean {
  return EDITABLE_BY[state].some((r) => roles.includes(r));
}
