/** SQL for the application registry. */
import type { Queryable } from '../../core/db.ts';
import type { ApplicationInput, ApplicationStatus } from './application-io.ts';
import type { ApplicationCategory } from './seed/applications-2018.ts';

export interface ApplicationRow {
  id: string;
  name: string;
  category: ApplicationCategory;
  scope: 'umum' | 'khusus';
  owner_organisation_id: string | null;
  owner_name: string | null;
  owner_short: string | null;
  url: string | null;
  hosted_in_data_centre: boolean | null;
  integrated_simantra: boolean | null;
  status: ApplicationStatus;
  description: string | null;
  data_refs: string[];
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT a.*, o.name AS owner_name, o.short_name AS owner_short FROM spbe_applications a LEFT JOIN organisations o ON o.id = a.owner_organisation_id`;

export interface ApplicationFilter {
  q?: string;
  category?: string;
  owner?: string;
  status?: string;
}

export async function listApplications(db: Queryable, f: ApplicationFilter = {}, limit = 500): Promise<ApplicationRow[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.q) {
    args.push(`%${f.q}%`);
    where.push(`(a.name ILIKE $${args.length} OR a.description ILIKE $${args.length} OR o.name ILIKE $${args.length} OR o.short_name ILIKE $${args.length})`);
  }
  if (f.category) {
    args.push(f.category);
    where.push(`a.category = $${args.length}`);
  }
  if (f.owner) {
    args.push(f.owner);
    where.push(`o.slug = $${args.length}`);
  }
  if (f.status) {
    args.push(f.status);
    where.push(`a.status = $${args.length}`);
  }
  args.push(limit);
  const r = await db.query(`${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY lower(a.name) LIMIT $${args.length}`, args);
  return r.rows;
}

export async function getApplication(db: Queryable, id: string): Promise<ApplicationRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const r = await db.query(`${SELECT} WHERE a.id = $1`, [id]);
  return r.rows[0] ?? null;
}

export async function countsByCategory(db: Queryable): Promise<Array<{ category: ApplicationCategory; n: number }>> {
  return (await db.query(`SELECT category, count(*)::int AS n FROM spbe_applications WHERE status <> 'retired' GROUP BY category ORDER BY n DESC`)).rows;
}

export async function countsByOwner(db: Queryable): Promise<Array<{ owner: string | null; slug: string | null; n: number }>> {
  return (await db.query(`SELECT coalesce(o.short_name, o.name) AS owner, o.slug, count(*)::int AS n FROM spbe_applications a LEFT JOIN organisations o ON o.id = a.owner_organisation_id WHERE a.status <> 'retired' GROUP BY 1, 2 ORDER BY n DESC, owner`)).rows;
}

export async function upsertApplication(db: Queryable, a: ApplicationInput, actorId: string | null): Promise<{ id: string; inserted: boolean }> {
  const r = await db.query(
    `INSERT INTO spbe_applications (name, category, scope, owner_organisation_id, url, hosted_in_data_centre, integrated_simantra, status, description, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
     ON CONFLICT (lower(name), coalesce(owner_organisation_id, '00000000-0000-0000-0000-000000000000'::uuid))
     DO UPDATE SET category = EXCLUDED.category, scope = EXCLUDED.scope, url = EXCLUDED.url,
       hosted_in_data_centre = EXCLUDED.hosted_in_data_centre, integrated_simantra = EXCLUDED.integrated_simantra,
       status = EXCLUDED.status, description = EXCLUDED.description, updated_at = now()
     RETURNING id, (xmax = 0) AS inserted`,
    [a.name, a.category, a.scope, a.ownerOrganisationId, a.url, a.hostedInDataCentre, a.integratedSimantra, a.status, a.description, actorId],
  );
  return r.rows[0];
}

export async function updateApplication(db: Queryable, id: string, a: ApplicationInput): Promise<void> {
  await db.query(
    `UPDATE spbe_applications SET name = $2, category = $3, scope = $4, owner_organisation_id = $5, url = $6, hosted_in_data_centre = $7,
       integrated_simantra = $8, status = $9, description = $10, updated_at = now() WHERE id = $1`,
    [id, a.name, a.category, a.scope, a.ownerOrganisationId, a.url, a.hostedInDataCentre, a.integratedSimantra, a.status, a.description],
  );
}

export async function organisationLookup(db: Queryable): Promise<Array<{ id: string; slug: string; name: string; short_name: string | null }>> {
  return (await db.query('SELECT id, slug, name, short_name FROM organisations ORDER BY name')).rows;
}

export async function setDataRefs(db: Queryable, id: string, refs: string[]): Promise<void> {
  await db.query('UPDATE spbe_applications SET data_refs = $2, updated_at = now() WHERE id = $1', [id, refs]);
}
