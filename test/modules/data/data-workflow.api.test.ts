/**
 * The SOP through the JSON API against the real database: upload → ingest → return → resubmit →
 * check → validate → publish; permission rules; datastore queries and downloads; bad files change nothing.
 */
import { MODULES } from '../../../src/app.ts';
import { dataModule } from '../../../src/modules/data/index.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { multipartBody } from '../../helpers/agent.ts';
import { runIngest } from '../../../src/modules/data/ingest.service.ts';
import { TABEL_3_1_SEMICOLON, TABEL_3_1_FIXED, utf16leWithBom } from './support/fixtures.ts';

let p: TestPlatform;
const tokens: Record<string, string> = {};

async function api(who: string | null, method: string, url: string, body?: unknown) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (who) headers.authorization = `Bearer ${tokens[who]}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return p.app.inject({ method: method as never, url, headers, payload: body === undefined ? undefined : JSON.stringify(body) });
}

async function upload(who: string, revisionId: string, filename: string, content: Buffer) {
  const mp = multipartBody({ name: 'Tabel 3.1' }, [{ field: 'file', filename, content, contentType: 'text/csv' }]);
  return p.app.inject({ method: 'POST', url: `/api/v1/data/revisions/${revisionId}/resources`, payload: mp.payload, headers: { ...mp.headers, authorization: `Bearer ${tokens[who]}` } });
}

/** Run queued ingestion jobs inline (the test platform does not start workers). */
async function drainIngest() {
  const { rows } = await p.ctx.pool.query(`SELECT id, ingest_progress->>'token' AS token FROM data_resources WHERE ingest_status IN ('queued', 'running')`);
  for (const r of rows) await runIngest(p.ctx, { resourceId: r.id, token: r.token });
}

async function orgId(slug: string): Promise<string> {
  return (await p.ctx.pool.query('SELECT id FROM organisations WHERE slug = $1', [slug])).rows[0].id;
}

const META = {
  title: 'Jumlah Kecamatan dan Desa Uji', description: 'Jumlah kecamatan, desa dan luas wilayah kabupaten/kota.', sector: 'infrastruktur', topic: 'Wilayah',
  tags: ['wilayah'], licence: 'CC-BY-4.0', temporalStart: '2019-01-01', temporalEnd: '2019-12-31', regionCodes: ['52'], frequency: 'tahunan', level: 'kabupaten_kota',
  contactRole: 'Produsen data', source: 'Uji', notes: '', msInd: { concept: 'Wilayah', definition: 'Banyaknya kecamatan' }, msKeg: {},
};
const CHECKLIST = { metadata_complete: true, schema_valid: true, reference_codes: true, open_format: true };

before(async () => {
  p = await startTestPlatform();
  const make = async (name: string, org: string, role: Parameters<TestPlatform['createUser']>[0][0]['role']) => {
    const u = await p.createUser([{ org, role }]);
    tokens[name] = await p.apiToken(u.id);
  };
  await make('produsen', 'dinas-uji', 'produsen_data');
  await make('produsenLain', 'dinas-lain', 'produsen_data');
  await make('walidata', 'diskominfotik', 'walidata');
  await make('kepala', 'dinas-uji', 'kepala_opd');
  await make('kepalaLain', 'dinas-lain', 'kepala_opd');
});
after(async () => { await p?.close(); });

let revisionId = '';
let slug = '';

test('produsen creates a draft and uploads Tabel 3.1 with the typo: the cell is named, nothing is loaded', async () => {
  const res = await api('produsen', 'POST', '/api/v1/data/datasets', { ...META, organisationId: await orgId('dinas-uji') });
  assert.equal(res.statusCode, 201, res.body);
  ({ revisionId, slug } = { revisionId: res.json().revisionId, slug: res.json().slug });
  const up = await upload('produsen', revisionId, 'tabel-3-1.csv', Buffer.from(TABEL_3_1_SEMICOLON));
  assert.equal(up.statusCode, 201, up.body);
  await drainIngest();
  const rev = (await api('produsen', 'GET', `/api/v1/data/revisions/${revisionId}`)).json();
  assert.equal(rev.ingest[0].status, 'failed');
  assert.equal(rev.ingest[0].report.code, 'validation_failed');
  const err = rev.ingest[0].report.detail.errors[0];
  assert.deepEqual([err.row, err.line, err.title, err.value], [5, 6, 'Luas wilayah (Km²)', '6,643,98']);
  assert.equal(rev.resources[0].datastore, false);
  const { rows } = await p.ctx.pool.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'datastore'`);
  assert.equal(rows[0].n, 0, 'a failed load leaves no table');
});

