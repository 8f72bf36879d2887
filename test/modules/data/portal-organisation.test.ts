/**
 * Organisation pages of the portal over the seeded demo content: the list of producers grouped by
 * type with dataset counts, one page per organisation (profile, contact role, figures from the
 * monitoring service, newest datasets, sectors, links to the search and the CKAN API), 404 for an
 * unknown slug, and organisation names linked from search results and dataset pages.
 */
import { MODULES } from '../../../src/app.ts';
import { dataModule } from '../../../src/modules/data/index.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { monitoringFigures } from '../../../src/modules/data/monitoring.service.ts';
import { DEMO_DATASETS } from '../../../src/modules/data/seed/demo-datasets.ts';

let p: TestPlatform;
before(async () => { p = await startTestPlatform({ seedDemo: true }); });
after(async () => { await p?.close(); });

const between = (body: string, from: string, to: string) => body.slice(body.indexOf(from), body.indexOf(to, body.indexOf(from)));

test('/data/organisasi lists producers grouped as provincial agencies, regencies/cities and others, with dataset counts', async () => {
  const r = await p.anon().get('/data/organisasi');
  assert.equal(r.statusCode, 200);
  const diskominfotik = DEMO_DATASETS.filter((d) => d.organisation === 'diskominfotik').length;
  const provincial = between(r.body, 'id="provinsi"', '</section>');
  const kabkota = between(r.body, 'id="kabkota"', '</section>');
  const other = between(r.body, 'id="lainnya"', '</section>');
  assert.match(provincial, /<h2 id="provinsi-h">Perangkat daerah Provinsi NTB<\/h2>/);
  assert.match(provincial, new RegExp(`<a class="org-name" href="/data/organisasi/diskominfotik">Dinas Komunikasi, Informatika dan Statistik</a>\\s*<span class="org-meta">Diskominfotik · <strong>${diskominfotik} dataset</strong>`));
  assert.match(provincial, /href="\/data\/organisasi\/bappeda">[^<]+<\/a>\s*<span class="org-meta">Bappeda · <strong>1 dataset<\/strong>/);
  assert.match(provincial, /href="\/data\/organisasi\/dinas-kesehatan">Dinas Kesehatan<\/a>\s*<span class="org-meta">Dikes · belum ada dataset · Daftar Data \d{4}: 0 dari 2 terbit/);
  assert.doesNotMatch(provincial, /Pemerintah Kota Mataram|Somasi|Badan Pusat Statistik/);
  // regencies and cities in Kemendagri code order, Mataram (52.71) after Lombok Utara (52.08)
  assert.match(kabkota, /<h2 id="kabkota-h">Pemerintah kabupaten\/kota<\/h2>/);
  assert.ok(kabkota.indexOf('Lombok Barat') < kabkota.indexOf('Lombok Utara') && kabkota.indexOf('Lombok Utara') < kabkota.indexOf('Kota Mataram'));
  assert.equal((kabkota.match(/class="org-name"/g) ?? []).length, 10);
  assert.match(other, /Badan Pusat Statistik Provinsi NTB/);
  // civil society and the platform operator do not produce data: not listed while they have no dataset
  assert.doesNotMatch(r.body, /Somasi|Pengelola Platform/);
  const active = new Set(DEMO_DATASETS.map((d) => d.organisation)).size;
  assert.match(r.body, new RegExp(`\\d+ organisasi; ${active} di antaranya telah menerbitkan dataset\\.`));
  const en = await p.anon().get('/data/organisasi?lang=en');
  assert.match(en.body, /<h1>Data producers<\/h1>/);
  assert.match(en.body, /Regency and city governments/);
});

