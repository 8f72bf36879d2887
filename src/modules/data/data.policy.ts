/**
 * Who may do what in Satu Data, deny by default. Workflow transitions are decided by the table in
 * dataset-workflow.ts; these rules cover reading, editing and the administrative pages.
 *
 * Reach of a walidata, from the organisation of their walidata membership:
 * - the provincial walidata (an organisation whose region is the province, `52`, or none — Diskominfotik's
 *   Bidang Statistik) acts on every organisation, as do admins and the platform itself (system actor);
 * - a walidata pendukung of a regency/city (an organisation whose region is below the province, e.g.
 *   Pemerintah Kabupaten Lombok Barat, `52.01`) acts only on organisations whose region is that region or
 *   a child region (`52.01`, `52.01.xx`, …), and has none of the province-wide duties (data list import and
 *   freeze, reports, data requests, settings).
 *
 * Rules are synchronous and an actor's memberships carry no region, so the module keeps a small directory
 * of organisations (id → type, region) in memory: loaded when the module starts, reloaded once a minute, and
 * before every request of a regency walidata or of a walidata whose organisation it does not know yet
 * (see index.ts). An organisation missing from it is outside every regency walidata's reach (fail closed).
 */
import { definePolicy, hasRole, isAdmin, type Actor } from '../../core/policy.ts';
import type { Queryable } from '../../core/db.ts';
import { EDITABLE_STATES, type WorkflowActor, type WorkflowRole, type WorkflowState } from './dataset-workflow.ts';

export interface RevisionRef {
  organisationId: string;
  state: WorkflowState;
  /** True when this revision is the one the public sees. */
  isPublic: boolean;
}

/** 'all' (province-wide) or the Kemendagri region codes whose organisations are in reach. */
export type RegionScope = 'all' | string[];

interface OrganisationInfo { type: string; regionCode: string | null }

let directory = new Map<string, OrganisationInfo>();
let directoryLoadedAt = 0;

/** (Re)load the organisation directory the rules use to place an organisation in a region. */
export async function loadOrganisationDirectory(db: Queryable): Promise<void> {
  const { rows } = await db.query('SELECT id, type, region_code FROM organisations');
  // Merged, not replaced: ids are UUIDs, so entries of another database served by the same process
  // (two platforms in one test process) stay valid; an organisation is never deleted while it has members.
  const next = new Map<string, OrganisationInfo>(directory);
  for (const r of rows) next.set(r.id, { type: r.type, regionCode: r.region_code ?? null });
  directory = next;
  directoryLoadedAt = Date.now();
}

/** Region of an organisation as the directory knows it (undefined when unknown). */
export function organisationRegion(organisationId: string): string | null | undefined {
  return directory.get(organisationId)?.regionCode;
}

function provincial(regionCode: string | null): boolean {
  return regionCode === null || !regionCode.includes('.');
}

/**
 * Whether the directory should be reloaded before deciding for this actor: it is older than `maxAgeMs`,
 * or the actor is a walidata whose organisation it does not know, or a regency walidata (whose decisions
 * depend on the region of other organisations).
 */
export function directoryStale(a: Actor | null, maxAgeMs = 60_000): boolean {
  if (!a || a.via === 'system') return false;
  const walidata = a.memberships.filter((m) => m.role === 'walidata');
  if (!walidata.length) return false;
  if (Date.now() - directoryLoadedAt > maxAgeMs) return true;
  return walidata.some((m) => {
    const o = directory.get(m.organisationId);
    return !o || !provincial(o.regionCode);
  });
}

/** The walidata reach of an actor: 'all', the regions of their regency/city walidata memberships, or null (not a walidata). */
export function walidataScope(a: Actor | null): RegionScope | null {
  if (!a) return null;
  if (isAdmin(a)) return 'all';
  let walidata = false;
  const regions = new Set<string>();
  for (const m of a.memberships) {
    if (m.role !== 'walidata') continue;
    walidata = true;
    if (a.via === 'system') return 'all';
    const o = directory.get(m.organisationId);
    if (!o) continue; // unknown organisation: no reach
    if (provincial(o.regionCode)) return 'all';
    regions.add(o.regionCode!);
  }
  return walidata ? [...regions] : null;
}

