/**
 * Test platform: the real app on a real database. Embedded PGlite in memory by default; with
 * TEST_DATABASE_URL, a fresh PostgreSQL database created for this test file and dropped afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../src/config.ts';
import { createPlatform, type Platform } from '../../src/app.ts';
import { openDatabase, type Database } from '../../src/core/db.ts';
import { createLogger } from '../../src/core/logger.ts';
import { createUserUnchecked } from '../../src/core/auth/users.service.ts';
import { SYSTEM_ACTOR, type Role } from '../../src/core/policy.ts';
import { withTransaction } from '../../src/core/db.ts';
import { TestAgent } from './agent.ts';
import { runTemplates, TEMPLATE_SESSION_SECRET, type TemplateInfo } from './template.ts';

export interface TestPlatform extends Platform {
  config: Config;
  dataDir: string;
  /** Base URL when started with `listen: true`. */
  url: string;
  /** Creates a user with the given roles (organisation slugs) and returns an agent logged in as them. */
  loginAs(roles: Array<{ org: string; role: Role }>, opts?: { email?: string; name?: string; password?: string }): Promise<TestAgent & { userId: string; email: string; password: string }>;
  /** An anonymous visitor. */
  anon(): TestAgent;
  /** Creates a user; returns id, email and password. */
  createUser(roles: Array<{ org: string; role: Role }>, opts?: { email?: string; name?: string; password?: string }): Promise<{ id: string; email: string; password: string }>;
  /** Creates a personal API token for a new or given user. */
  apiToken(userId: string): Promise<string>;
}

async function createTestDatabase(template?: TemplateInfo): Promise<{ db: Database; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `ntb_test_${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(template?.database ? `CREATE DATABASE ${name} TEMPLATE ${template.database}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: u.toString(), poolSize: 6 });
  return {
    db,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

let counter = 0;

/**
 * Starts the platform for a test file. `listen` starts an HTTP server on a free port (browser tests);
 * `startJobs` starts the pg-boss workers; `seedDemo` seeds demo content (modules' demo seeds included).
 */
export async function startTestPlatform(opts: { listen?: boolean; startJobs?: boolean; seedDemo?: boolean; config?: Partial<Config> } = {}): Promise<TestPlatform> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntb-test-'));
  const seedDemo = opts.seedDemo ?? false;
  // The run's migrated and seeded template of this kind, when `npm test` built one (and the test does not
  // choose its own session secret, on which seeded content may depend).
  const template = opts.config?.sessionSecret ? undefined : runTemplates()?.get(seedDemo ? 'demo' : 'plain');
  const config = loadConfig({}, {
    dataDir, sessionSecret: template ? TEMPLATE_SESSION_SECRET : crypto.randomBytes(32).toString('hex'), seedDemo, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    port: 0, host: '127.0.0.1', baseUrl: 'http://127.0.0.1', ...opts.config,
  });
  if (template) fs.cpSync(template.files, path.join(dataDir, 'files'), { recursive: true });
  let database: { db: Database; drop: () => Promise<void> };
  if (process.env.TEST_DATABASE_URL) database = await createTestDatabase(template);
  else {
    const loadDataDir = template?.dump ? new Blob([fs.readFileSync(template.dump)]) : undefined;
    database = { db: await openDatabase({ poolSize: 6, loadDataDir }), drop: async () => {} };
  }
  const platform = await createPlatform(config, { db: database.db, startJobs: opts.startJobs, logger: createLogger(config.logLevel), announce: () => {} });
  let url = '';
  if (opts.listen) {
    await platform.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = platform.app.server.address() as AddressInfo;
    url = `http://127.0.0.1:${addr.port}`;
    config.baseUrl = url;
  }

  const tp: TestPlatform = {
    ...platform,
    config,
    dataDir,
    url,
    async close() {
      await platform.close().catch(() => {});
      await database.drop().catch(() => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async createUser(roles, o = {}) {
      const n = ++counter;
      const email = o.email ?? `user${n}.${crypto.randomBytes(3).toString('hex')}@test.example`;
      const password = o.password ?? `sandi-rahasia-${n}-${crypto.randomBytes(4).toString('hex')}`;
      const id = await withTransaction(platform.ctx.pool, async (tx) => {
        const ms = [];
        for (const r of roles) {
          let org = await tx.query('SELECT id FROM organisations WHERE slug = $1', [r.org]);
          if (!org.rows[0]) org = await tx.query(`INSERT INTO organisations (slug, name, type, region_code, is_demo) VALUES ($1, $2, 'dinas', '52', true) RETURNING id`, [r.org, `Organisasi Uji ${r.org}`]);
          ms.push({ organisationId: org.rows[0].id, role: r.role });
        }
        const u = await createUserUnchecked(tx, SYSTEM_ACTOR, { email, name: o.name ?? `Pengguna Uji ${n}`, password }, ms);
        return u.id;
      });
      return { id, email, password };
    },
    async loginAs(roles, o = {}) {
      const u = await tp.createUser(roles, o);
      const agent = new TestAgent(platform.app);
      await agent.login(u.email, u.password);
      return Object.assign(agent, { userId: u.id, email: u.email, password: u.password });
    },
    anon() {
      return new TestAgent(platform.app);
    },
    async apiToken(userId) {
      const { newToken } = await import('../../src/core/auth/tokens.ts');
      const { token, hash } = newToken('ntb_');
      await platform.ctx.pool.query('INSERT INTO api_tokens (user_id, name, prefix, token_hash) VALUES ($1, $2, $3, $4)', [userId, 'test', token.slice(0, 8), hash]);
      return token;
    },
  };
  return tp;
}
