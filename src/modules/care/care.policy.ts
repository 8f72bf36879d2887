/**
 * Who may do what in NTB Care (deny by default). Workflow actions are decided by the transition
 * table (report-workflow.ts); these rules cover reading and administration.
 */
import { definePolicy, hasRole, isAdmin, type Actor } from '../../core/policy.ts';

export interface ReportScope {
  assignedOrganisationId: string | null;
}

export function isComplaintAdmin(a: Actor | null | undefined): boolean {
  return isAdmin(a) || hasRole(a, 'complaint_admin');
}

/** The staff view the actor gets of a report, or null: it may not see it at all. */
export function staffViewOf(a: Actor | null | undefined, r: ReportScope): 'admin' | 'liaison' | null {
  if (!a) return null;
  if (isComplaintAdmin(a)) return 'admin';
  if (r.assignedOrganisationId && (hasRole(a, 'complaint_liaison', r.assignedOrganisationId) || hasRole(a, 'kepala_opd', r.assignedOrganisationId))) return 'liaison';
  // Oversight (inspectorate, leaders): read-only, with the same privacy as an agency.
  if (hasRole(a, 'inspektorat') || hasRole(a, 'leader')) return 'liaison';
  return null;
}

definePolicy({
  'care.report.read': (a, r: ReportScope) => staffViewOf(a, r) !== null,
  'care.inbox.read': (a) => isComplaintAdmin(a) || hasRole(a, 'complaint_liaison') || hasRole(a, 'kepala_opd') || hasRole(a, 'inspektorat') || hasRole(a, 'leader'),
  'care.overdue.read': (a) => isComplaintAdmin(a) || hasRole(a, 'inspektorat') || hasRole(a, 'leader'),
  'care.config.manage': (a) => isComplaintAdmin(a),
  'care.note.add': (a, r: ReportScope) => staffViewOf(a, r) !== null,
});
