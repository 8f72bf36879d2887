/**
 * Authorization, one mechanism for every service: deny by default; each decision takes the actor and the
 * actual resource. Modules add rules with `definePolicy`; services call `authorize` before acting.
 */
import { ForbiddenError, NotFoundError, UnauthenticatedError } from './http/errors.ts';

/** Roles are held per organisation membership. */
export const ROLES = [
  'admin',
  'walidata',
  'pembina_data',
  'forum_secretariat',
  'produsen_data',
  'kepala_opd',
  'complaint_admin',
  'complaint_liaison',
  'inspektorat',
  'plan_secretariat',
  'cso_member',
  'spbe_evaluator',
  'spbe_reviewer',
  'leader',
] as const;
export type Role = (typeof ROLES)[number];
export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

export interface Membership {
  organisationId: string;
  organisationSlug: string;
  organisationName: string;
  role: Role;
}

export interface Actor {
  id: string;
  email: string;
  name: string;
  locale: 'id' | 'en';
  memberships: Membership[];
  /** How the actor authenticated: a browser session or a personal API token. */
  via: 'session' | 'token' | 'system';
  /** Where the request came from, recorded in the audit trail. */
  ip?: string;
  requestId?: string;
}

/** The platform itself, for jobs and seeding; never granted by a rule unless the rule says so. */
export const SYSTEM_ACTOR: Actor = { id: '00000000-0000-0000-0000-000000000000', email: 'system@localhost', name: 'Sistem', locale: 'id', memberships: [], via: 'system' };

export function hasRole(actor: Actor | null | undefined, role: Role, organisationId?: string | null): boolean {
  if (!actor) return false;
  return actor.memberships.some((m) => m.role === role && (organisationId === undefined || m.organisationId === organisationId));
}
export function hasAnyRole(actor: Actor | null | undefined, roles: Role[]): boolean {
  return !!actor && actor.memberships.some((m) => roles.includes(m.role));
}
export function isAdmin(actor: Actor | null | undefined): boolean {
  return hasRole(actor, 'admin');
}
/** Organisations in which the actor holds `role`. */
export function orgsWithRole(actor: Actor | null | undefined, role: Role): string[] {
  return actor ? actor.memberships.filter((m) => m.role === role).map((m) => m.organisationId) : [];
}

export type Rule<R = unknown> = (actor: Actor | null, resource: R) => boolean;
const rules = new Map<string, Rule<any>>();

/** Registers rules by action name ('module.entity.verb'). An action defined twice is a programming error. */
export function definePolicy(defs: Record<string, Rule<any>>): void {
  for (const [action, rule] of Object.entries(defs)) {
    if (rules.has(action) && rules.get(action) !== rule) throw new Error(`policy defined twice: ${action}`);
    rules.set(action, rule);
  }
}

export function can<R>(actor: Actor | null | undefined, action: string, resource?: R): boolean {
  const rule = rules.get(action);
  if (!rule) return false; // deny by default, including unknown actions
  try {
    return rule(actor ?? null, resource as R) === true;
  } catch {
    return false;
  }
}

/**
 * Throws unless `actor` may do `action` on `resource`. With `hide`, a refusal answers "not found": a record
 * the actor may not see must not reveal that it exists.
 */
export function authorize<R>(actor: Actor | null | undefined, action: string, resource?: R, opts: { hide?: boolean } = {}): void {
  if (can(actor, action, resource)) return;
  if (opts.hide) throw new NotFoundError();
  if (!actor) throw new UnauthenticatedError();
  throw new ForbiddenError();
}

export function definedActions(): string[] {
  return [...rules.keys()].sort();
}

// Core rules.
definePolicy({
  'admin.users.manage': (a) => isAdmin(a),
  'admin.audit.read': (a) => isAdmin(a) || hasRole(a, 'inspektorat'),
  'admin.organisations.manage': (a) => isAdmin(a),
  'admin.regions.import': (a) => isAdmin(a),
  'account.tokens.manage': (a, r: { userId: string }) => !!a && a.via === 'session' && a.id === r?.userId,
});
