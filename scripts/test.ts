/**
 * `npm test`: the whole suite — unit, integration (HTTP against a real database) and browser tests.
 * Embedded PGlite by default; with TEST_DATABASE_URL every test file gets its own fresh PostgreSQL database.
 * Makes Chromium available first (scripts/ensure-chromium.sh). Extra arguments select test files.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return findTests(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const args = process.argv.slice(2);
const files = (args.length ? args.flatMap((a) => (fs.statSync(a).isDirectory() ? findTests(a) : [a])) : findTests('test')).sort();
const needsBrowser = files.some((f) => f.includes('browser'));
if (needsBrowser && !process.env.SKIP_CHROMIUM_INSTALL) {
  const r = spawnSync('bash', ['scripts/ensure-chromium.sh'], { stdio: 'inherit' });
  if (r.status !== 0) console.error('Chromium could not be installed: browser tests will fail.');
}
console.log(`Running ${files.length} test files on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL (TEST_DATABASE_URL)' : 'embedded PGlite'}`);
const started = Date.now();
// One migrated and seeded database per kind for the whole run; each test file starts from a copy.
const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/test-templates.ts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const templates = built.status === 0 ? built.stdout.trim().split('\n').pop() ?? '' : '';
if (!templates) console.error('Test templates could not be built: each test file migrates and seeds its own database.');
else console.log(`Database templates ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
const concurrency = process.env.TEST_CONCURRENCY ?? '3';
const r = spawnSync(process.execPath, [
  '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=300000',
  '--test-reporter=./test/reporter.mjs', '--test-reporter-destination=stdout', ...files,
], { stdio: 'inherit', env: { ...process.env, ...(templates ? { NTB_TEST_TEMPLATES: templates } : {}), NTB_TEST_STARTED: String(started), NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=4096`.trim() } });
process.exit(r.status ?? 1);
