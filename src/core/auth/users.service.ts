/**
 * Identity: accounts, memberships and roles, logins with throttling, sessions, password reset, personal
 * API tokens, and the first-admin setup link. Services take the acting user first and authorize.
 */
import type pg from 'pg';
import { Type } from '@sinclair/typebox';
import { withTransaction, type Queryable } from '../db.ts';
import { audit } from '../audit.ts';
import { authorize, isRole, type Actor, type Role } from '../policy.ts';
import { parseInput } from '../validation.ts';
import { ConflictError, NotFoundError, TooManyRequestsError, ValidationError } from '../http/errors.ts';
import { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from './password.ts';
import { newToken, sha256 } from './tokens.ts';
import * as repo from './users.repo.ts';
import { queueMail } from '../mail.ts';
import { t } from '../i18n/i18n.ts';

export const SESSION_DAYS = 14;
/** Login throttling: failures allowed per account and per address within the window. */
export const THROTTLE = { windowMinutes: 15, perAccount: 5, perIp: 30 };

export const NewUserSchema = Type.Object({
  email: Type.String({ format: 'email', maxLength: 200 }),
  name: Type.String({ minLength: 1, maxLength: 120 }),
  password: Type.Optional(Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 200 })),
  locale: Type.Optional(Type.Union([Type.Literal('id'), Type.Literal('en')])),
});

export interface CreatedUser {
  id: string;
  email: string;
  name: string;
}

/** Creates a user without authorization: for the CLI, the first-admin setup and seeding. */
export async function createUserUnchecked(tx: Queryable, actor: Actor | null, input: { email: string; name: string; password?: string; locale?: 'id' | 'en'; isDemo?: boolean }, memberships: Array<{ organisationId: string; role: Role }> = []): Promise<CreatedUser> {
  const data = parseInput(NewUserSchema, input);
  if (await repo.findUserByEmail(tx, data.email)) throw new ConflictError('user.emailTaken', {}, [{ field: 'email', key: 'user.emailTaken' }]);
  const user = await repo.insertUser(tx, { email: data.email, name: data.name, passwordHash: data.password ? await hashPassword(data.password) : null, locale: data.locale ?? 'id', isDemo: input.isDemo });
  for (const m of memberships) {
    await tx.query('INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING', [user.id, m.organisationId, m.role]);
  }
  await audit(tx, actor, { action: 'user.create', entityType: 'user', entityId: user.id, after: { email: user.email, name: user.name, memberships } });
  return { id: user.id, email: user.email, name: user.name };
}

export async function createUser(pool: pg.Pool, actor: Actor, input: unknown): Promise<CreatedUser> {
  authorize(actor, 'admin.users.manage');
  return withTransaction(pool, (tx) => createUserUnchecked(tx, actor, input as any));
}

export async function addMembership(pool: pg.Pool, actor: Actor, userId: string, organisationId: string, role: string): Promise<void> {
  authorize(actor, 'admin.users.manage');
  if (!isRole(role)) throw new ValidationError([{ field: 'role', key: 'validation.enum' }]);
  await withTransaction(pool, async (tx) => {
    const user = await repo.findUserById(tx, userId);
    if (!user) throw new NotFoundError();
    const org = await tx.query('SELECT id FROM organisations WHERE id = $1', [organisationId]).catch(() => ({ rows: [] as any[] }));
    if (!org.rows[0]) throw new ValidationError([{ field: 'organisationId', key: 'validation.unknownOrganisation' }]);
    const r = await tx.query('INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING', [userId, organisationId, role]);
    if (r.rowCount) await audit(tx, actor, { action: 'membership.add', entityType: 'user', entityId: userId, organisationId, after: { role } });
  });
}

export async function removeMembership(pool: pg.Pool, actor: Actor, userId: string, organisationId: string, role: string): Promise<void> {
  authorize(actor, 'admin.users.manage');
  await withTransaction(pool, async (tx) => {
    if (role === 'admin' && actor.id === userId) throw new ValidationError([{ field: 'role', key: 'user.cannotDropOwnAdmin' }]);
    const r = await tx.query('DELETE FROM memberships WHERE user_id = $1 AND organisation_id = $2 AND role = $3', [userId, organisationId, role]);
    if (r.rowCount) await audit(tx, actor, { action: 'membership.remove', entityType: 'user', entityId: userId, organisationId, before: { role } });
  });
}

