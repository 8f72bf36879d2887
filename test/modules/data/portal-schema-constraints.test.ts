/**
 * Table Schema constraints edited in the workspace's data dictionary form: server-side checks with
 * field + reason messages (id/en), saved into the schema, the resource reloaded against it (a cell
 * breaking a constraint is reported by row, column and reason; the previous data stays), fixed by a
 * replacement file; constraints shown on the public data dictionary once published.
 */
import { MODULES } from '../../../src/app.ts';
import { dataModule } from '../../../src/modules/data/index.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { multipartBody } from '../../helpers/agent.ts';
import { createDraft, publishThroughSop } from './support/workspace.ts';
import { runIngest } from '../../../src/modules/data/ingest.service.ts';
import { parseBound, parseEnum, riskyPattern, schemaFromForm, formatBound } from '../../../src/modules/data/schema-edit.service.ts';
import type { TableSchema } from '../../../src/modules/data/datastore/table-schema.ts';

let p: TestPlatform;
let produsen: Awaited<ReturnType<TestPlatform['loginAs']>>;
let revisionId = '';
let resourceId = '';

const CSV = 'No;Kabupaten/Kota;Persentase rumah tangga berlistrik\n1;Lombok Barat;94,30%\n2;Lombok Tengah;120%\n3;Kota Mataram;88,5%\n';
const FIXED = CSV.replace('120%', '99,1%');

async function drainIngest() {
  const { rows } = await p.ctx.pool.query(`SELECT id, ingest_progress->>'token' AS token FROM data_resources WHERE ingest_status IN ('queued', 'running')`);
  for (const r of rows) await runIngest(p.ctx, { resourceId: r.id, token: r.token });
}

async function resource() {
  return (await p.ctx.pool.query('SELECT * FROM data_resources WHERE id = $1', [resourceId])).rows[0];
}

/** The dictionary form as the page would submit it, with `change` applied. */
async function dictionaryForm(change: Record<string, string | string[]> = {}): Promise<Record<string, string | string[]>> {
  const schema = (await resource()).table_schema as TableSchema;
  const out: Record<string, string | string[]> = {};
  schema.fields.forEach((f, i) => {
    out[`title.${i}`] = f.title; out[`type.${i}`] = f.type; out[`unit.${i}`] = f.unit ?? ''; out[`description.${i}`] = f.description ?? '';
    out[`constraints.${i}`] = '1';
    const c = f.constraints ?? {};
    if (c.required) out[`required.${i}`] = '1';
    for (const k of ['minimum', 'maximum', 'minLength', 'maxLength'] as const) out[`${k}.${i}`] = c[k] === undefined ? '' : formatBound(c[k]);
    out[`pattern.${i}`] = c.pattern ?? '';
    out[`enum.${i}`] = (c.enum ?? []).join('\n');
  });
  return { ...out, ...change };
}

async function upload(url: string, fields: Record<string, string>, csv: string) {
  const mp = multipartBody(fields, [{ field: 'file', filename: 'listrik.csv', content: Buffer.from(csv), contentType: 'text/csv' }]);
  return produsen.request({ method: 'POST', url: `${url}?_csrf=${encodeURIComponent(produsen.csrf)}`, payload: mp.payload, headers: mp.headers });
}

before(async () => {
  p = await startTestPlatform();
  produsen = await p.loginAs([{ org: 'dinas-esdm', role: 'produsen_data' }]);
  revisionId = await createDraft(p, produsen, 'dinas-esdm', {
    title: 'Rasio Elektrifikasi Uji', description: 'Persentase rumah tangga berlistrik per kabupaten/kota.', sector: 'infrastruktur',
    topic: 'Energi', tags: 'listrik', licence: 'CC-BY-4.0', temporalStart: '2024-01-01', temporalEnd: '2024-12-31', regionCodes: '52', frequency: 'tahunan',
    level: 'kabupaten_kota', contactRole: 'Bidang Ketenagalistrikan, Dinas ESDM', source: 'Dinas ESDM', 'msInd.definition': 'Rumah tangga berlistrik dibagi seluruh rumah tangga',
  });
  const up = await upload(`/data/kerja/revisi/${revisionId}/sumber`, { name: 'Rasio elektrifikasi' }, CSV);
  assert.equal(up.statusCode, 303, up.body.slice(0, 400));
  await drainIngest();
  resourceId = (await p.ctx.pool.query('SELECT id FROM data_resources WHERE revision_id = $1', [revisionId])).rows[0].id;
  const res = await resource();
  assert.equal(res.ingest_status, 'done', JSON.stringify(res.ingest_report));
  assert.equal(res.table_schema.fields[2]['ntb:kind'], 'percent');
});
after(async () => { await p?.close(); });