test('another organisation cannot see the draft (404); produsen cannot publish', async () => {
  assert.equal((await api('produsenLain', 'GET', `/api/v1/data/revisions/${revisionId}`)).statusCode, 404);
  assert.equal((await api('kepalaLain', 'GET', `/api/v1/data/revisions/${revisionId}`)).statusCode, 404);
  assert.equal((await api(null, 'GET', `/api/v1/data/datasets/${slug}`)).statusCode, 404);
  const r = await api('produsen', 'POST', `/api/v1/data/revisions/${revisionId}/transitions`, { event: 'publish' });
  assert.equal(r.statusCode, 409);
});

test('the SOP: submit → return with a note → fix and resubmit → check → validate → publish', async () => {
  const rev0 = (await api('produsen', 'GET', `/api/v1/data/revisions/${revisionId}`)).json();
  const fixedUpload = await p.app.inject({
    method: 'POST', url: `/api/v1/data/revisions/${revisionId}/resources`,
    ...(() => { const mp = multipartBody({}, [{ field: 'file', filename: 'tabel-3-1-utf16.csv', content: utf16leWithBom(TABEL_3_1_FIXED), contentType: 'text/csv' }]); return { payload: mp.payload, headers: { ...mp.headers, authorization: `Bearer ${tokens.produsen}` } }; })(),
  });
  assert.equal(fixedUpload.statusCode, 201, fixedUpload.body);
  // remove the failed resource
  await p.ctx.pool.query('DELETE FROM data_resources WHERE id = $1', [rev0.resources[0].id]);
  await drainIngest();
  let r = await api('produsen', 'POST', `/api/v1/data/revisions/${revisionId}/transitions`, { event: 'submit' });
  assert.equal(r.json().state, 'submitted');
  r = await api('walidata', 'POST', `/api/v1/data/revisions/${revisionId}/transitions`, { event: 'return' });
  assert.equal(r.statusCode, 422, 'a note is required');
  r = await api('walidata', 'POST', `/api/v1/data/revisions/${revisionId}/transitions`, { event: 'return', note: 'Lengkapi satuan', itemNotes: { metadata_complete: 'Satuan belum diisi' } });
  assert.equal(r.json().state, 'returned');
  r = await api('produsen', 'POST', `/api/v1/data/revisions/${revisionId}/transitions`, { event: 'submit' });
  assert.equal(r.json().state, 'submitted');
  r = await api('kepala', 'POST', `/api/v1/data/revisions/${revisionId}/transitions`, { event: 'check', checklist: CHECKLIST });
  assert.equal(r.statusCode, 403, 'kepala OPD cannot check');
  r = await api('walidata', 'POST', `/api/v1/data/revisions/${revisionId}/transitions`, { event: 'check', checklist: CHECKLIST });
  assert.equal(r.json().state, 'checked', r.body);
  r = await api('kepalaLain', 'POST', `/api/v1/data/revisions/${revisionId}/transitions`, { event: 'validate' });
  assert.equal(r.statusCode, 404, 'kepala OPD of another organisation does not even see it');
  r = await api('produsen', 'POST', `/api/v1/data/revisions/${revisionId}/transitions`, { event: 'validate' });
  assert.equal(r.statusCode, 403);
  r = await api('kepala', 'POST', `/api/v1/data/revisions/${revisionId}/transitions`, { event: 'validate' });
  assert.equal(r.json().state, 'validated');
  r = await api('produsen', 'POST', `/api/v1/data/revisions/${revisionId}/transitions`, { event: 'publish' });
  assert.equal(r.statusCode, 403, 'produsen cannot publish');
  r = await api('walidata', 'POST', `/api/v1/data/revisions/${revisionId}/transitions`, { event: 'publish' });
  assert.equal(r.json().state, 'published');
  const audit = await p.ctx.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [revisionId]);
  assert.deepEqual(audit.rows.map((x) => x.action).filter((a) => a.startsWith('data.revision.')), [
    'data.revision.submit', 'data.revision.return', 'data.revision.submit', 'data.revision.check', 'data.revision.validate', 'data.revision.publish']);
  const notes = await p.ctx.pool.query(`SELECT kind FROM notifications WHERE kind LIKE 'data.%' ORDER BY created_at`);
  assert.ok(notes.rows.some((n) => n.kind === 'data.return'));
  assert.ok(notes.rows.some((n) => n.kind === 'data.check'));
});