export async function setUserActive(pool: pg.Pool, actor: Actor, userId: string, active: boolean): Promise<void> {
  authorize(actor, 'admin.users.manage');
  await withTransaction(pool, async (tx) => {
    if (actor.id === userId && !active) throw new ValidationError([{ field: 'active', key: 'user.cannotDeactivateSelf' }]);
    const before = await repo.findUserById(tx, userId);
    if (!before) throw new NotFoundError();
    await tx.query('UPDATE users SET is_active = $2 WHERE id = $1', [userId, active]);
    if (!active) await repo.deleteUserSessions(tx, userId);
    await audit(tx, actor, { action: active ? 'user.activate' : 'user.deactivate', entityType: 'user', entityId: userId, before: { is_active: before.is_active }, after: { is_active: active } });
  });
}

export interface LoginResult {
  sessionToken: string;
  expiresAt: Date;
  user: repo.UserRow;
}

/**
 * Checks a password login. Refuses with 429 while an account or an address has too many recent failures,
 * before spending any work on the password. Wrong e-mail and wrong password get the same answer.
 */
export async function login(pool: pg.Pool, input: { email: string; password: string; ip: string; userAgent?: string }): Promise<LoginResult> {
  const email = String(input.email ?? '').trim().toLowerCase();
  const password = String(input.password ?? '');
  const problems = [];
  if (!email) problems.push({ field: 'email', key: 'validation.required' });
  if (!password) problems.push({ field: 'password', key: 'validation.required' });
  if (problems.length) throw new ValidationError(problems);
  const keys = [`email:${email}`, `ip:${input.ip}`];
  for (const [key, limit] of [[keys[0], THROTTLE.perAccount], [keys[1], THROTTLE.perIp]] as const) {
    const f = await repo.recentFailures(pool, key, THROTTLE.windowMinutes);
    if (f.count >= limit) {
      const retryMs = (f.oldest ? f.oldest.getTime() : Date.now()) + THROTTLE.windowMinutes * 60_000 - Date.now();
      const minutes = Math.max(1, Math.ceil(retryMs / 60_000));
      throw new TooManyRequestsError('auth.throttled', { minutes }, Math.ceil(retryMs / 1000));
    }
  }
  const user = await repo.findUserByEmail(pool, email);
  const ok = await verifyPassword(user?.is_active ? user.password_hash : null, password);
  if (!ok || !user) {
    await repo.recordLoginAttempt(pool, keys, false);
    throw new ValidationError([{ field: 'password', key: 'auth.invalidCredentials' }], 'auth.invalidCredentials');
  }
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await withTransaction(pool, async (tx) => {
    await repo.recordLoginAttempt(tx, [keys[0]], true);
    await repo.insertSession(tx, { idHash: hash, userId: user.id, expiresAt, ip: input.ip, userAgent: input.userAgent });
    await tx.query('UPDATE users SET last_login_at = now() WHERE id = $1', [user.id]);
  });
  return { sessionToken: token, expiresAt, user };
}

export async function logout(pool: pg.Pool, sessionToken: string): Promise<void> {
  await repo.deleteSession(pool, sha256(sessionToken));
}

/** Resolves a session cookie to an actor, sliding the expiry at most once an hour. */
export async function actorFromSession(pool: pg.Pool, sessionToken: string): Promise<Actor | null> {
  const idHash = sha256(sessionToken);
  const found = await repo.sessionUser(pool, idHash);
  if (!found) return null;
  if (Date.now() - new Date(found.lastSeen).getTime() > 3_600_000) {
    await repo.touchSession(pool, idHash, new Date(Date.now() + SESSION_DAYS * 86_400_000));
  }
  return repo.actorFor(pool, found.user, 'session');
}

export async function actorFromApiToken(pool: pg.Pool, token: string): Promise<Actor | null> {
  const found = await repo.tokenUser(pool, sha256(token));
  if (!found) return null;
  await pool.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval \'5 minutes\')', [found.tokenId]);
  return repo.actorFor(pool, found.user, 'token');
}

/** Creates a personal API token; the token is returned once and only its hash is kept. */
export async function createApiToken(pool: pg.Pool, actor: Actor, name: string): Promise<{ id: string; token: string }> {
  authorize(actor, 'account.tokens.manage', { userId: actor.id });
  const label = String(name ?? '').trim();
  if (!label) throw new ValidationError([{ field: 'name', key: 'validation.required' }]);
  if (label.length > 80) throw new ValidationError([{ field: 'name', key: 'validation.maxLength', params: { limit: 80 } }]);
  const { token, hash } = newToken('ntb_');
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query('INSERT INTO api_tokens (user_id, name, prefix, token_hash) VALUES ($1,$2,$3,$4) RETURNING id', [actor.id, label, token.slice(0, 8), hash]);
    await audit(tx, actor, { action: 'api_token.create', entityType: 'api_token', entityId: rows[0].id, after: { name: label } });
    return { id: rows[0].id, token };
  });
}