test('pure helpers: bounds in both languages, allowed values, risky patterns', () => {
  assert.equal(parseBound('100'), 100);
  assert.equal(parseBound('99,5'), 99.5);
  assert.equal(parseBound('99.5'), 99.5);
  assert.equal(parseBound('1.000'), 1000);
  assert.equal(parseBound('1.000,25'), 1000.25);
  assert.equal(parseBound('-0,5'), -0.5);
  assert.equal(parseBound('1,000', 'en'), 1000);
  assert.equal(parseBound('99.5', 'en'), 99.5);
  assert.equal(parseBound(''), null);
  assert.ok(Number.isNaN(parseBound('seratus')));
  assert.ok(Number.isNaN(parseBound('1.2.3,4,5')));
  assert.equal(parseBound(formatBound(1.125, 'id'), 'id'), 1.125);
  assert.equal(parseBound(formatBound(1.125, 'en'), 'en'), 1.125);
  assert.deepEqual(parseEnum('Lombok Barat\nLombok Tengah\n\nLombok Barat\r\nKota Bima, NTB'), ['Lombok Barat', 'Lombok Tengah', 'Kota Bima, NTB']);
  assert.deepEqual(parseEnum('ya, tidak ,  '), ['ya', 'tidak']);
  for (const bad of ['(a+)+', '(\\w*)*x', '((ab)+c)*', '(x+){2,}', '(a)\\1']) assert.equal(riskyPattern(bad), true, bad);
  for (const good of ['\\d{2}(?:\\.\\d{2}(?:\\.\\d{2}(?:\\.\\d{4})?)?)?', '[A-Z]{3}-\\d+', '(ab)+', '[(a+)+]', 'a+b*', '(?:DEMO|KODE)-\\d{3}']) assert.equal(riskyPattern(good), false, good);
  // a form without the constraint inputs leaves constraints as they were
  const schema: TableSchema = { missingValues: [], fields: [{ name: 'x', title: 'X', type: 'number', constraints: { maximum: 5, unique: true } }] };
  assert.deepEqual(schemaFromForm(schema, { 'title.0': 'X', 'type.0': 'number' }, 'r').schema.fields[0].constraints, { maximum: 5, unique: true });
  // changing a number column to text drops decimal settings; the unique box is part of the form
  const s2 = schemaFromForm(schema, { 'title.0': 'X', 'type.0': 'string', 'constraints.0': '1', 'maxLength.0': '10', 'unique.0': '1' }, 'r').schema.fields[0];
  assert.deepEqual(s2.constraints, { unique: true, maxLength: 10 });
  const s3 = schemaFromForm(schema, { 'title.0': 'X', 'type.0': 'string', 'constraints.0': '1', 'maxLength.0': '10' }, 'r').schema.fields[0];
  assert.deepEqual(s3.constraints, { maxLength: 10 });
  // date columns take date bounds, written the Indonesian way or ISO
  const dates: TableSchema = { missingValues: [], fields: [{ name: 'tgl', title: 'Tanggal', type: 'date' }] };
  const d1 = schemaFromForm(dates, { 'title.0': 'Tanggal', 'type.0': 'date', 'constraints.0': '1', 'minimum.0': '1 Januari 2020', 'maximum.0': '2021-12-31' }, 'r');
  assert.deepEqual(d1.problems, []);
  assert.deepEqual(d1.schema.fields[0].constraints, { minimum: '2020-01-01', maximum: '2021-12-31' });
  const d2 = schemaFromForm(dates, { 'title.0': 'Tanggal', 'type.0': 'date', 'constraints.0': '1', 'minimum.0': '2022-01-01', 'maximum.0': 'besok' }, 'r');
  assert.deepEqual(d2.problems.map((p) => p.key), ['data.constraints.err.maximum_date']);
  const d3 = schemaFromForm(dates, { 'title.0': 'Tanggal', 'type.0': 'date', 'constraints.0': '1', 'minimum.0': '2022-01-01', 'maximum.0': '2021-01-01' }, 'r');
  assert.deepEqual(d3.problems.map((p) => p.key), ['data.constraints.err.min_gt_max']);
});

