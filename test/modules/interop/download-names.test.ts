/**
 * Acceptance (issue 15.2): every resource URL the catalogue advertises — CKAN `url`, DCAT
 * `dcat:downloadURL` / `dcat:accessURL`, schema.org `contentUrl`, datapackage `path` — answers 200 for a
 * file whose name is not ASCII (en dash, accents, Indonesian text, emoji, quotes, semicolons), with an RFC
 * 6266 `Content-Disposition` (`filename*` with the exact name, an ASCII fallback). And a handler that fails
 * after setting a file's headers answers the documented error shape with its own content type.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { Parser } from 'n3';
import { publish } from './support/platform-setup.ts';
import { publishSystemDataset } from '../../../src/modules/data/dataset.service.ts';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { contentDisposition } from '../../../src/core/http/reply.ts';
import { installErrorHandlers } from '../../../src/core/http/error-handler.ts';
import { safeFileName } from '../../../src/core/files.ts';

let p: TestPlatform;
const NAMES = [
  'Jumlah Penduduk 2020–2023 (jiwa)',
  'Angka Partisipasi Sekolah — Kabupaten Lombok Tengah, Sumbawa & Bima; “final” ‘v2’ é à ü ñ 😀',
  // (the file store keeps what follows the last / or \ and drops " < > | : * ?)
  'Data "kutip" ; titik;koma 100% ðŸ € ™ Ölçü',
];
let slugs: string[] = [];

before(async () => {
  p = await startTestPlatform();
  await publish(p.ctx, 1);
  for (const [i, name] of NAMES.entries()) {
    const r = await publishSystemDataset(p.ctx, {
      systemKey: `test.names.${i}`, organisationSlug: 'bps-ntb', resourceName: name, csv: 'kecamatan;jumlah\nAmpenan;1.234\nSelaparang;2.345,5\n',
      metadata: { title: `Nama berkas uji ${i}`, description: 'Uji nama berkas dengan huruf non-ASCII.', sector: 'sosial', topic: 'Kependudukan', tags: ['uji'], licence: 'CC-BY-4.0', temporalStart: '2023-01-01', temporalEnd: '2023-12-31', regionCodes: ['52.71'], frequency: 'tahunan', level: 'kecamatan', contactRole: 'Walidata', source: 'BPS', notes: '', msInd: {}, msKeg: {} },
    });
    slugs.push(r.slug);
  }
});
after(async () => { await p?.close(); });

const local = (url: string) => { const u = new URL(url); assert.equal(u.origin, 'http://127.0.0.1', url); return u.pathname + u.search; };

test('the RFC 6266 header: filename* with the exact name, an ASCII fallback, nothing Node refuses', () => {
  assert.equal(contentDisposition('data.csv'), 'attachment; filename="data.csv"');
  const v = contentDisposition('Penduduk 2020–2023 é "x"; y 😀.csv');
  assert.equal(v, `attachment; filename="Penduduk 2020-2023 e _x_; y _.csv"; filename*=UTF-8''Penduduk%202020%E2%80%932023%20%C3%A9%20%22x%22%3B%20y%20%F0%9F%98%80.csv`);
  assert.equal(decodeURIComponent(v.split("UTF-8''")[1]), 'Penduduk 2020–2023 é "x"; y 😀.csv');
  assert.equal(contentDisposition('a\r\nb/../c.pdf', 'inline'), 'inline; filename="ab_.._c.pdf"');
});

test('every resource URL of the CKAN API, DCAT (Turtle), schema.org and datapackage.json answers 200', async () => {
  for (const [i, slug] of slugs.entries()) {
    const urls = new Set<string>();
    const pkg = (await p.app.inject({ method: 'POST', url: '/api/3/action/package_show', payload: { id: slug } })).json().result;
    for (const r of pkg.resources) urls.add(r.url);
    const ttl = (await p.app.inject(`/data/${slug}.ttl`)).body;
    for (const q of new Parser().parse(ttl)) if (/#(downloadURL|accessURL)$/.test(q.predicate.value)) urls.add(q.object.value);
    const dp = (await p.app.inject(`/data/${slug}/datapackage.json`)).json();
    for (const r of dp.resources) urls.add(r.path);
    const page = (await p.app.inject(`/data/${slug}`)).body;
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1]);
    for (const d of ld.distribution) urls.add(d.contentUrl);
    assert.ok(urls.size >= 2, `${slug}: the original file and the normalised export`);
    let sawOriginal = false;
    for (const url of urls) {
      const res = await p.app.inject({ method: 'GET', url: local(url), headers: { accept: '*/*', 'user-agent': 'ckanapi/4.11' } });
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
      const cd = String(res.headers['content-disposition'] ?? '');
      if (url.endsWith('/berkas')) {
        sawOriginal = true;
        assert.match(cd, /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
        assert.equal(decodeURIComponent(cd.split("UTF-8''")[1]), safeFileName(`${NAMES[i]}.csv`), 'the name as stored');
        assert.match(res.body, /Ampenan/);
      }
    }
    assert.ok(sawOriginal, 'the original upload is among them');
  }
});

test('a handler that fails after setting a file\'s headers answers the documented error shape, not Fastify\'s, in JSON or HTML', async () => {
  const app = Fastify();
  app.decorate('ctx', { config: { defaultLocale: 'id' } } as any);
  app.addHook('onRequest', async (req) => { (req as any).locale = 'id'; });
  installErrorHandlers(app);
  const failing = async (_req: unknown, reply: any) => reply.header('content-type', 'text/csv').header('content-disposition', 'attachment; filename="Penduduk 2020–2023.csv"').send('a,b\n');
  app.get('/api/v1/x/berkas', failing);
  app.get('/x/berkas', failing);
  app.get('/api/v1/y', async (_req, reply) => { reply.header('content-type', 'text/csv'); throw new Error('secret internals'); });
  for (const [url, accept] of [['/api/v1/x/berkas', 'application/json'], ['/api/v1/y', '*/*']]) {
    const res = await app.inject({ url, headers: { accept } });
    assert.equal(res.statusCode, 500, url);
    assert.match(String(res.headers['content-type']), /^application\/json/, url);
    assert.equal(res.headers['content-disposition'], undefined);
    const body = res.json();
    assert.equal(body.error.code, 'internal_error', url);
    assert.ok(body.error.message && Array.isArray(body.error.fields) && body.error.requestId, url);
    assert.doesNotMatch(res.body, /ERR_INVALID_CHAR|secret internals|statusCode/);
  }
  const page = await app.inject({ url: '/x/berkas', headers: { accept: 'text/html' } });
  assert.equal(page.statusCode, 500);
  assert.match(String(page.headers['content-type']), /^text\/html/);
  assert.doesNotMatch(page.body, /ERR_INVALID_CHAR/);
  await app.close();
});