/** Whether a region code lies in the scope (the region itself or a child region). */
export function regionInScope(scope: RegionScope, regionCode: string | null | undefined): boolean {
  if (scope === 'all') return true;
  if (!regionCode) return false;
  return scope.some((r) => regionCode === r || regionCode.startsWith(`${r}.`));
}

/** Province-wide walidata (or admin, or the platform): the walidata of Diskominfotik. */
export function isWalidata(a: Actor | null): boolean {
  return walidataScope(a) === 'all';
}

/** Holds a walidata role at all (province-wide or for a regency/city). */
export function hasWalidataRole(a: Actor | null): boolean {
  return walidataScope(a) !== null;
}

/** A walidata whose reach includes this organisation. */
export function walidataCovers(a: Actor | null, organisationId: string): boolean {
  const scope = walidataScope(a);
  if (scope === null) return false;
  if (scope === 'all') return true;
  return regionInScope(scope, directory.get(organisationId)?.regionCode);
}

/**
 * What the monitoring views (pages, weekly digest) show this actor: everything for the provincial
 * walidata, leaders, Pembina Data and the Forum secretariat; a regency walidata's own region otherwise.
 */
export function monitoringScope(a: Actor | null): RegionScope {
  const scope = walidataScope(a);
  if (scope === 'all' || hasRole(a, 'leader') || hasRole(a, 'pembina_data') || hasRole(a, 'forum_secretariat')) return 'all';
  return scope ?? [];
}

function member(a: Actor | null, orgId: string): boolean {
  return !!a && a.memberships.some((m) => m.organisationId === orgId && (m.role === 'produsen_data' || m.role === 'kepala_opd'));
}

definePolicy({
  'data.request.respond': (a) => isWalidata(a),
  'data.dataset.create': (a, r: { organisationId: string }) => !!a && hasRole(a, 'produsen_data', r.organisationId),
  'data.revision.read': (a, r: RevisionRef) => r.isPublic || walidataCovers(a, r.organisationId) || member(a, r.organisationId),
  'data.revision.edit': (a, r: RevisionRef) => !!a && hasRole(a, 'produsen_data', r.organisationId) && EDITABLE_STATES.includes(r.state),
  'data.revision.open': (a, r: RevisionRef) => !!a && hasRole(a, 'produsen_data', r.organisationId),
  'data.schema.edit': (a, r: RevisionRef) => !!a && ((hasRole(a, 'produsen_data', r.organisationId) && EDITABLE_STATES.includes(r.state)) || (walidataCovers(a, r.organisationId) && r.state === 'submitted')),
  'data.workspace.use': (a) => !!a && (hasWalidataRole(a) || hasRole(a, 'produsen_data') || hasRole(a, 'kepala_opd') || hasRole(a, 'pembina_data') || hasRole(a, 'forum_secretariat')),
  'data.list.manage': (a) => isWalidata(a) || hasRole(a, 'forum_secretariat'),
  'data.list.comment': (a, r?: { organisationId?: string }) => (r?.organisationId ? walidataCovers(a, r.organisationId) : hasWalidataRole(a)) || hasRole(a, 'pembina_data') || hasRole(a, 'forum_secretariat'),
  'data.list.edit_item': (a, r: { organisationId: string; frozen: boolean }) => !r.frozen && (walidataCovers(a, r.organisationId) || hasRole(a, 'forum_secretariat') || hasRole(a, 'produsen_data', r.organisationId)),
  'data.monitor.read': (a) => hasWalidataRole(a) || hasRole(a, 'leader') || hasRole(a, 'pembina_data'),
  'data.report.manage': (a) => isWalidata(a),
  'data.requests.manage': (a) => isWalidata(a),
  'data.settings.manage': (a) => isWalidata(a),
});

/**
 * The actor as the workflow table sees it, relative to the dataset's organisation: roles held in that
 * organisation, plus walidata when the organisation is within the actor's walidata reach (province-wide,
 * or the regency/city of a walidata pendukung); an actor with roles only elsewhere keeps them but with
 * their own organisation, so the table answers "other organisation".
 */
export function workflowActor(a: Actor, organisationId: string): WorkflowActor {
  const roles: WorkflowRole[] = [];
  if (a.via === 'system') roles.push('system');
  if (walidataCovers(a, organisationId)) roles.push('walidata');
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
