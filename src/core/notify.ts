/**
 * Notifications to users: an in-app entry and an e-mail, both written in the caller's transaction.
 * Modules call `notifyUsers` (or `notifyRole` for "the next actor") from their services.
 */
import type { Queryable } from './db.ts';
import { queueMail } from './mail.ts';
import { t, type Locale } from './i18n/i18n.ts';
import type { Role } from './policy.ts';

export interface Notice {
  kind: string;
  /** Catalogue key for the title, translated to each recipient's language. */
  titleKey: string;
  params?: Record<string, string | number>;
  body?: string;
  /** Path inside the platform (e.g. /data/x/tugas). */
  url?: string;
}

export async function notifyUsers(tx: Queryable, userIds: string[], notice: Notice, baseUrl: string, opts: { email?: boolean } = {}): Promise<number> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return 0;
  const { rows } = await tx.query('SELECT id, email, locale FROM users WHERE id = ANY($1::uuid[]) AND is_active', [ids]);
  for (const u of rows) {
    const title = t(u.locale as Locale, notice.titleKey, notice.params);
    await tx.query('INSERT INTO notifications (user_id, kind, title, body, url) VALUES ($1, $2, $3, $4, $5)', [u.id, notice.kind, title, notice.body ?? null, notice.url ?? null]);
    if (opts.email !== false) {
      const link = notice.url ? `\n\n${baseUrl}${notice.url}` : '';
      await queueMail(tx, { to: u.email, subject: `[NTB Terbuka] ${title}`, text: `${title}\n\n${notice.body ?? ''}${link}\n` });
    }
  }
  return rows.length;
}

/** Users holding `role` in `organisationId` (or anywhere, when null). */
export async function usersWithRole(tx: Queryable, role: Role, organisationId: string | null): Promise<string[]> {
  const { rows } = await tx.query(
    `SELECT DISTINCT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.role = $1 AND ($2::uuid IS NULL OR m.organisation_id = $2) AND u.is_active`, [role, organisationId]);
  return rows.map((r) => r.user_id);
}

export async function notifyRole(tx: Queryable, role: Role, organisationId: string | null, notice: Notice, baseUrl: string): Promise<number> {
  return notifyUsers(tx, await usersWithRole(tx, role, organisationId), notice, baseUrl);
}