export async function revokeApiToken(pool: pg.Pool, actor: Actor, tokenId: string): Promise<void> {
  authorize(actor, 'account.tokens.manage', { userId: actor.id });
  await withTransaction(pool, async (tx) => {
    const r = await tx.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL', [tokenId, actor.id]);
    if (!r.rowCount) throw new NotFoundError();
    await audit(tx, actor, { action: 'api_token.revoke', entityType: 'api_token', entityId: tokenId });
  });
}

export async function listApiTokens(pool: pg.Pool, actor: Actor) {
  const { rows } = await pool.query('SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC', [actor.id]);
  return rows;
}

/**
 * Starts a password reset: e-mails a one-hour link when the address belongs to an active account.
 * The answer is the same either way, so the form does not reveal which addresses exist.
 */
export async function requestPasswordReset(pool: pg.Pool, email: string, baseUrl: string): Promise<void> {
  const user = await repo.findUserByEmail(pool, String(email ?? '').trim());
  if (!user || !user.is_active) return;
  const { token, hash } = newToken();
  await withTransaction(pool, async (tx) => {
    await tx.query(`INSERT INTO one_time_tokens (token_hash, purpose, user_id, expires_at) VALUES ($1, 'password_reset', $2, now() + interval '1 hour')`, [hash, user.id]);
    await queueMail(tx, {
      to: user.email,
      subject: `[NTB Terbuka] ${t(user.locale, 'auth.reset.mailSubject')}`,
      text: `${t(user.locale, 'auth.reset.mailBody')}\n\n${baseUrl}/atur-sandi?token=${token}\n`,
    });
  });
}

export async function resetPassword(pool: pg.Pool, token: string, password: string, confirm: string): Promise<void> {
  if (String(password ?? '').length < MIN_PASSWORD_LENGTH) throw new ValidationError([{ field: 'password', key: 'validation.minLength', params: { limit: MIN_PASSWORD_LENGTH } }]);
  if (password !== confirm) throw new ValidationError([{ field: 'confirm', key: 'auth.passwordsDiffer' }]);
  await withTransaction(pool, async (tx) => {
    const { rows } = await tx.query(`SELECT * FROM one_time_tokens WHERE token_hash = $1 AND purpose = 'password_reset' AND used_at IS NULL AND expires_at > now() FOR UPDATE`, [sha256(String(token ?? ''))]);
    if (!rows[0]) throw new ValidationError([{ field: 'token', key: 'auth.reset.invalidToken' }]);
    await tx.query('UPDATE one_time_tokens SET used_at = now() WHERE token_hash = $1', [rows[0].token_hash]);
    await tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [rows[0].user_id, await hashPassword(password)]);
    await repo.deleteUserSessions(tx, rows[0].user_id);
    const user = await repo.findUserById(tx, rows[0].user_id);
    await audit(tx, user ? { id: user.id, email: user.email, name: user.name, locale: user.locale, memberships: [], via: 'session' } : null, { action: 'user.password_reset', entityType: 'user', entityId: rows[0].user_id });
  });
}

export async function adminExists(db: Queryable): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.role = 'admin' AND u.is_active LIMIT 1`);
  return rows.length > 0;
}

/** Creates a one-time setup token (24 h) for the first admin; returns the token to print in the log. */
export async function createSetupToken(db: Queryable): Promise<string> {
  const { token, hash } = newToken();
  await db.query(`INSERT INTO one_time_tokens (token_hash, purpose, expires_at) VALUES ($1, 'setup', now() + interval '24 hours')`, [hash]);
  return token;
}

export async function setupTokenValid(db: Queryable, token: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM one_time_tokens WHERE token_hash = $1 AND purpose = 'setup' AND used_at IS NULL AND expires_at > now()`, [sha256(String(token ?? ''))]);
  return rows.length > 0;
}

/** Uses a setup token to create the first admin, member of the platform organisation. */
export async function completeSetup(pool: pg.Pool, token: string, input: { email: string; name: string; password: string }): Promise<CreatedUser> {
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query(`SELECT token_hash FROM one_time_tokens WHERE token_hash = $1 AND purpose = 'setup' AND used_at IS NULL AND expires_at > now() FOR UPDATE`, [sha256(String(token ?? ''))]);
    if (!rows[0]) throw new ValidationError([{ field: 'token', key: 'auth.reset.invalidToken' }]);
    if (!input.password || input.password.length < MIN_PASSWORD_LENGTH) throw new ValidationError([{ field: 'password', key: 'validation.minLength', params: { limit: MIN_PASSWORD_LENGTH } }]);
    const platform = await tx.query(`SELECT id FROM organisations WHERE slug = 'ntb-terbuka'`);
    await tx.query('UPDATE one_time_tokens SET used_at = now() WHERE token_hash = $1', [rows[0].token_hash]);
    return createUserUnchecked(tx, null, input, [{ organisationId: platform.rows[0].id, role: 'admin' }]);
  });
}