test('public API: dataset, records with filters, sort, cursor, totals, CSV', async () => {
  const ds = await api(null, 'GET', `/api/v1/data/datasets/${slug}`);
  assert.equal(ds.statusCode, 200, ds.body);
  const res = ds.json().resources[0];
  assert.equal(res.rowCount, 10);
  const base = `/api/v1/data/resources/${res.id}/records`;
  let r = await api(null, 'GET', `${base}?sort=-luas_wilayah_km2&limit=3`);
  assert.equal(r.statusCode, 200, r.body);
  let j = r.json();
  assert.equal(j.total, 10);
  assert.deepEqual(j.records.map((x: any) => x.kabupaten_kota), ['Sumbawa', 'Bima', 'Dompu']);
  assert.equal(j.records[0].luas_wilayah_km2, 6643.98);
  r = await api(null, 'GET', `${base}?sort=-luas_wilayah_km2&limit=3&cursor=${j.nextCursor}`);
  assert.deepEqual(r.json().records.map((x: any) => x.kabupaten_kota), ['Sumbawa Barat', 'Lombok Timur', 'Lombok Tengah']);
  r = await api(null, 'GET', `${base}?filter.jumlah_kecamatan.gte=10&filter.jumlah_kecamatan.lte=20&sort=jumlah_kecamatan&fields=kabupaten_kota,jumlah_kecamatan`);
  j = r.json();
  assert.equal(j.total, 4);
  assert.deepEqual(Object.keys(j.records[0]).sort(), ['_id', 'jumlah_kecamatan', 'kabupaten_kota']);
  r = await api(null, 'GET', `${base}?q=lombok`);
  assert.equal(r.json().total, 4);
  r = await api(null, 'GET', `${base}?filter.tidak_ada=1`);
  assert.equal(r.statusCode, 400);
  r = await api(null, 'GET', `${base}?format=csv&limit=2`);
  assert.match(r.body, /^no,kabupaten_kota/);
  const dl = await api(null, 'GET', `/api/v1/data/resources/${res.id}/download.csv`);
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.body.replace(/^\ufeff/, '').trim().split(/\r\n/).length, 11);
  const x = await api(null, 'GET', `/api/v1/data/resources/${res.id}/download.xlsx`);
  assert.equal(x.rawPayload.subarray(0, 2).toString(), 'PK');
  const js = await api(null, 'GET', `/api/v1/data/resources/${res.id}/download.json`);
  assert.equal(JSON.parse(js.body).records.length, 10);
});

test('catalogue search finds the dataset, also with a typo; facets count it', async () => {
  let r = await api(null, 'GET', '/api/v1/data/datasets?q=kecamatan');
  assert.equal(r.json().total, 1, r.body);
  r = await api(null, 'GET', '/api/v1/data/datasets?q=kecamtan');
  assert.equal(r.json().total, 1, r.body);
  r = await api(null, 'GET', '/api/v1/data/datasets?q=kcamatan%20desaa');
  assert.equal(r.json().total, 1, r.body);
  assert.ok(r.json().facets.sector.some((f: any) => f.value === 'infrastruktur' && f.count === 1));
});

