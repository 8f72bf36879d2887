/**
 * Seeds N published datasets for the interop benchmarks: one dataset is published through the data
 * module's service (publishSystemDataset, so the shape is real), then cloned in SQL with varied titles,
 * organisations, tags and publication times (bench-only shortcut: it writes the data module's tables, including
 * the catalogue projection columns that refreshProjection maintains in production).
 * Run directly to time the seeding: `npm run bench -- interop-seed` (BENCH_DATASETS, default 10000).
 */
import { pathToFileURL } from 'node:url';
import type { AppContext } from '../src/core/app-context.ts';
import { MODULES } from '../src/app.ts';
import { dataModule } from '../src/modules/data/index.ts';
import { interopModule } from '../src/modules/interop/index.ts';
import { publishSystemDataset } from '../src/modules/data/dataset.service.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
if (!MODULES.includes(interopModule)) MODULES.push(interopModule);

export const REGIONS = ['Kabupaten Lombok Barat', 'Kota Mataram', 'Kabupaten Bima', 'Kabupaten Sumbawa', 'Kabupaten Dompu', 'Kota Bima'];
export const TOPICS = ['Jumlah Penduduk', 'Produksi Padi', 'Angka Kemiskinan', 'Jumlah Sekolah Dasar', 'Luas Panen Jagung', 'Kasus Demam Berdarah', 'Jumlah Puskesmas', 'Panjang Jalan Provinsi', 'Realisasi Anggaran', 'Kunjungan Wisatawan', 'Produksi Perikanan', 'Indeks Pembangunan Manusia'];

export async function seedCatalogue(ctx: AppContext, n: number): Promise<number> {
  const t0 = Date.now();
  const tpl = await publishSystemDataset(ctx, {
    systemKey: 'bench.interop.template', organisationSlug: 'bps-ntb', resourceName: 'Tabel',
    csv: 'kecamatan,tahun,jumlah\nAmpenan,2023,1\nMataram,2023,2\n',
    metadata: { title: 'Jumlah Penduduk Kota Mataram', description: 'Templat bench.', sector: 'sosial', topic: 'Kependudukan', tags: ['penduduk'], licence: 'CC-BY-4.0', temporalStart: '2023-01-01', temporalEnd: '2023-12-31', regionCodes: ['52.71'], frequency: 'tahunan', level: 'kecamatan', contactRole: 'Walidata', source: 'BPS', notes: '', msInd: {}, msKeg: {} },
  });
  const client = await ctx.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`CREATE TEMP TABLE bench_ids ON COMMIT DROP AS
      SELECT g, gen_random_uuid() AS did, gen_random_uuid() AS rid,
        ($2::text[])[1 + g % array_length($2::text[], 1)] || ' ' || ($3::text[])[1 + g % array_length($3::text[], 1)] || ' ' || (2000 + g % 24) || ' #' || g AS title,
        (SELECT array_agg(id ORDER BY slug) FROM organisations WHERE type IN ('dinas', 'badan', 'pemda', 'bps')) AS orgs,
        (ARRAY['sosial','ekonomi','infrastruktur'])[1 + g % 3] AS sector,
        now() - (g % 1000) * interval '1 hour' AS at
      FROM generate_series(1, $1::int) g`, [n, TOPICS, REGIONS]);
    await client.query(`INSERT INTO data_datasets (id, slug, organisation_id, published_revision_id, latest_revision_id, pub_title, pub_description, pub_sector, pub_topic, pub_tags, pub_formats, pub_level, pub_years,
        pub_licence, pub_groups, pub_modified, published_at, search_vector, created_at)
      SELECT did, 'bench-' || g, orgs[1 + g % array_length(orgs, 1)], rid, rid, title, 'Data ' || title, sector, 'Topik ' || (g % 20), ARRAY['bench', 'tag-' || (g % 50)], ARRAY['CSV'], 'kecamatan', ARRAY[2023],
        'CC-BY-4.0', ARRAY[sector, 'topik-' || (g % 20)], at, at,
        setweight(to_tsvector('indonesian', title), 'A') || setweight(to_tsvector('indonesian', 'bench tag-' || (g % 50)), 'B'), at
      FROM bench_ids`);
    await client.query(`INSERT INTO data_revisions (id, dataset_id, number, state, title, description, sector, topic, tags, licence, temporal_start, temporal_end, region_codes, frequency, level, published_at, created_at, updated_at)
      SELECT rid, did, 1, 'published', title, 'Data ' || title, sector, 'Topik ' || (g % 20), ARRAY['bench', 'tag-' || (g % 50)], 'CC-BY-4.0', '2023-01-01', '2023-12-31', ARRAY['52'], 'tahunan', 'kecamatan', at, at, at FROM bench_ids`);
    await client.query(`INSERT INTO data_resources (revision_id, lineage_id, position, name, kind, format, datastore_table, table_schema, row_count, ingest_status)
      SELECT b.rid, gen_random_uuid(), 0, 'Tabel', x.kind, x.format, x.datastore_table, x.table_schema, x.row_count, x.ingest_status
      FROM bench_ids b, data_resources x JOIN data_datasets d ON d.published_revision_id = x.revision_id WHERE d.id = $1`, [tpl.datasetId]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
  await ctx.pool.query('ANALYZE data_datasets; ANALYZE data_revisions; ANALYZE data_resources');
  return Date.now() - t0;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { startBenchPlatform } = await import('./lib.ts');
  const n = Number(process.env.BENCH_DATASETS ?? 10_000);
  const p = await startBenchPlatform();
  const ms = await seedCatalogue(p.ctx, n);
  const { rows } = await p.ctx.pool.query('SELECT count(*)::int AS n FROM data_datasets WHERE published_revision_id IS NOT NULL');
  console.log(`database: ${p.dbLabel}; seeded ${rows[0].n} published datasets in ${ms} ms`);
  await p.close();
}
