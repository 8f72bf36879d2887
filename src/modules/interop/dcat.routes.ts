/**
 * DCAT-AP catalogue (/catalog.ttl|rdf|jsonld, paged with Hydra, `modified_since`, streamed dataset by
 * dataset), per-dataset RDF (/data/{slug}.ttl|rdf|jsonld), Frictionless datapackage.json, sitemap.xml
 * and robots.txt.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { catalogStream, datasetDocument, RDF_MEDIA, CATALOG_PAGE_SIZE, type RdfFormat } from './dcat.serializer.ts';
import { catalogueIds, countCatalogue, findPackageId, loadDatasets, sitemapRows, streamDatasets } from './catalogue.repo.ts';
import { dataPackage, robotsTxt, sitemapEntry, SITEMAP_HEAD, SITEMAP_TAIL } from './web-metadata.ts';
import { datasetPageUrl } from './catalogue.model.ts';
import { BadRequestError, NotFoundError } from '../../core/http/errors.ts';

export const CATALOG_TITLE = 'Satu Data NTB';
export const CATALOG_DESCRIPTION = 'Katalog data terbuka Pemerintah Provinsi Nusa Tenggara Barat dan kabupaten/kota di NTB.';

export async function dcatRoutes(app: FastifyInstance) {
  const ctx = app.ctx;
  const base = () => ctx.config.baseUrl.replace(/\/+$/, '');

  // /catalog (the catalogue's IRI) negotiates; /catalog.xml is ckanext-dcat's name for RDF/XML.
  app.get('/catalog', { schema: { hide: true } }, async (req, reply) => {
    const accept = String(req.headers.accept ?? '');
    const ext = /application\/rdf\+xml|application\/xml/.test(accept) ? 'rdf' : /application\/ld\+json|application\/json/.test(accept) ? 'jsonld' : 'ttl';
    const qs = new URL(req.url, 'http://x').search;
    return reply.redirect(`/catalog.${ext}${qs}`, 303);
  });
  for (const [alias, format] of [['ttl', 'ttl'], ['rdf', 'rdf'], ['xml', 'rdf'], ['jsonld', 'jsonld']] as Array<[string, RdfFormat]>) {
    app.get(`/catalog.${alias}`, { schema: { hide: true } }, async (req, reply) => {
      const qs = req.query as { page?: string; modified_since?: string };
      const page = qs.page === undefined ? 1 : Number(qs.page);
      if (!Number.isInteger(page) || page < 1) throw new BadRequestError('interop.err.page');
      let since: Date | null = null;
      if (qs.modified_since) {
        since = new Date(qs.modified_since);
        if (Number.isNaN(since.getTime())) throw new BadRequestError('interop.err.modifiedSince');
      }
      const { total, modified, issued } = await countCatalogue(ctx.pool, since);
      const ids = await catalogueIds(ctx.pool, since, CATALOG_PAGE_SIZE, (page - 1) * CATALOG_PAGE_SIZE);
      const pageUrl = (p: number) => {
        const u = new URLSearchParams();
        if (since) u.set('modified_since', qs.modified_since!);
        u.set('page', String(p));
        return `${base()}/catalog.${alias}?${u.toString()}`;
      };
      const info = { baseUrl: base(), title: CATALOG_TITLE, description: CATALOG_DESCRIPTION, publisherName: 'Pemerintah Provinsi Nusa Tenggara Barat', modified, issued };
      const stream = Readable.from(catalogStream(format, info, { page, perPage: CATALOG_PAGE_SIZE, total, pageUrl }, streamDatasets(ctx.pool, ids, base())));
      return reply.header('content-type', RDF_MEDIA[format]).header('access-control-allow-origin', '*').send(stream);
    });
  }
  for (const format of ['ttl', 'rdf', 'jsonld'] as RdfFormat[]) {
    app.get(`/data/:slug.${format}`, { schema: { hide: true } }, async (req, reply) => {
      const ds = await loadOne((req.params as { slug: string }).slug);
      return reply.header('content-type', RDF_MEDIA[format]).header('access-control-allow-origin', '*').send(datasetDocument(format, base(), ds));
    });
  }

  async function loadOne(slug: string) {
    const id = await findPackageId(ctx.pool, slug);
    const [ds] = id ? await loadDatasets(ctx.pool, [id], base()) : [];
    if (!ds) throw new NotFoundError();
    return ds;
  }

  app.get('/data/:slug/datapackage.json', { schema: { hide: true } }, async (req, reply) => {
    const ds = await loadOne((req.params as { slug: string }).slug);
    return reply.header('content-type', 'application/json; charset=utf-8').header('access-control-allow-origin', '*').send(JSON.stringify(dataPackage({ baseUrl: base(), catalogName: CATALOG_TITLE }, ds), null, 2));
  });

  app.get('/robots.txt', { schema: { hide: true } }, async (_req, reply: FastifyReply) => reply.type('text/plain; charset=utf-8').send(robotsTxt(base())));

  app.get('/sitemap.xml', { schema: { hide: true } }, async (_req, reply) => {
    const b = base();
    async function* gen() {
      yield SITEMAP_HEAD;
      for (const m of ctx.nav) yield sitemapEntry(`${b}${m.href}`);
      yield sitemapEntry(`${b}/`);
      for await (const r of sitemapRows(ctx.pool)) yield sitemapEntry(datasetPageUrl(b, { slug: r.name, harvest: r.harvested ? ({} as any) : null }), r.modified);
      yield SITEMAP_TAIL;
    }
    return reply.type('application/xml; charset=utf-8').send(Readable.from(gen()));
  });
}
