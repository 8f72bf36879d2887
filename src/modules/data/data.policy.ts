/**
 * Who may do what in Satu Data, deny by default. Workflow transitions are decided by the table in
 * dataset-workflow.ts; these rules cover reading, editing and the administrative pages.
 * Walidata act on every organisation (Diskominfotik's Bidang Statistik is the provincial walidata).
 */
import { definePolicy, hasRole, isAdmin, type Actor } from '../../core/policy.ts';
import { EDITABLE_STATES, type WorkflowActor, type WorkflowRole, type WorkflowState } from './dataset-workflow.ts';

export interface RevisionRef {
  organisationId: string;
  state: WorkflowState;
  /** True when this revision is the one the public sees. */
  isPublic: boolean;
}

function member(a: Actor | null, orgId: string): boolean {
  return !!a && a.memberships.some((m) => m.organisationId === orgId && (m.role === 'produsen_data' || m.role === 'kepala_opd'));
}

export function isWalidata(a: Actor | null): boolean {
  return hasRole(a, 'walidata') || isAdmin(a);
}

definePolicy({
  'data.request.respond': (a) => isWalidata(a),
  'data.dataset.create': (a, r: { organisationId: string }) => !!a && hasRole(a, 'produsen_data', r.organisationId),
  'data.revision.read': (a, r: RevisionRef) => r.isPublic || isWalidata(a) || member(a, r.organisationId),
  'data.revision.edit': (a, r: RevisionRef) => !!a && hasRole(a, 'produsen_data', r.organisationId) && EDITABLE_STATES.includes(r.state),
  'data.revision.open': (a, r: RevisionRef) => !!a && hasRole(a, 'produsen_data', r.organisationId),
  'data.schema.edit': (a, r: RevisionRef) => !!a && ((hasRole(a, 'produsen_data', r.organisationId) && EDITABLE_STATES.includes(r.state)) || (isWalidata(a) && r.state === 'submitted')),
  'data.workspace.use': (a) => !!a && (isWalidata(a) || hasRole(a, 'produsen_data') || hasRole(a, 'kepala_opd') || hasRole(a, 'pembina_data') || hasRole(a, 'forum_secretariat')),
  'data.list.manage': (a) => isWalidata(a) || hasRole(a, 'forum_secretariat'),
  'data.list.comment': (a) => isWalidata(a) || hasRole(a, 'pembina_data') || hasRole(a, 'forum_secretariat'),
  'data.list.edit_item': (a, r: { organisationId: string; frozen: boolean }) => !r.frozen && (isWalidata(a) || hasRole(a, 'forum_secretariat') || hasRole(a, 'produsen_data', r.organisationId)),
  'data.monitor.read': (a) => isWalidata(a) || hasRole(a, 'leader') || hasRole(a, 'pembina_data'),
  'data.report.manage': (a) => isWalidata(a),
  'data.requests.manage': (a) => isWalidata(a),
  'data.settings.manage': (a) => isWalidata(a),
});

/**
 * The actor as the workflow table sees it, relative to the dataset's organisation: roles held in that
 * organisation (plus walidata, which is province-wide); an actor with roles only elsewhere keeps
 * them but with their own organisation, so the table answers "other organisation".
 */
export function workflowActor(a: Actor, organisationId: string): WorkflowActor {
  const roles: WorkflowRole[] = [];
  if (a.via === 'system') roles.push('system');
  if (isWalidata(a)) roles.push('walidata');
  const here = hasRole(a, 'produsen_data', organisationId) || hasRole(a, 'kepala_opd', organisationId);
  if (here) {
    if (hasRole(a, 'produsen_data', organisationId)) roles.push('produsen');
    if (hasRole(a, 'kepala_opd', organisationId)) roles.push('kepala_opd');
    return { roles, organisationId };
  }
  if (hasRole(a, 'produsen_data')) roles.push('produsen');
  if (hasRole(a, 'kepala_opd')) roles.push('kepala_opd');
  return { roles, organisationId: a.memberships[0]?.organisationId ?? null };
}