test('the dictionary form offers constraint inputs per field', async () => {
  const page = await produsen.get(`/data/kerja/revisi/${revisionId}`);
  assert.equal(page.statusCode, 200);
  for (const name of ['required.2', 'minimum.2', 'maximum.2', 'minLength.1', 'maxLength.1', 'pattern.1', 'enum.1', 'constraints.0']) assert.match(page.body, new RegExp(`name="${name.replace('.', '\\.')}"`), name);
  assert.match(page.body, new RegExp(`id="f-schema-${resourceId}-2-maximum"`));
  assert.match(page.body, /\/assets\/data\/schema-editor\.js/);
});

test('bad constraints are refused with field and reason, in Indonesian and English; nothing is saved', async () => {
  const before = await resource();
  let r = await produsen.postForm(`/data/kerja/sumber/${resourceId}/kamus`, await dictionaryForm({
    'minimum.2': '200', 'maximum.2': '100', 'pattern.1': '([A-Z', 'minimum.1': '5', 'enum.0': '1',
  }));
  assert.equal(r.statusCode, 422);
  assert.match(r.body, /Kolom &quot;Persentase rumah tangga berlistrik&quot;: nilai minimum \(200\) lebih besar dari nilai maksimum \(100\)\./);
  assert.match(r.body, /Kolom &quot;Kabupaten\/Kota&quot;: pola &quot;\(\[A-Z&quot; bukan ekspresi reguler yang sah/);
  assert.match(r.body, /Kolom &quot;Kabupaten\/Kota&quot;: nilai minimum\/maksimum hanya berlaku untuk kolom angka/);
  assert.match(r.body, /Kolom &quot;No&quot;: panjang, pola dan nilai yang diizinkan hanya berlaku untuk kolom teks/);
  // the error summary links to the input, which shows its message and the submitted value
  assert.match(r.body, new RegExp(`href="#f-schema-${resourceId}-2-minimum"`));
  assert.match(r.body, new RegExp(`id="f-schema-${resourceId}-2-minimum" name="minimum\\.2" type="text" value="200"`));
  assert.match(r.body, new RegExp(`id="f-schema-${resourceId}-2-minimum-error"`));

  r = await produsen.postForm(`/data/kerja/sumber/${resourceId}/kamus?lang=en`, await dictionaryForm({
    'pattern.1': 'A'.repeat(501), 'enum.1': Array.from({ length: 201 }, (_v, i) => `v${i}`).join('\n'), 'maximum.2': 'banyak', 'minimum.0': '1,5',
  }));
  assert.equal(r.statusCode, 422);
  assert.match(r.body, /Column &quot;Kabupaten\/Kota&quot;: the pattern is too long \(501 characters; at most 500\)\./);
  assert.match(r.body, /Column &quot;Kabupaten\/Kota&quot;: 201 allowed values; at most 200\./);
  assert.match(r.body, /Column &quot;Persentase rumah tangga berlistrik&quot;: the maximum &quot;banyak&quot; is not a number/);
  assert.match(r.body, /Column &quot;No&quot;: the minimum &quot;1,5&quot; must be a whole number/);
  await produsen.get('/data/kerja?lang=id');

  r = await produsen.postForm(`/data/kerja/sumber/${resourceId}/kamus`, await dictionaryForm({ 'pattern.1': '(a+)+$' }));
  assert.equal(r.statusCode, 422);
  assert.match(r.body, /pengulangan bersarang/);

  const after = await resource();
  assert.deepEqual(after.table_schema, before.table_schema, 'schema unchanged');
  assert.equal(after.ingest_status, 'done', 'not reloaded');
});

test('maximum 100 on a percentage column with 120 %: the reload fails naming row, column and reason; the old data stays', async () => {
  const tableBefore = (await resource()).datastore_table;
  const r = await produsen.postForm(`/data/kerja/sumber/${resourceId}/kamus`, await dictionaryForm({
    'maximum.2': '100', 'minimum.2': '0', 'required.1': '1', 'enum.1': 'Lombok Barat\nLombok Tengah\nKota Mataram\nKota Bima', 'unit.2': '%',
  }));
  assert.equal(r.statusCode, 303, r.body.slice(0, 300));
  let res = await resource();
  assert.equal(res.ingest_status, 'queued', 'a constraint change reloads the file, like a type change');
  const f = res.table_schema.fields;
  assert.deepEqual(f[2].constraints, { minimum: 0, maximum: 100 });
  assert.deepEqual(f[1].constraints, { required: true, enum: ['Lombok Barat', 'Lombok Tengah', 'Kota Mataram', 'Kota Bima'] });
  await drainIngest();
  res = await resource();
  assert.equal(res.ingest_status, 'failed');
  assert.equal(res.ingest_report.code, 'validation_failed');
  assert.deepEqual(res.ingest_report.detail.errors.map((e: Record<string, unknown>) => [e.row, e.line, e.title, e.value, e.code]), [[2, 3, 'Persentase rumah tangga berlistrik', '120%', 'maximum']]);
  assert.equal(res.datastore_table, tableBefore, 'the previous table is still in use');
  const page = await produsen.get(`/data/kerja/revisi/${revisionId}`);
  assert.match(page.body, /Baris 2 \(baris berkas 3\), kolom &quot;Persentase rumah tangga berlistrik&quot;: &quot;120%&quot; di atas nilai maksimum\. \(nilai maksimum: 100\)/);
  // the dictionary stays editable after a failed reload, with the constraint shown
  assert.match(page.body, new RegExp(`id="f-schema-${resourceId}-2-maximum" name="maximum\\.2" type="text" value="100"`));
  const en = await produsen.get(`/data/kerja/revisi/${revisionId}?lang=en`);
  assert.match(en.body, /Row 2 \(file line 3\), column &quot;Persentase rumah tangga berlistrik&quot;: &quot;120%&quot; is above the maximum\. \(maximum: 100\)/);
  await produsen.get('/data/kerja?lang=id');
});

test('fix: a corrected replacement file is validated against the edited dictionary and loads', async () => {
  const up = await upload(`/data/kerja/revisi/${revisionId}/sumber`, { replace: resourceId }, FIXED);
  assert.equal(up.statusCode, 303, up.body.slice(0, 300));
  const { rows: all } = await p.ctx.pool.query('SELECT id FROM data_resources WHERE revision_id = $1', [revisionId]);
  assert.equal(all.length, 1, 'replaced, not added');
  await drainIngest();
  const res = await resource();
  assert.equal(res.ingest_status, 'done', JSON.stringify(res.ingest_report));
  assert.deepEqual(res.table_schema.fields[2].constraints, { minimum: 0, maximum: 100 });
  const { rows } = await p.ctx.pool.query(`SELECT * FROM datastore.${res.datastore_table} ORDER BY _id`);
  assert.equal(Number(rows[1][res.table_schema.fields[2].name]), 99.1);
});

test('published: the public data dictionary shows the constraints', async () => {
  const walidata = await p.loginAs([{ org: 'diskominfotik', role: 'walidata' }]);
  const kepala = await p.loginAs([{ org: 'dinas-esdm', role: 'kepala_opd' }]);
  await publishThroughSop(revisionId, { produsen, walidata, kepala });
  const slug = (await p.ctx.pool.query('SELECT d.slug FROM data_datasets d JOIN data_revisions r ON r.dataset_id = d.id WHERE r.id = $1', [revisionId])).rows[0].slug;
  const page = await p.anon().get(`/data/${slug}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<th scope="col">Batasan nilai<\/th>/);
  assert.match(page.body, /<li>0 sampai 100<\/li>/);
  assert.match(page.body, /<li>wajib diisi<\/li><li>salah satu dari: Lombok Barat, Lombok Tengah, Kota Mataram, Kota Bima<\/li>/);
  const en = await p.anon().get(`/data/${slug}?lang=en`);
  assert.match(en.body, /<li>0 to 100<\/li>/);
  // the organisation name links to the organisation page
  assert.match(page.body, /<a href="\/data\/organisasi\/dinas-esdm">Dinas Energi dan Sumber Daya Mineral<\/a>/);
});
