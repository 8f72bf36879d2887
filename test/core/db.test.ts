import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, withTransaction, type Database } from '../../src/core/db.ts';

// On the embedded database every connection shares one PGlite session: these tests hold the socket
// multiplexer to PostgreSQL's semantics under concurrency (they also run, trivially, on a real server).
let db: Database;
before(async () => {
  db = process.env.TEST_DATABASE_URL ? await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, poolSize: 8 }) : await openDatabase({ poolSize: 8 });
  await db.pool.query('CREATE TEMP TABLE IF NOT EXISTS t_dummy (x int)').catch(() => {});
});
after(async () => { await db?.close(); });

test('200 concurrent parameterised queries over 8 connections all answer correctly', async () => {
  // Different statement texts and parameter counts, so an interleaved Parse/Bind would be caught.
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2
    ? db.pool.query(`SELECT $1::int * ${i} AS v, $2::text AS s`, [2, `n${i}`])
    : db.pool.query(`SELECT $1::int * ${i} AS v, 'n${i}'::text AS s, $2::int AS k, $3::int AS k2`, [2, i, i]))));
  results.forEach((r, i) => {
    assert.equal(r.rows[0].v, i * 2);
    assert.equal(r.rows[0].s, `n${i}`);
  });
});

test('concurrent transactions stay isolated and commit or roll back as a whole', async () => {
  await db.pool.query('CREATE TABLE IF NOT EXISTS db_test_counter (id int PRIMARY KEY, n int NOT NULL)');
  await db.pool.query('INSERT INTO db_test_counter VALUES (1, 0) ON CONFLICT (id) DO UPDATE SET n = 0');
  await Promise.all(Array.from({ length: 30 }, (_, i) => withTransaction(db.pool, async (tx) => {
    const { rows } = await tx.query('SELECT n FROM db_test_counter WHERE id = $1 FOR UPDATE', [1]);
    await tx.query('UPDATE db_test_counter SET n = $2 WHERE id = $1', [1, rows[0].n + 1]);
    if (i % 3 === 0) throw new Error('rollback me');
  }).catch(() => {})));
  const { rows } = await db.pool.query('SELECT n FROM db_test_counter WHERE id = 1');
  assert.equal(rows[0].n, 20);
  await db.pool.query('DROP TABLE db_test_counter');
});

test('large parameters split across socket reads do not interleave with other connections', async () => {
  const big = (i: number) => `${i}:`.padEnd(300_000 + i, 'x');
  const results = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2
    ? db.pool.query(`SELECT length($1::text) AS n, ${i} AS i`, [big(i)])
    : db.pool.query(`SELECT length($1::text) + $2::int AS n, ${i} AS i, $3::text AS t`, [big(i), 0, 'z']))));
  results.forEach((r, i) => assert.deepEqual([r.rows[0].n, r.rows[0].i], [300_000 + i, i]));
});

test('a failing query does not stall the others', async () => {
  const out = await Promise.allSettled([
    db.pool.query('SELECT 1/$1::int AS x', [0]),
    ...Array.from({ length: 20 }, (_, i) => db.pool.query('SELECT $1::int AS v', [i])),
    db.pool.query('SELECT * FROM no_such_table WHERE id = $1', [1]),
  ]);
  assert.equal(out[0].status, 'rejected');
  assert.equal(out[out.length - 1].status, 'rejected');
  for (let i = 1; i <= 20; i++) assert.equal((out[i] as PromiseFulfilledResult<any>).value.rows[0].v, i - 1);
  assert.equal((await db.pool.query('SELECT 42 AS v')).rows[0].v, 42);
});
