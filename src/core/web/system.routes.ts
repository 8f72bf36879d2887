/** Operations endpoints (/healthz, /readyz, /metrics) and the core JSON API (health, me, organisations, regions). */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import client from 'prom-client';
import fp from 'fastify-plugin';
import { pendingMigrations } from '../migrate.ts';
import { ErrorSchema } from '../http/schemas.ts';
import { UnauthenticatedError, NotFoundError } from '../http/errors.ts';

/** Not encapsulated (fastify-plugin): the metrics hook must see every module's routes. */
export const systemRoutes = fp(async function systemRoutes(app: FastifyInstance) {
  const { pool } = app.ctx;
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  // prom-client's gauges named *_total fail promtool's lint (only counters end in _total); the same counts
  // are in nodejs_active_{resources,handles,requests} by type (their sum)
  for (const name of ['nodejs_active_resources_total', 'nodejs_active_handles_total', 'nodejs_active_requests_total']) registry.removeSingleMetric(name);
  const httpDuration = new client.Histogram({
    name: 'http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
  });
  const dbPool = new client.Gauge({ name: 'db_pool_connections', help: 'pg pool connections', labelNames: ['state'], registers: [registry],
    collect() { this.set({ state: 'total' }, pool.totalCount); this.set({ state: 'idle' }, pool.idleCount); this.set({ state: 'waiting' }, pool.waitingCount); } });
  void dbPool;
  app.addHook('onResponse', async (req, reply) => {
    httpDuration.observe({ method: req.method, route: req.routeOptions.url ?? 'unknown', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await pool.query('SELECT 1');
      const pending = await pendingMigrations(pool);
      if (pending.length) return reply.status(503).send({ status: 'migrations_pending', pending });
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database_unreachable' });
    }
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));

  app.get('/api/v1/health', {
    schema: { tags: ['platform'], summary: 'Process and database health', response: { 200: Type.Object({ status: Type.String(), database: Type.String(), time: Type.String() }) } },
  }, async () => {
    await pool.query('SELECT 1');
    return { status: 'ok', database: app.ctx.db.mode, time: new Date().toISOString() };
  });

  app.get('/api/v1/me', {
    schema: {
      tags: ['platform'], summary: 'The authenticated user and their memberships', security: [{ bearerAuth: [] }],
      response: {
        200: Type.Object({ id: Type.String(), name: Type.String(), email: Type.String(), locale: Type.String(),
          memberships: Type.Array(Type.Object({ organisation: Type.String(), organisationName: Type.String(), role: Type.String() })) }),
        401: ErrorSchema,
      },
    },
  }, async (req) => {
    if (!req.actor) throw new UnauthenticatedError();
    const a = req.actor;
    return { id: a.id, name: a.name, email: a.email, locale: a.locale, memberships: a.memberships.map((m) => ({ organisation: m.organisationSlug, organisationName: m.organisationName, role: m.role })) };
  });

  const Org = Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String(), shortName: Type.Union([Type.String(), Type.Null()]), type: Type.String(), regionCode: Type.Union([Type.String(), Type.Null()]), parent: Type.Union([Type.String(), Type.Null()]) });
  const presentOrg = (r: any) => ({ id: r.id, slug: r.slug, name: r.name, shortName: r.short_name, type: r.type, regionCode: r.region_code, parent: r.parent_slug ?? null });

  app.get('/api/v1/organisations', {
    schema: {
      tags: ['platform'], summary: 'The organisation registry (agencies, regency/city governments, CSOs)',
      querystring: Type.Object({ type: Type.Optional(Type.String({ maxLength: 30 })), region: Type.Optional(Type.String({ maxLength: 20 })) }),
      response: { 200: Type.Object({ data: Type.Array(Org) }) },
    },
  }, async (req) => {
    const q = req.query as { type?: string; region?: string };
    const { rows } = await pool.query(
      `SELECT o.*, p.slug AS parent_slug FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id
       WHERE ($1::text IS NULL OR o.type = $1) AND ($2::text IS NULL OR o.region_code = $2) AND o.type <> 'platform' ORDER BY o.name`, [q.type ?? null, q.region ?? null]);
    return { data: rows.map(presentOrg) };
  });

  app.get('/api/v1/organisations/:slug', {
    schema: { tags: ['platform'], summary: 'One organisation', params: Type.Object({ slug: Type.String({ maxLength: 100 }) }), response: { 200: Org, 404: ErrorSchema } },
  }, async (req) => {
    const { rows } = await pool.query('SELECT o.*, p.slug AS parent_slug FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id WHERE o.slug = $1', [(req.params as any).slug]);
    if (!rows[0]) throw new NotFoundError();
    return presentOrg(rows[0]);
  });

  const Region = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String(), parentCode: Type.Union([Type.String(), Type.Null()]), kecamatanCount: Type.Union([Type.Integer(), Type.Null()]), desaCount: Type.Union([Type.Integer(), Type.Null()]), areaKm2: Type.Union([Type.Number(), Type.Null()]) });
  app.get('/api/v1/regions', {
    schema: {
      tags: ['platform'], summary: 'Kemendagri region codes (province, regencies/cities, and kecamatan/desa once imported)',
      querystring: Type.Object({ parent: Type.Optional(Type.String({ maxLength: 20 })) }),
      response: { 200: Type.Object({ data: Type.Array(Region) }) },
    },
  }, async (req) => {
    const parent = (req.query as any).parent as string | undefined;
    const { rows } = await pool.query(
      `SELECT * FROM regions WHERE ($1::text IS NULL AND level IN ('provinsi','kabupaten','kota')) OR parent_code = $1 ORDER BY code`, [parent ?? null]);
    return { data: rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, kecamatanCount: r.kecamatan_count, desaCount: r.desa_count, areaKm2: r.area_km2 })) };
  });
});
