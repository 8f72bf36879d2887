import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { audit, verifyAuditChain } from '../../src/core/audit.ts';
import { withTransaction } from '../../src/core/db.ts';
import { SYSTEM_ACTOR } from '../../src/core/policy.ts';

let p: TestPlatform;
before(async () => { p = await startTestPlatform(); });
after(async () => { await p?.close(); });

test('audit entries chain; altering one row by SQL is detected at that row', async () => {
  for (let i = 0; i < 5; i++) {
    await withTransaction(p.ctx.pool, (tx) => audit(tx, SYSTEM_ACTOR, { action: 'test.write', entityType: 'thing', entityId: String(i), before: { n: i }, after: { n: i + 1, nested: { b: 2, a: 1 } } }));
  }
  const ok = await verifyAuditChain(p.ctx.pool);
  assert.equal(ok.ok, true);
  assert.ok(ok.checked >= 5);
  // The table refuses updates…
  await assert.rejects(p.ctx.pool.query(`UPDATE audit_log SET action = 'x' WHERE entity_id = '2'`), /append-only/);
  // …but someone with superuser rights can switch the trigger off: the chain still tells.
  const target = (await p.ctx.pool.query(`SELECT id FROM audit_log WHERE entity_id = '2' AND action = 'test.write'`)).rows[0].id;
  await p.ctx.pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
  await p.ctx.pool.query(`UPDATE audit_log SET after = '{"n": 999}' WHERE id = $1`, [target]);
  const broken = await verifyAuditChain(p.ctx.pool);
  assert.equal(broken.ok, false);
  assert.equal(broken.brokenAt!.id, Number(target));
  assert.match(broken.brokenAt!.reason, /altered/);
  // Removing a row breaks the link of the next one.
  await p.ctx.pool.query(`UPDATE audit_log SET after = '{"n": 3, "nested": {"a": 1, "b": 2}}' WHERE id = $1`, [target]);
  assert.equal((await verifyAuditChain(p.ctx.pool)).ok, true);
  await p.ctx.pool.query('DELETE FROM audit_log WHERE id = $1', [target]);
  const gap = await verifyAuditChain(p.ctx.pool);
  assert.equal(gap.ok, false);
  assert.match(gap.brokenAt!.reason, /removed/);
  await p.ctx.pool.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
});

test('an audit entry rolls back with the change it records', async () => {
  const before = (await p.ctx.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
  await assert.rejects(withTransaction(p.ctx.pool, async (tx) => {
    await audit(tx, SYSTEM_ACTOR, { action: 'test.rollback', entityType: 'thing' });
    throw new Error('boom');
  }));
  assert.equal((await p.ctx.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n, before);
});