test('/data/organisasi/:slug: profile, contact role, figures, data list, newest datasets, sectors and API links', async () => {
  const r = await p.anon().get('/data/organisasi/diskominfotik');
  assert.equal(r.statusCode, 200);
  const body = r.body;
  assert.match(body, /<h1>Dinas Komunikasi, Informatika dan Statistik<\/h1>/);
  assert.match(body, /<p class="ds-meta">Dinas daerah · Nusa Tenggara Barat \(52\)<\/p>/);
  // the contact is the most frequent contact role of its published datasets: a position, not a person
  assert.match(body, /<dd class="org-contact">Walidata, Bidang Statistik Diskominfotik<\/dd>/);
  const n = DEMO_DATASETS.filter((d) => d.organisation === 'diskominfotik').length;
  assert.match(body, new RegExp(`<a class="figure" href="/data/cari\\?organisation=diskominfotik"><span class="figure-value">${n}</span><span class="figure-label">Dataset terpublikasi</span>`));
  // data list figures of this year come from the monitoring service
  const year = new Date().getUTCFullYear();
  const row = (await monitoringFigures(p.ctx.pool, year)).byOrg.find((x) => x.organisation === 'Dinas Komunikasi, Informatika dan Statistik')!;
  assert.ok(row && row.items > 0);
  assert.match(body, new RegExp(`<h2>Daftar Data Daerah ${year}</h2>`));
  assert.match(body, new RegExp(`<span class="figure-value">${row.items}</span><span class="figure-label">Jenis data dalam daftar</span>`));
  assert.match(body, new RegExp(`<span class="figure-value">${String(row.publishedPct.toFixed(2)).replace('.', ',')} %</span><span class="figure-label">Terbit: ${row.published} dari ${row.items}</span>`));
  assert.match(body, new RegExp(`<span class="figure-label">Terbit tepat waktu: ${row.onTime} dari ${row.items}</span>`));
  assert.match(body, /Jumlah pengaduan masyarakat dan tindak lanjutnya/);
  // newest datasets, sectors covered, links
  assert.match(body, /<h2>Dataset terbaru<\/h2>\s*<ul class="ds-list">/);
  assert.match(body, /Hasil Evaluasi SPBE Provinsi NTB Tahun 2018 per Indikator/);
  assert.doesNotMatch(body, /Indeks Pembangunan Manusia \(IPM\) Provinsi/, 'only this organisation');
  assert.match(body, /<a href="\/data\/cari\?organisation=diskominfotik&amp;sector=infrastruktur">Infrastruktur<\/a> <span class="count">\d+<\/span>/);
  assert.match(body, /href="\/data\/cari\?organisation=diskominfotik">Cari di semua \d+ dataset organisasi ini<\/a>/);
  assert.match(body, /<a href="\/api\/3\/action\/organization_show\?id=diskominfotik">/);
  assert.match(body, /"@type":"GovernmentOrganization"/);
  // the linked CKAN action answers for the same organisation
  const ckan = await p.anon().get('/api/3/action/organization_show?id=diskominfotik', { accept: 'application/json' });
  assert.equal(ckan.statusCode, 200);
  assert.equal(ckan.json().result.name, 'diskominfotik');
  assert.equal(ckan.json().result.package_count, n);
});

test('an organisation without datasets: fallback contact role, empty states; a bureau links to its parent', async () => {
  let r = await p.anon().get('/data/organisasi/kota-mataram');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /<p class="ds-meta">Pemerintah kota · Kota Mataram \(52\.71\)<\/p>/);
  assert.match(r.body, /Organisasi ini belum menerbitkan dataset\./);
  assert.match(r.body, /<dd class="org-contact">Produsen Data Pemerintah Kota Mataram, melalui Walidata Provinsi NTB/);
  assert.match(r.body, /Tidak ada jenis data organisasi ini dalam Daftar Data Daerah \d{4}\./);
  r = await p.anon().get('/data/organisasi/biro-organisasi');
  assert.match(r.body, /<dt>Bagian dari<\/dt><dd><a href="\/data\/organisasi\/setda">Sekretariat Daerah Provinsi NTB<\/a><\/dd>/);
  r = await p.anon().get('/data/organisasi/kab-lombok-barat?lang=en');
  assert.match(r.body, /Regency government · Lombok Barat \(52\.01\)|Regency government · Kabupaten Lombok Barat \(52\.01\)/);
  assert.match(r.body, /This organisation has not published any datasets yet\./);
});

test('unknown organisations get a 404 page linking to the list', async () => {
  for (const slug of ['tidak-ada', 'Bad%20Slug', '..%2F..%2Fetc']) {
    const r = await p.anon().get(`/data/organisasi/${slug}`);
    assert.equal(r.statusCode, 404, slug);
    assert.match(r.body, /<h1>Organisasi tidak ditemukan<\/h1>/);
    assert.match(r.body, /<a class="btn btn-primary" href="\/data\/organisasi">Lihat semua produsen data<\/a>/);
  }
});

