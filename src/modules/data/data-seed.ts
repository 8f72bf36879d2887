/**
 * Seeding of Satu Data: the demonstration datasets (real figures from the seeds, each a published
 * dataset with a datastore table, labelled as demonstration content) and a sample Daftar Data Daerah
 * for the current year. Idempotent: recorded in `seed_runs`.
 */
import type { SeedContext } from '../../core/module.ts';
import type { AppContext } from '../../core/app-context.ts';
import { FileService } from '../../core/files.ts';
import type { Queryable } from '../../core/db.ts';
import { DEMO_DATASETS, DEMO_LABEL, demoDataList } from './seed/demo-datasets.ts';
import { publishSystemDataset } from './dataset.service.ts';

/** Whether the pool talks to the embedded PGlite (which cannot COPY FROM STDIN). */
export async function detectMode(db: Queryable): Promise<'embedded' | 'postgres'> {
  const { rows } = await db.query('SELECT version() AS v');
  return /emscripten|wasm/i.test(String(rows[0].v)) ? 'embedded' : 'postgres';
}

/** A context good enough for synchronous loads during seeding (no job queue yet). */
async function seedAppContext(ctx: SeedContext): Promise<AppContext> {
  const mode = await detectMode(ctx.pool);
  return {
    config: ctx.config, pool: ctx.pool, log: ctx.log, files: new FileService(ctx.config),
    db: { pool: ctx.pool, mode, connection: {}, close: async () => {} },
    jobs: { send: async () => null } as never, mailer: undefined as never, modules: [], nav: [],
  } as AppContext;
}

export async function seedDataList(db: Queryable, year: number): Promise<number> {
  await db.query('INSERT INTO data_list_years (year) VALUES ($1) ON CONFLICT DO NOTHING', [year]);
  let n = 0;
  for (const it of demoDataList(year)) {
    const org = await db.query('SELECT id FROM organisations WHERE slug = $1', [it.organisation]);
    if (!org.rows[0]) continue;
    const r = await db.query(
      `INSERT INTO data_list_items (year, name, definition, organisation_id, sector, topic, unit, frequency, level, priority, reference_code, release_date, available)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) ON CONFLICT DO NOTHING`,
      [year, it.name, it.definition, org.rows[0].id, it.sector, it.topic, it.unit, it.frequency, it.level, it.priority, it.referenceCode,
        `${year}-${String(it.releaseMonth).padStart(2, '0')}-28`, it.available]);
    n += r.rowCount ?? 0;
  }
  return n;
}

export async function seedData(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  const done = await ctx.pool.query(`SELECT 1 FROM seed_runs WHERE name = 'data.demo.v1'`);
  if (done.rows.length) return;
  const app = await seedAppContext(ctx);
  const year = new Date().getUTCFullYear();
  await seedDataList(ctx.pool, year);
  for (const d of DEMO_DATASETS) {
    const org = await ctx.pool.query('SELECT id FROM organisations WHERE slug = $1', [d.organisation]);
    if (!org.rows[0]) continue;
    const { datasetId } = await publishSystemDataset(app, {
      systemKey: `demo.${d.slug}`,
      slug: d.slug,
      organisationSlug: d.organisation,
      isDemo: true,
      resourceName: d.resource.name,
      csv: d.resource.csv,
      schemaOverrides: Object.fromEntries(Object.entries(d.columns).map(([title, c]) => [title, { description: c.description, ...(c.unit ? { unit: c.unit } : {}), ...(d.schemaOverrides?.[title] ?? {}) }])),
      metadata: {
        title: d.title,
        description: `${d.description}\n\n${DEMO_LABEL.id}`,
        sector: d.sector, topic: d.topic, tags: d.tags, licence: 'CC-BY-4.0',
        temporalStart: d.temporalStart, temporalEnd: d.temporalEnd, regionCodes: d.regions,
        frequency: d.frequency, level: d.level, contactRole: d.contactRole, source: d.source, notes: d.notes ?? '',
        msInd: { ...(d.msInd ?? {}) } as Record<string, string>, msKeg: { ...(d.msKeg ?? {}) } as Record<string, string>,
      },
    });
    if (d.dataListItem) {
      await ctx.pool.query(
        `UPDATE data_datasets SET data_list_item_id = (SELECT id FROM data_list_items WHERE year = $2 AND lower(name) = lower($3) LIMIT 1) WHERE id = $1`,
        [datasetId, year, d.dataListItem]);
    }
  }
  await ctx.pool.query(`INSERT INTO seed_runs (name) VALUES ('data.demo.v1') ON CONFLICT DO NOTHING`);
  ctx.log.info({ datasets: DEMO_DATASETS.length }, 'Satu Data demo content seeded');
}
