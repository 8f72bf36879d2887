import { test } from 'node:test';
import assert from 'node:assert/strict';
import bp from '../../../src/modules/spbe/seed/business-processes.json' with { type: 'json' };
import rec from '../../../src/modules/spbe/seed/recommendations-2018.json' with { type: 'json' };
import { applicationCensus2018 } from '../../../src/modules/spbe/seed/applications-2018.ts';
import { permenpanrb5of2018 } from '../../../src/modules/spbe/seed/framework-permenpanrb-5-2018.ts';

test('business processes: NTB.01–NTB.24 at level 0 with their types; level-1 sub-processes under them', () => {
  assert.equal(bp.processes.length, 24);
  assert.deepEqual(bp.processes.map((p) => p.code), Array.from({ length: 24 }, (_, i) => `NTB.${String(i + 1).padStart(2, '0')}`));
  const types = bp.processes.reduce<Record<string, number>>((m, p) => ({ ...m, [p.type]: (m[p.type] ?? 0) + 1 }), {});
  assert.deepEqual(types, { Utama: 20, Manajemen: 2, Pendukung: 2 });
  assert.equal(bp.processes.find((p) => p.code === 'NTB.20')!.type, 'Pendukung');
  assert.ok(bp.subProcesses.length >= 117);
  for (const s of bp.subProcesses) assert.ok(bp.processes.some((p) => p.code === s.parent), s.code);
  const egov = bp.subProcesses.find((s) => s.code === 'NTB.06.04')!;
  assert.equal(egov.organisation, 'Dinas Komunikasi Informasi dan Statistik');
  assert.ok(egov.dataEntities.includes('Indeks SPBE'));
  assert.equal(bp.subProcesses.find((s) => s.code === 'NTB.01.01')!.name, 'Pencegahan dini dan penanggulangan korban bencana alam');
});

test('recommendations: one row per 2018 entry (34 indicators + 35-1..35-3), each with a recommendation and a strategy', () => {
  assert.equal(rec.rows.length, 37);
  for (const r of rec.rows) {
    assert.ok(r.recommendation.length > 20 && r.strategy.length > 10, r.entry);
    assert.ok(permenpanrb5of2018.indicators.some((i) => i.code === r.indicator), r.entry);
  }
  assert.deepEqual(rec.rows.slice(-3).map((r) => r.entry), ['35-1', '35-2', '35-3']);
});

test('application census 2018: the seed states 112 but its categories add up to 110 (kept as written, flagged)', () => {
  assert.equal(applicationCensus2018.total, 112);
  assert.equal(Object.values(applicationCensus2018.byCategory).reduce((s, n) => s + n, 0), 110);
  assert.equal(applicationCensus2018.categorySum, 110);
});
