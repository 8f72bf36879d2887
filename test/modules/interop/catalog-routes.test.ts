/** DCAT endpoints, per-dataset RDF, datapackage.json, sitemap.xml and robots.txt on a running platform. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Parser } from 'n3';
import { publish, type Published } from './support/platform-setup.ts';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { NS, parseJsonLd } from '../../../src/modules/interop/rdf-writer.ts';
import { datasetsFromDcat } from '../../../src/modules/interop/harvest-client.ts';
import { parseRdfXml } from '../../../src/modules/interop/rdf-xml-reader.ts';
import { datasetHead, datasetJsonLd } from '../../../src/modules/interop/dataset-page-hooks.ts';

let p: TestPlatform;
const pub: Published[] = [];
before(async () => {
  p = await startTestPlatform();
  for (let i = 1; i <= 4; i++) pub.push(await publish(p.ctx, i));
});
after(async () => { await p?.close(); });

const datasetsIn = (ttl: string) => new Parser().parse(ttl).filter((q) => q.predicate.value === NS.rdf + 'type' && q.object.value === NS.dcat + 'Dataset').length;

test('/catalog.ttl parses with n3 and holds every public dataset; rdf and jsonld hold the same', async () => {
  const ttl = await p.app.inject({ url: '/catalog.ttl' });
  assert.equal(ttl.statusCode, 200);
  assert.match(ttl.headers['content-type'] as string, /text\/turtle/);
  assert.equal(datasetsIn(ttl.body), 4);
  const jsonld = await p.app.inject({ url: '/catalog.jsonld' });
  assert.equal(datasetsFromDcat(parseJsonLd(jsonld.json())).length, 4);
  const rdf = await p.app.inject({ url: '/catalog.rdf' });
  assert.match(rdf.headers['content-type'] as string, /application\/rdf\+xml/);
  assert.equal((rdf.body.match(/rdf:resource="http:\/\/www\.w3\.org\/ns\/dcat#Dataset"/g) ?? []).length, 4);
  const q = new Parser().parse(ttl.body);
  assert.ok(q.some((x) => x.predicate.value === NS.hydra + 'totalItems' && x.object.value === '4'));
  assert.ok(q.some((x) => x.predicate.value === NS.dcat + 'downloadURL'));
  assert.ok(q.some((x) => x.predicate.value === NS.dct + 'publisher'));
});

test('/catalog negotiates; /catalog.xml is RDF/XML like ckanext-dcat', async () => {
  const r = await p.app.inject({ url: '/catalog?page=1', headers: { accept: 'application/rdf+xml' } });
  assert.equal(r.statusCode, 303);
  assert.equal(r.headers.location, '/catalog.rdf?page=1');
  assert.equal((await p.app.inject({ url: '/catalog', headers: { accept: 'text/turtle' } })).headers.location, '/catalog.ttl');
  const xml = await p.app.inject({ url: '/catalog.xml' });
  assert.match(xml.headers['content-type'] as string, /application\/rdf\+xml/);
  assert.equal(datasetsFromDcat(parseRdfXml(xml.body, p.config.baseUrl)).length, 4);
});

test('paging and modified_since', async () => {
  const future = await p.app.inject({ url: '/catalog.ttl?modified_since=2999-01-01' });
  assert.equal(datasetsIn(future.body), 0);
  const past = await p.app.inject({ url: '/catalog.ttl?modified_since=2000-01-01&page=1' });
  assert.equal(datasetsIn(past.body), 4);
  assert.match(past.body, /modified_since=2000-01-01&page=1/);
  const page2 = await p.app.inject({ url: '/catalog.ttl?page=2' });
  assert.equal(datasetsIn(page2.body), 0);
  assert.equal((await p.app.inject({ url: '/catalog.ttl?page=0' })).statusCode, 400);
  assert.equal((await p.app.inject({ url: '/catalog.ttl?modified_since=kemarin' })).statusCode, 400);
});

test('/data/{slug}.ttl|rdf|jsonld and datapackage.json; unknown slug 404', async () => {
  const s = pub[0].slug;
  assert.equal(datasetsIn((await p.app.inject({ url: `/data/${s}.ttl` })).body), 1);
  assert.equal(datasetsFromDcat(parseJsonLd((await p.app.inject({ url: `/data/${s}.jsonld` })).json())).length, 1);
  assert.match((await p.app.inject({ url: `/data/${s}.rdf` })).body, /<\/rdf:RDF>/);
  const dp = (await p.app.inject({ url: `/data/${s}/datapackage.json` })).json();
  assert.equal(dp.name, s);
  assert.equal(dp.resources[0].schema.fields.length, 3);
  assert.equal((await p.app.inject({ url: '/data/tidak-ada.ttl' })).statusCode, 404);
});

test('sitemap.xml lists every dataset page; robots.txt points to it', async () => {
  const sm = await p.app.inject({ url: '/sitemap.xml' });
  assert.equal(sm.statusCode, 200);
  for (const d of pub) assert.ok(sm.body.includes(`/data/${d.slug}</loc>`), d.slug);
  assert.match((await p.app.inject({ url: '/robots.txt' })).body, /Sitemap: .*\/sitemap\.xml/);
});

test('dataset page hook: schema.org JSON-LD and alternate links', async () => {
  const ld = await datasetJsonLd(p.ctx.pool, p.config.baseUrl, pub[0].slug);
  assert.equal(ld?.['@type'], 'Dataset');
  assert.equal((ld?.distribution as any[]).length, 1);
  const head = (await datasetHead(p.ctx.pool, p.config.baseUrl, pub[0].slug)).toString();
  assert.match(head, /<script type="application\/ld\+json">\{"@context"/);
  assert.match(head, /rel="alternate" type="text\/turtle"/);
  assert.equal((await datasetHead(p.ctx.pool, p.config.baseUrl, 'tidak-ada')).toString(), '');
});
