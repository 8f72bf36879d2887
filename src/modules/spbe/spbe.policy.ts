/**
 * Who may do what in SPBE; deny by default. Evaluation rules consult the workflow table for the state.
 */
import { definePolicy, hasAnyRole, hasRole, isAdmin, type Actor } from '../../core/policy.ts';
import { availableTransitions, canEditEntries, type EvaluationState, type EvaluationTransition, type WorkflowRole } from './evaluation-workflow.ts';

/** The workflow roles an actor holds (admins act as reviewers). */
export function workflowRoles(actor: Actor | null): WorkflowRole[] {
  if (!actor) return [];
  const roles: WorkflowRole[] = [];
  if (hasRole(actor, 'spbe_evaluator')) roles.push('spbe_evaluator');
  if (hasRole(actor, 'spbe_reviewer') || isAdmin(actor)) roles.push('spbe_reviewer');
  return roles;
}

const spbeStaff = (a: Actor | null): boolean => isAdmin(a) || hasAnyRole(a, ['spbe_evaluator', 'spbe_reviewer']);

definePolicy({
  'spbe.framework.import': (a) => isAdmin(a),
  'spbe.evaluation.create': (a) => isAdmin(a) || hasRole(a, 'spbe_reviewer'),
  // final evaluations are public; work in progress is for the SPBE team and leaders
  'spbe.evaluation.read': (a, e: { state: EvaluationState }) => e?.state === 'final' || spbeStaff(a) || hasRole(a, 'leader'),
  'spbe.evaluation.edit': (a, e: { state: EvaluationState }) => !!e && canEditEntries(e.state, workflowRoles(a)),
  'spbe.evaluation.transition': (a, r: { state: EvaluationState; transition: EvaluationTransition }) => !!r && availableTransitions(r.state, workflowRoles(a)).includes(r.transition),
  'spbe.evaluation.workspace': (a) => spbeStaff(a) || hasRole(a, 'leader'),
  'spbe.recommendation.act': (a) => spbeStaff(a),
  // the responsible organisations update their initiatives; the SPBE team and admins may update any
  'spbe.initiative.update': (a, i: { organisationIds: string[] }) => spbeStaff(a) || (!!a && !!i && a.memberships.some((m) => i.organisationIds.includes(m.organisationId))),
  'spbe.initiative.link': (a) => isAdmin(a) || hasRole(a, 'spbe_reviewer'),
  'spbe.application.manage': (a, app: { ownerOrganisationId: string | null } | undefined) => spbeStaff(a) || (!!a && !!app?.ownerOrganisationId && a.memberships.some((m) => m.organisationId === app.ownerOrganisationId)),
  'spbe.application.import': (a) => spbeStaff(a),
  'spbe.architecture.link': (a) => spbeStaff(a) || hasRole(a, 'walidata'),
});
