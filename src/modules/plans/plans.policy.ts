/**
 * Who may do what in Rencana Aksi. Deny by default.
 * - Everyone reads plans, commitments, versions, diffs, published comments and responses.
 * - The OGP secretariat (plan_secretariat) runs the process: commitments, drafts, consultations,
 *   moderation, reasoned responses, events, working groups, assessments.
 * - CSO partners (cso_member) co-create: they edit the working text and issue Draft 1 and Draft 2
 *   (seed 002: those drafts are written by CSOs with the secretariat) and log co-creation events.
 * - Progress on a milestone is reported by the secretariat or by staff of a responsible organisation.
 */
import { definePolicy, hasRole, isAdmin, type Actor } from '../../core/policy.ts';
import type { DraftStage } from './commitment.schema.ts';

export function isSecretariat(a: Actor | null): boolean {
  return isAdmin(a) || hasRole(a, 'plan_secretariat');
}
function isCoCreator(a: Actor | null): boolean {
  return isSecretariat(a) || hasRole(a, 'cso_member');
}

definePolicy({
  'plans.plan.manage': (a) => isSecretariat(a),
  'plans.commitment.create': (a) => isSecretariat(a),
  'plans.commitment.edit': (a) => isCoCreator(a),
  'plans.version.issue': (a, r: { stage: DraftStage }) =>
    isSecretariat(a) || (hasRole(a, 'cso_member') && (r?.stage === 'draft_1' || r?.stage === 'draft_2')),
  'plans.consultation.manage': (a) => isSecretariat(a),
  'plans.comment.moderate': (a) => isSecretariat(a),
  'plans.comment.respond': (a) => isSecretariat(a),
  'plans.event.log': (a) => isCoCreator(a),
  'plans.workingGroup.manage': (a) => isSecretariat(a),
  'plans.assessment.record': (a) => isSecretariat(a),
  'plans.milestone.report': (a, r: { responsibleOrgIds: string[] }) =>
    isSecretariat(a) || (!!a && a.memberships.some((m) => (r?.responsibleOrgIds ?? []).includes(m.organisationId))),
  'plans.manage.view': (a) => isCoCreator(a),
});
