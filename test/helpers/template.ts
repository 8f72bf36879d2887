/**
 * Test database templates: the database is migrated and seeded once per test run (per kind: with or without
 * demo content), and every test file starts from a copy — PGlite's `loadDataDir` from a dump, PostgreSQL's
 * `CREATE DATABASE … TEMPLATE`. A template is keyed by a hash of the migrations, the source code and the day
 * (demo content is dated relative to the day it is seeded), so a changed seed or migration builds a new one.
 * Files that the seeds store (demo dataset uploads) are kept beside the dump and copied into each test's
 * data directory.
 *
 * `npm test` (scripts/test.ts) builds the templates before the test files start and passes their location in
 * `NTB_TEST_TEMPLATES`; a test file run on its own without it builds nothing and migrates and seeds as before.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../../src/config.ts';

export type TemplateKind = 'plain' | 'demo';

/** The session secret every templated test platform uses (seeded content may depend on it). */
export const TEMPLATE_SESSION_SECRET = 'ntb-test-template-session-secret-0123456789abcdef';

export interface TemplateInfo {
  kind: TemplateKind;
  /** Embedded: path of the dump (tar). */
  dump?: string;
  /** PostgreSQL: name of the template database. */
  database?: string;
  /** Directory of the files the seeds stored. */
  files: string;
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p) : [p];
  });
}

/** A hash of everything that decides a template's content. */
export function templateKey(): string {
  const h = crypto.createHash('sha256');
  for (const f of [...listFiles(path.join(ROOT, 'migrations')), ...listFiles(path.join(ROOT, 'src')), path.join(ROOT, 'test/helpers/template.ts')].sort()) {
    h.update(path.relative(ROOT, f));
    h.update(fs.readFileSync(f));
  }
  h.update(new Date().toISOString().slice(0, 10));
  return h.digest('hex').slice(0, 16);
}

async function templateConfig(dataDir: string, seedDemo: boolean): Promise<Config> {
  const { loadConfig } = await import('../../src/config.ts');
  return loadConfig({}, {
    dataDir, sessionSecret: TEMPLATE_SESSION_SECRET, seedDemo, logLevel: 'silent', port: 0, host: '127.0.0.1', baseUrl: 'http://127.0.0.1',
  });
}

/** Builds (or finds) the templates of this source tree; returns where they are. */
export async function buildTemplates(kinds: TemplateKind[] = ['plain', 'demo']): Promise<TemplateInfo[]> {
  const key = templateKey();
  const adminUrl = process.env.TEST_DATABASE_URL;
  // Per checkout: two working trees on one machine never remove each other's templates.
  const tree = crypto.createHash('sha256').update(ROOT).digest('hex').slice(0, 6);
  const base = path.join(os.tmpdir(), 'ntb-test-templates', tree);
  fs.mkdirSync(base, { recursive: true });
  // Templates of other source trees: removed (embedded: files; PostgreSQL: databases).
  for (const e of fs.readdirSync(base)) if (!e.startsWith(key)) fs.rmSync(path.join(base, e), { recursive: true, force: true });
  const out: TemplateInfo[] = [];
  for (const kind of kinds) {
    const dir = path.join(base, `${key}-${kind}${adminUrl ? '-pg' : ''}`);
    const files = path.join(dir, 'files');
    const database = `ntb_tpl_${tree}_${key}_${kind}`;
    const done = path.join(dir, 'done');
    if (!fs.existsSync(done)) {
      // Loaded only when a template must be built: a run that finds its templates starts at once.
      const { createPlatform } = await import('../../src/app.ts');
      const { openDatabase } = await import('../../src/core/db.ts');
      const { createLogger } = await import('../../src/core/logger.ts');
      fs.rmSync(dir, { recursive: true, force: true });
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntb-tpl-build-'));
      let db;
      let admin: pg.Client | undefined;
      if (adminUrl) {
        admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${database}`);
        const u = new URL(adminUrl);
        u.pathname = `/${database}`;
        db = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
      } else {
        db = await openDatabase({ poolSize: 4 });
      }
      const platform = await createPlatform(await templateConfig(dataDir, kind === 'demo'), { db, logger: createLogger('silent'), announce: () => {} });
      await platform.app.close();
      fs.mkdirSync(dir, { recursive: true });
      if (!adminUrl) {
        if (!db.dump) throw new Error('embedded database offers no dump');
        const dump = await db.dump();
        fs.writeFileSync(path.join(dir, 'db.tar'), Buffer.from(await dump.arrayBuffer()));
      }
      await db.close();
      if (admin) {
        // A template database must have no connections when it is copied; mark it so nobody else connects.
        await admin.query(`ALTER DATABASE ${database} WITH IS_TEMPLATE true`);
        await admin.end();
      }
      const stored = path.join(dataDir, 'files');
      if (fs.existsSync(stored)) fs.cpSync(stored, files, { recursive: true });
      else fs.mkdirSync(files, { recursive: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.writeFileSync(done, new Date().toISOString());
    }
    out.push({ kind, files, ...(adminUrl ? { database } : { dump: path.join(dir, 'db.tar') }) });
  }
  if (adminUrl) await dropStaleTemplateDatabases(adminUrl, `${tree}_${key}`);
  return out;
}

async function dropStaleTemplateDatabases(adminUrl: string, key: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname NOT LIKE $2`, [`ntb\\_tpl\\_${key.split('_')[0]}\\_%`, `ntb\\_tpl\\_${key}\\_%`]);
    for (const r of rows) {
      await admin.query(`ALTER DATABASE ${r.datname} WITH IS_TEMPLATE false`).catch(() => {});
      await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`).catch(() => {});
    }
  } finally {
    await admin.end();
  }
}

/** The templates `npm test` built for this run, if any. */
export function runTemplates(): Map<TemplateKind, TemplateInfo> | null {
  const raw = process.env.NTB_TEST_TEMPLATES;
  if (!raw) return null;
  try {
    const list = JSON.parse(raw) as TemplateInfo[];
    return new Map(list.map((t) => [t.kind, t]));
  } catch {
    return null;
  }
}
