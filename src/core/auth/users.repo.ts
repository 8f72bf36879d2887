/** SQL for users, memberships, sessions, tokens and login attempts. No HTTP here. */
import type { Queryable } from '../db.ts';
import type { Actor, Membership, Role } from '../policy.ts';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  locale: 'id' | 'en';
  is_active: boolean;
  is_demo: boolean;
  created_at: Date;
  last_login_at: Date | null;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const { rows } = await db.query('SELECT * FROM users WHERE lower(email) = lower($1)', [email]);
  return rows[0] ?? null;
}
export async function findUserById(db: Queryable, id: string): Promise<UserRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await db.query('SELECT * FROM users WHERE id = $1', [id]);
  return rows[0] ?? null;
}
export async function insertUser(db: Queryable, u: { email: string; name: string; passwordHash: string | null; locale: 'id' | 'en'; isDemo?: boolean }): Promise<UserRow> {
  const { rows } = await db.query(
    'INSERT INTO users (email, name, password_hash, locale, is_demo) VALUES ($1,$2,$3,$4,$5) RETURNING *',
    [u.email.trim(), u.name.trim(), u.passwordHash, u.locale, u.isDemo ?? false]);
  return rows[0];
}

export async function membershipsOf(db: Queryable, userId: string): Promise<Membership[]> {
  const { rows } = await db.query(
    `SELECT m.organisation_id, o.slug, o.name, m.role FROM memberships m JOIN organisations o ON o.id = m.organisation_id
     WHERE m.user_id = $1 ORDER BY o.name, m.role`, [userId]);
  return rows.map((r) => ({ organisationId: r.organisation_id, organisationSlug: r.slug, organisationName: r.name, role: r.role as Role }));
}

export async function actorFor(db: Queryable, user: UserRow, via: Actor['via']): Promise<Actor> {
  return { id: user.id, email: user.email, name: user.name, locale: user.locale, memberships: await membershipsOf(db, user.id), via };
}

export async function insertSession(db: Queryable, s: { idHash: string; userId: string; expiresAt: Date; ip?: string; userAgent?: string }): Promise<void> {
  await db.query('INSERT INTO sessions (id, user_id, expires_at, ip, user_agent) VALUES ($1,$2,$3,$4,$5)', [s.idHash, s.userId, s.expiresAt, s.ip ?? null, (s.userAgent ?? '').slice(0, 300)]);
}
/** The session's user, when the session exists, has not expired and the user is active. */
export async function sessionUser(db: Queryable, idHash: string): Promise<{ user: UserRow; lastSeen: Date } | null> {
  const { rows } = await db.query(
    `SELECT u.*, s.last_seen_at AS session_last_seen FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id = $1 AND s.expires_at > now() AND u.is_active`, [idHash]);
  if (!rows[0]) return null;
  const { session_last_seen, ...user } = rows[0];
  return { user, lastSeen: session_last_seen };
}
export async function touchSession(db: Queryable, idHash: string, expiresAt: Date): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = now(), expires_at = $2 WHERE id = $1', [idHash, expiresAt]);
}
export async function deleteSession(db: Queryable, idHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id = $1', [idHash]);
}
export async function deleteUserSessions(db: Queryable, userId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}

export async function tokenUser(db: Queryable, tokenHash: string): Promise<{ user: UserRow; tokenId: string } | null> {
  const { rows } = await db.query(
    `SELECT u.*, t.id AS token_id FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.is_active`, [tokenHash]);
  if (!rows[0]) return null;
  const { token_id, ...user } = rows[0];
  return { user, tokenId: token_id };
}

export async function recordLoginAttempt(db: Queryable, keys: string[], success: boolean): Promise<void> {
  for (const key of keys) await db.query('INSERT INTO login_attempts (key, success) VALUES ($1, $2)', [key, success]);
}
/** Failures since the last success for `key` within the window, and when the oldest of them happened. */
export async function recentFailures(db: Queryable, key: string, windowMinutes: number): Promise<{ count: number; oldest: Date | null }> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS count, min(at) AS oldest FROM login_attempts
     WHERE key = $1 AND NOT success AND at > now() - make_interval(mins => $2)
       AND at > coalesce((SELECT max(at) FROM login_attempts WHERE key = $1 AND success), '-infinity')`, [key, windowMinutes]);
  return { count: rows[0].count, oldest: rows[0].oldest };
}
