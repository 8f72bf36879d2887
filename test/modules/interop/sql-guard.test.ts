import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guardSql, cappedSql, SqlGuardError } from '../../../src/modules/interop/sql-guard.ts';

const R = '5f1c2d3e-0000-4000-8000-000000000001';
const R2 = '5f1c2d3e-0000-4000-8000-000000000002';
const tables = (id: string) => (id === R ? 'datastore."t_one"' : id === R2 ? 'datastore."t_two"' : null);

test('accepts SELECTs over datastore resources and rewrites them to their tables', () => {
  const g = guardSql(`SELECT kecamatan, sum(jumlah) AS n FROM "${R}" WHERE tahun = 2023 GROUP BY kecamatan ORDER BY n DESC`, tables);
  assert.deepEqual(g.resources, [R]);
  assert.match(g.sql, /FROM datastore\."t_one" AS "5f1c2d3e-0000-4000-8000-000000000001" where/i);
  const j = guardSql(`select a.x, b.y from "${R}" a join "${R2}" b on a.k = b.k`, tables);
  assert.deepEqual(j.resources, [R, R2]);
  assert.match(j.sql, /from datastore\."t_one" a join datastore\."t_two" b on/);
  const sub = guardSql(`select count(*) from (select * from "${R}") s`, tables);
  assert.match(sub.sql, /datastore\."t_one"/);
  const ext = guardSql(`select extract(year from "tanggal") from "${R}"`, tables);
  assert.match(ext.sql, /extract\(year from "tanggal"\)/);
  const cte = guardSql(`with x as (select * from "${R}") select * from x`, tables);
  assert.deepEqual(cte.resources, [R]);
  assert.ok(guardSql(`SELECT * FROM "${R}";`, tables));
  assert.ok(guardSql(`SELECT * FROM "${R}" WHERE name = 'it''s; drop table x'`, tables));
});

test('refuses writes, other tables, unsafe functions and multiple statements', () => {
  const bad = [
    `DELETE FROM "${R}"`,
    `SELECT * FROM "${R}"; DELETE FROM "${R}"`,
    `SELECT * INTO evil FROM "${R}"`,
    `SELECT * FROM users`,
    `SELECT * FROM public.users`,
    `SELECT * FROM "${R}", users`,
    `SELECT * FROM "${R}" JOIN organisations o ON true`,
    `SELECT * FROM "${R}" WHERE x IN (SELECT password_hash FROM users)`,
    `SELECT pg_sleep(10) FROM "${R}"`,
    `SELECT set_config('x','y',false) FROM "${R}"`,
    `SELECT lo_import('/etc/passwd') FROM "${R}"`,
    `SELECT dblink('x') FROM "${R}"`,
    `SELECT nextval('s') FROM "${R}"`,
    `SELECT * FROM "${R}" FOR UPDATE`,
    `SELECT * FROM pg_catalog.pg_tables`,
    `SELECT * FROM "${R}" WHERE x = $$abc$$`,
    `WITH d AS (DELETE FROM "${R}" RETURNING *) SELECT * FROM d`,
    `SELECT pg_catalog.current_setting('x') FROM "${R}"`,
    `COPY "${R}" TO '/tmp/x'`,
    `SELECT "evil"(1) FROM "${R}"`,
    `SELECT 1`,
    `SELECT * FROM "${R}" /* unterminated`,
  ];
  for (const sql of bad) assert.throws(() => guardSql(sql, tables), SqlGuardError, sql);
});

test('capped SQL wraps the query with a row cap plus one', () => {
  assert.equal(cappedSql('select 1 from x', 100), 'SELECT * FROM (select 1 from x) AS datastore_search_sql LIMIT 101');
});