test('organisation names link to their pages from search results, the home page and dataset pages', async () => {
  const anon = p.anon();
  let r = await anon.get('/data/cari?q=penduduk');
  assert.match(r.body, /<p class="ds-meta"><a href="\/data\/organisasi\/diskominfotik">Dinas Komunikasi, Informatika dan Statistik<\/a> · /);
  r = await anon.get('/data');
  assert.match(r.body, /<a href="\/data\/organisasi\/bappeda">/);
  r = await anon.get('/data/indikator-ipm-provinsi-ntb-2013-2017');
  assert.match(r.body, /<dt>Organisasi<\/dt><dd><a href="\/data\/organisasi\/bappeda">/);
  // the search filtered by organisation links back to the profile
  r = await anon.get('/data/cari?organisation=bappeda');
  assert.match(r.body, /<p class="org-profile-link"><a href="\/data\/organisasi\/bappeda">Profil organisasi<\/a><\/p>/);
});

test('a regency\'s page shows the datasets harvested from its own portal; the list counts them', async () => {
  const { upsertExternalDataset, removeExternalDataset } = await import('../../../src/modules/data/external-catalogue.service.ts');
  const bima = (await p.ctx.pool.query(`SELECT id FROM organisations WHERE slug = 'kab-bima'`)).rows[0].id;
  const ids = ['0b9f3c1e-1111-4a6b-9e0a-000000000001', '0b9f3c1e-1111-4a6b-9e0a-000000000002'];
  for (const [i, id] of ids.entries()) {
    await upsertExternalDataset(p.ctx.pool, {
      id, provider: 'test.harvest', slug: `bima-uji-${i}`, organisationId: bima, title: `Produksi Bawang Merah Kabupaten Bima ${2020 + i}`,
      description: 'Dipanen dari portal uji.', sector: 'ekonomi', tags: ['pertanian'], formats: ['CSV'], modified: `2024-0${i + 1}-15T00:00:00Z`,
      pageUrl: `/data/panen/dataset/bima-uji-${i}`, originalUrl: `https://data.bimakab.example/dataset/bima-uji-${i}`, sourceLabel: 'Portal Data Kabupaten Bima',
    });
  }
  try {
    let r = await p.anon().get('/data/organisasi');
    const kabkota = between(r.body, 'id="kabkota"', '</section>');
    assert.match(kabkota, /href="\/data\/organisasi\/kab-bima">Pemerintah Kabupaten Bima<\/a>\s*<span class="org-meta">[^<]*belum ada dataset · 2 dipanen dari portal daerah/);
    assert.doesNotMatch(kabkota, /<li class="org-item org-empty">\s*<a class="org-name" href="\/data\/organisasi\/kab-bima">/);
    r = await p.anon().get('/data/organisasi/kab-bima');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Organisasi ini belum menerbitkan dataset\./, 'nothing published here');
    const section = between(r.body, '<h2 id="dipanen">', '</ul>');
    assert.match(section, /Data dari portal daerah \(dipanen\)/);
    assert.match(section, /2 dataset dipanen dari Portal Data Kabupaten Bima\./);
    // newest first, each linking to its local page with the provenance and to the source
    assert.ok(section.indexOf('Bima 2021') < section.indexOf('Bima 2020'));
    assert.match(section, /<a href="\/data\/panen\/dataset\/bima-uji-1">Produksi Bawang Merah Kabupaten Bima 2021<\/a>/);
    assert.match(section, /href="https:\/\/data\.bimakab\.example\/dataset\/bima-uji-1"/);
    assert.match(r.body, /href="\/data\/cari\?organisation=kab-bima">Lihat semua 2 dataset yang dipanen<\/a>/);
    assert.match(r.body, /<a[^>]*href="#dipanen"/, 'the figure links to the section');
    r = await p.anon().get('/data/organisasi/kab-bima?lang=en');
    assert.match(r.body, /2 datasets harvested from Portal Data Kabupaten Bima\./);
    // an organisation without harvested datasets has no such section
    r = await p.anon().get('/data/organisasi/bappeda');
    assert.doesNotMatch(r.body, /id="dipanen"/);
  } finally {
    await removeExternalDataset(p.ctx.pool, ids);
  }
});
