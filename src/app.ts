/**
 * buildApp: the core plugins, then the modules, listed explicitly. `createPlatform` opens the database,
 * migrates, seeds and builds the app: the same path for `npm start`, the tests and the benchmarks.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import qs from 'node:querystring';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './core/db.ts';
import { migrate } from './core/migrate.ts';
import { Jobs } from './core/jobs.ts';
import { FileService } from './core/files.ts';
import { Mailer } from './core/mail.ts';
import { createLogger, type Logger } from './core/logger.ts';
import { registerMessages } from './core/i18n/i18n.ts';
import type { AppContext } from './core/app-context.ts';
import type { AppModule } from './core/module.ts';
import { requestContextPlugin } from './core/http/request-context.ts';
import { installErrorHandlers } from './core/http/error-handler.ts';
import { ErrorSchema } from './core/http/schemas.ts';
import { homeRoutes } from './core/web/home.routes.ts';
import { authRoutes } from './core/web/auth.routes.ts';
import { adminRoutes } from './core/web/admin.routes.ts';
import { systemRoutes } from './core/web/system.routes.ts';
import { seedCore } from './core/seed/seed.ts';
import { plansModule } from './modules/plans/index.ts';
import { spbeModule } from './modules/spbe/index.ts';
import { careModule } from './modules/care/index.ts';
import { dataModule } from './modules/data/index.ts';
import { interopModule } from './modules/interop/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The modules of the platform, in navigation order. */
export const MODULES: AppModule[] = [dataModule, interopModule, careModule, plansModule, spbeModule];

export interface Platform {
  app: FastifyInstance;
  ctx: AppContext;
  close(): Promise<void>;
}

export interface PlatformOptions {
  /** Start pg-boss workers (the server does; most tests do not need them). */
  startJobs?: boolean;
  /** An already-open database (tests); otherwise opened from the config. */
  db?: Database;
  logger?: Logger;
  /** Print the demo passwords and the setup link (the server does). */
  announce?: (msg: string) => void;
}

export async function createPlatform(config: Config, opts: PlatformOptions = {}): Promise<Platform> {
  const log = opts.logger ?? createLogger(config.logLevel);
  const db = opts.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, embeddedDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'db'), poolSize: config.dbPoolSize, onError: (err) => log.error({ err }, 'database pool error') }));
  try {
    const applied = await migrate(db.pool, (m) => log.info(m));
    if (applied.length) log.info({ applied: applied.length }, 'migrations applied');
    for (const m of MODULES) if (m.messages) registerMessages(m.messages);
    await seedCore({ pool: db.pool, config, log, demo: config.seedDemo }, opts.announce ?? ((m) => log.info(m)));
    for (const m of MODULES) if (m.seed) await m.seed({ pool: db.pool, config, log, demo: config.seedDemo });
    const jobs = new Jobs(db, log);
    const ctx: AppContext = {
      config, db, pool: db.pool, jobs, files: new FileService(config), mailer: new Mailer(config, log), log,
      modules: MODULES, nav: MODULES.flatMap((m) => m.nav ?? []),
    };
    const app = await buildApp(ctx);
    if (opts.startJobs) await jobs.start();
    return {
      app,
      ctx,
      async close() {
        await app.close();
        await jobs.stop();
        await db.close();
      },
    };
  } catch (err) {
    if (!opts.db) await db.close().catch(() => {});
    throw err;
  }
}

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: ctx.log,
    genReqId: (req: { headers: Record<string, unknown> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : crypto.randomUUID();
    },
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: true,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: true, useDefaults: true } },
    routerOptions: { ignoreTrailingSlash: true },
  } as any) as unknown as FastifyInstance;
  app.decorate('ctx', ctx);

  await app.register(cookie);
  // Form bodies parsed with node's querystring so repeated fields become arrays.
  await app.register(formbody, { parser: (s: string) => qs.parse(s), bodyLimit: 1024 * 1024 });
  await app.register(multipart, { limits: { fileSize: ctx.config.maxUploadBytes, files: 10, fields: 200, fieldSize: 100_000, parts: 220 } });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"], connectSrc: ["'self'"], objectSrc: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"],
        frameAncestors: ["'none'"], upgradeInsecureRequests: ctx.config.secureCookies ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    hsts: ctx.config.secureCookies ? { maxAge: 31536000 } : false,
  });
  await app.register(rateLimit, { global: false });
  await app.register(fastifyStatic, { root: path.join(ROOT, 'public'), prefix: '/assets/', maxAge: '7d', decorateReply: false });
  await app.register(fastifyStatic, { root: path.join(ROOT, 'node_modules/echarts/dist'), prefix: '/assets/vendor/echarts/', maxAge: '30d', decorateReply: false, allowedPath: (p) => p.endsWith('.js') });
  await app.register(fastifyStatic, { root: path.join(ROOT, 'node_modules/leaflet/dist'), prefix: '/assets/vendor/leaflet/', maxAge: '30d', decorateReply: false });

  app.addSchema(ErrorSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'NTB Terbuka API', version: '1', description: 'JSON API of the open-government platform of NTB. Errors share one shape: `{ "error": { "code", "message", "fields": [ { "field", "message" } ] } }`. Lists use cursor pagination (`cursor`, `limit`; the answer carries `nextCursor`). Authenticate machine clients with a personal API token: `Authorization: Bearer ntb_…`.' },
      servers: [{ url: ctx.config.baseUrl }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list', deepLinking: false } });

  await app.register(requestContextPlugin);
  installErrorHandlers(app);
  await app.register(systemRoutes);
  await app.register(homeRoutes);
  await app.register(authRoutes);
  await app.register(adminRoutes);
  for (const m of ctx.modules) await app.register(m.plugin);
  ctx.jobs.register('core.mail.flush', async () => { await ctx.mailer.flush(ctx.pool); }, { cron: '* * * * *', retryLimit: 0 });
  await app.ready();
  return app;
}
