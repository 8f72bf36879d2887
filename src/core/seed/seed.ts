/**
 * Idempotent seeding on start: regions and organisations are upserted every time (cheap, and new entries
 * appear after an upgrade); demo accounts are created once, in one transaction with their `seed_runs` row,
 * and their generated passwords are printed once.
 */
import crypto from 'node:crypto';
import { withTransaction, type Queryable } from '../db.ts';
import { REGIONS, ORGANISATIONS, DEMO_ORG, DEMO_ACCOUNTS, type OrgSeed } from './reference-data.ts';
import { createUserUnchecked, adminExists, createSetupToken } from '../auth/users.service.ts';
import { SYSTEM_ACTOR, isRole } from '../policy.ts';
import type { SeedContext } from '../module.ts';

/** Runs `fn` once per database, recorded in `seed_runs` in the same transaction. */
export async function seedOnce(ctx: SeedContext, name: string, fn: (tx: Queryable) => Promise<void>): Promise<boolean> {
  return withTransaction(ctx.pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7521003)');
    const done = await tx.query('SELECT 1 FROM seed_runs WHERE name = $1', [name]);
    if (done.rows.length) return false;
    await fn(tx);
    await tx.query('INSERT INTO seed_runs (name) VALUES ($1)', [name]);
    return true;
  });
}

async function upsertOrganisations(tx: Queryable, orgs: OrgSeed[], isDemo = false): Promise<void> {
  for (const o of orgs) {
    await tx.query(
      `INSERT INTO organisations (slug, name, short_name, type, region_code, is_demo) VALUES ($1,$2,$3,$4,$5,$6)
       ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, short_name = EXCLUDED.short_name, type = EXCLUDED.type, region_code = EXCLUDED.region_code`,
      [o.slug, o.name, o.short ?? null, o.type, o.region ?? null, isDemo]);
  }
  for (const o of orgs.filter((x) => x.parent)) {
    await tx.query('UPDATE organisations SET parent_id = (SELECT id FROM organisations WHERE slug = $2) WHERE slug = $1', [o.slug, o.parent]);
  }
}

/** Regions and organisations: upserted on every start (and by the command-line tools). */
export async function seedReference(pool: SeedContext['pool']): Promise<void> {
  await withTransaction(pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7521003)');
    for (const r of REGIONS) {
      await tx.query(
        `INSERT INTO regions (code, name, level, parent_code, kecamatan_count, desa_count, area_km2) VALUES ($1,$2,$3,$4,$5,$6,$7)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kecamatan_count = EXCLUDED.kecamatan_count, desa_count = EXCLUDED.desa_count, area_km2 = EXCLUDED.area_km2`,
        [r.code, r.name, r.level, r.level === 'provinsi' ? null : '52', r.kecamatan, r.desa, r.areaKm2]);
    }
    await upsertOrganisations(tx, ORGANISATIONS);
  });
}

export async function seedCore(ctx: SeedContext, announce: (msg: string) => void): Promise<void> {
  await seedReference(ctx.pool);

  if (ctx.demo) {
    const passwords: string[] = [];
    await seedOnce(ctx, 'core.demo-accounts.v1', async (tx) => {
      await upsertOrganisations(tx, [DEMO_ORG], true);
      for (const a of DEMO_ACCOUNTS) {
        const password = crypto.randomBytes(9).toString('base64url');
        const org = await tx.query('SELECT id FROM organisations WHERE slug = $1', [a.org]);
        await createUserUnchecked(tx, SYSTEM_ACTOR, { email: a.email, name: a.name, password, isDemo: true },
          a.roles.filter(isRole).map((role) => ({ organisationId: org.rows[0].id, role })));
        passwords.push(`  ${a.email.padEnd(42)} ${password}   (${a.roles.join(', ')})`);
      }
    });
    if (passwords.length) {
      announce(`Demonstration accounts (shown once; SEED_DEMO=false in production):\n${passwords.join('\n')}`);
    }
  }

  if (!(await adminExists(ctx.pool))) {
    const token = await createSetupToken(ctx.pool);
    announce(`No administrator exists yet. Create the first one (link valid 24 hours, usable once):\n  ${ctx.config.baseUrl}/admin/setup?token=${token}\nor run: npm run user:create -- --admin --email you@example.org --name "Administrator"`);
  }
}