test('a revision keeps the published version public until the new one is published', async () => {
  let r = await api('produsenLain', 'POST', `/api/v1/data/datasets/${slug}/revisions`);
  assert.equal(r.statusCode, 403);
  r = await api('produsen', 'POST', `/api/v1/data/datasets/${slug}/revisions`);
  assert.equal(r.statusCode, 201, r.body);
  const newRev = r.json().revisionId;
  assert.notEqual(newRev, revisionId);
  r = await api('produsen', 'POST', `/api/v1/data/datasets/${slug}/revisions`);
  assert.equal(r.statusCode, 409, 'one revision in flight at a time');
  const pub = await api(null, 'GET', `/api/v1/data/datasets/${slug}`);
  assert.equal(pub.json().revision, 1);
  r = await api('produsen', 'POST', `/api/v1/data/revisions/${newRev}/transitions`, { event: 'submit' });
  assert.equal(r.json().state, 'submitted');
  await api('walidata', 'POST', `/api/v1/data/revisions/${newRev}/transitions`, { event: 'check', checklist: CHECKLIST });
  await api('kepala', 'POST', `/api/v1/data/revisions/${newRev}/transitions`, { event: 'validate' });
  r = await api('walidata', 'POST', `/api/v1/data/revisions/${newRev}/transitions`, { event: 'publish' });
  assert.equal(r.json().state, 'published');
  const pub2 = await api(null, 'GET', `/api/v1/data/datasets/${slug}`);
  assert.equal(pub2.json().revision, 2);
  const old = await p.ctx.pool.query('SELECT state FROM data_revisions WHERE id = $1', [revisionId]);
  assert.equal(old.rows[0].state, 'superseded');
  const summary = await p.ctx.pool.query('SELECT change_summary FROM data_revisions WHERE id = $1', [newRev]);
  assert.equal(summary.rows[0].change_summary.fromRevision, 1);
  const tables = await p.ctx.pool.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'datastore'`);
  assert.equal(tables.rows[0].n, 1, 'the unchanged resource shares its table');
});

test('bad files are rejected with a clear reason and load nothing', async () => {
  const res = await api('produsen', 'POST', '/api/v1/data/datasets', { ...META, title: 'Berkas buruk', organisationId: await orgId('dinas-uji') });
  const rid = res.json().revisionId;
  const before = (await p.ctx.pool.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'datastore'`)).rows[0].n;
  const cases: Array<[string, Buffer, string | number]> = [
    ['ragged.csv', Buffer.from('a,b,c\n1,2,3\n1,2\n'), 'ragged_rows'],
    ['wide.csv', Buffer.from(Array.from({ length: 10_000 }, (_v, i) => `c${i}`).join(',') + '\n' + Array.from({ length: 10_000 }, () => '1').join(',') + '\n'), 'too_many_columns'],
    ['header-only.csv', Buffer.from('a;b\n'), 'no_data_rows'],
  ];
  for (const [name, content, code] of cases) {
    const up = await upload('produsen', rid, name, content);
    assert.equal(up.statusCode, 201, up.body);
    await drainIngest();
    const rr = await p.ctx.pool.query('SELECT ingest_status, ingest_report FROM data_resources WHERE id = $1', [up.json().id]);
    assert.equal(rr.rows[0].ingest_status, 'failed', name);
    assert.equal(rr.rows[0].ingest_report.code, code, name);
  }
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]);
  const bin = await upload('produsen', rid, 'gambar.csv', png);
  assert.equal(bin.statusCode, 415, bin.body);
  const empty = await upload('produsen', rid, 'kosong.csv', Buffer.alloc(0));
  assert.ok([415, 422, 400].includes(empty.statusCode), empty.body);
  const after = (await p.ctx.pool.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'datastore'`)).rows[0].n;
  assert.equal(after, before);
});
