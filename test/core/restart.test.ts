/**
 * The server as a process on the embedded database: killed (SIGKILL) in the middle of start-up and migration,
 * it starts again cleanly; a normal restart keeps every row.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { openDatabase } from '../../src/core/db.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntb-restart-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function start(port: number): { proc: ChildProcess; output: () => string } {
  let out = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', SEED_DEMO: 'true', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => { out += d; });
  proc.stderr!.on('data', (d) => { out += d; });
  return { proc, output: () => out };
}

async function waitHealthy(port: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (r.status === 200) return true;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function kill(proc: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (proc.exitCode !== null) return;
  await new Promise<void>((resolve) => { proc.once('exit', () => resolve()); proc.kill(signal); });
}

test('SIGKILL during first start-up and migration, then a clean start; restart keeps data', { timeout: 240_000 }, async () => {
  const port = await freePort();
  // Kill at several points of the first start: while PGlite initialises, while migrating/seeding.
  for (const delay of [1500, 3500, 5500]) {
    const s = start(port);
    const seen = await new Promise<string>((resolve) => {
      const timer = setTimeout(() => resolve('timer'), delay);
      s.proc.stdout!.on('data', (d) => { if (String(d).includes('migrating')) { clearTimeout(timer); setTimeout(() => resolve('migrating'), 30); } });
    });
    await kill(s.proc, 'SIGKILL');
    assert.ok(seen);
  }
  const s = start(port);
  assert.ok(await waitHealthy(port, 90_000), `server did not become ready:\n${s.output().slice(-3000)}`);
  const home = await fetch(`http://127.0.0.1:${port}/`);
  assert.equal(home.status, 200);
  assert.match(await home.text(), /<html lang="id">/);
  const orgs1 = (await (await fetch(`http://127.0.0.1:${port}/api/v1/organisations`)).json()).data.length;
  assert.ok(orgs1 > 50);
  // Graceful stop, then start again: same data, demo accounts not re-created (passwords printed only once).
  await kill(s.proc, 'SIGTERM');
  assert.equal(s.proc.exitCode, 0, 'graceful shutdown exits 0');
  const s2 = start(port);
  assert.ok(await waitHealthy(port, 60_000), s2.output().slice(-3000));
  const orgs2 = (await (await fetch(`http://127.0.0.1:${port}/api/v1/organisations`)).json()).data.length;
  assert.equal(orgs2, orgs1);
  assert.doesNotMatch(s2.output(), /Demonstration accounts/);
  // A second process on the same embedded database is refused instead of corrupting it.
  const s3 = start(await freePort());
  await new Promise((r) => s3.proc.once('exit', r));
  assert.notEqual(s3.proc.exitCode, 0);
  assert.match(s3.output(), /in use by process/);
  await kill(s2.proc, 'SIGTERM');

  // npm run audit:verify on the stopped instance: intact; then one row altered by SQL is reported.
  const verify = () => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' });
  const ok = verify();
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /audit trail intact: \d+ entries verified/);
  const db = await openDatabase({ embeddedDir: path.join(dataDir, 'db'), poolSize: 1 });
  const victim = (await db.pool.query('SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 2')).rows[0].id;
  await db.pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
  await db.pool.query(`UPDATE audit_log SET actor_label = 'someone else' WHERE id = $1`, [victim]);
  await db.close();
  const broken = verify();
  assert.equal(broken.status, 1);
  assert.match(broken.stderr, new RegExp(`AUDIT TRAIL BROKEN at entry #${victim}`));
});
