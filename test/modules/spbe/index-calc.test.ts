import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeIndex, indexDeltaFor, round2, formatIndex, gapToTarget, type LevelEntry } from '../../../src/modules/spbe/index-calc.ts';
import { permenpanrb5of2018 as fw } from '../../../src/modules/spbe/seed/framework-permenpanrb-5-2018.ts';
import { evaluation2018 } from '../../../src/modules/spbe/seed/evaluation-2018.ts';
import { validateFramework, type Framework } from '../../../src/modules/spbe/framework.ts';
import fw59json from '../../../src/modules/spbe/seed/framework-permenpanrb-59-2020.json' with { type: 'json' };

const levels2018: LevelEntry[] = evaluation2018.levels;
const clone = (l: LevelEntry[]): LevelEntry[] => l.map((e) => ({ ...e }));

test('the seeded PermenPANRB 5/2018 framework is valid and has 35 indicators', () => {
  assert.deepEqual(validateFramework(fw), []);
  assert.equal(fw.indicators.length, 35);
  assert.equal(fw.domains.length, 3);
  assert.equal(fw.aspects.length, 7);
  // Tabel 4 indicator counts per aspect
  const counts = fw.aspects.map((a) => fw.indicators.filter((i) => i.aspect === a.code).length);
  assert.deepEqual(counts, [7, 10, 2, 2, 3, 7, 4]);
});

test('2018 evaluation: the published index, domain and aspect figures come out of the computation (two decimals)', () => {
  const r = computeIndex(fw, levels2018);
  assert.equal(r.complete, true);
  assert.deepEqual(r.problems, []);
  assert.equal(r.indexRounded, 2.95);
  assert.equal(formatIndex(r.index, 'id'), '2,95');
  assert.equal(r.predicate?.name, 'Baik');
  assert.deepEqual(r.domains.map((d) => round2(d.index!)), [2.71, 2.57, 3.21]);
  assert.deepEqual(r.aspects.map((a) => round2(a.index!)), [3.0, 2.5, 2.0, 3.0, 2.67, 3.43, 2.83]);
  // and they match the figures recorded as published
  assert.deepEqual(Object.fromEntries(r.domains.map((d) => [d.code, round2(d.index!)])), evaluation2018.published.domains);
  assert.deepEqual(Object.fromEntries(r.aspects.map((a) => [a.code, round2(a.index!)])), evaluation2018.published.aspects);
});

test('2018: full precision index is 2.9467 (rounding happens only at presentation)', () => {
  const r = computeIndex(fw, levels2018);
  assert.ok(Math.abs(r.index! - 2.946666) < 1e-5, String(r.index));
  // index = Σ level × entry weight / 100
  const direct = r.entries.reduce((s, e) => s + e.level * e.weight, 0) / 100;
  assert.ok(Math.abs(direct - r.index!) < 1e-12);
  // entry weights sum to 100 %
  assert.ok(Math.abs(r.entries.reduce((s, e) => s + e.weight, 0) - 100) < 1e-9);
});

test('per-service indicator 35: each service entry is an indicator of aspect 7 (6 entries, weight 20/6 each)', () => {
  const r = computeIndex(fw, levels2018);
  const a7 = r.aspects.find((a) => a.code === 'A7')!;
  assert.equal(a7.entries, 6);
  const e35 = r.entries.filter((e) => e.indicator === '35');
  assert.equal(e35.length, 3);
  for (const e of e35) assert.ok(Math.abs(e.weight - 20 / 6) < 1e-12);
  // aspect 7 = (4 + 3 + 1 + 3 + 3 + 3) / 6
  assert.ok(Math.abs(a7.index! - 17 / 6) < 1e-12);
  // counting indicator 35 once (mean of services) would give (4+3+1+3)/4 = 2.75, not the published 2.83
  assert.notEqual(round2((4 + 3 + 1 + 3) / 4), 2.83);
});

test('adding a fourth service re-divides the aspect weight (20/7 each)', () => {
  const l = clone(levels2018);
  l.push({ indicator: '35', level: 5, service: 'Layanan baru' });
  const r = computeIndex(fw, l);
  const a7 = r.aspects.find((a) => a.code === 'A7')!;
  assert.equal(a7.entries, 7);
  assert.ok(Math.abs(a7.index! - 22 / 7) < 1e-12);
  for (const e of r.entries.filter((x) => x.indicator === '35')) assert.ok(Math.abs(e.weight - 20 / 7) < 1e-12);
});

test('changing one level changes the index by the weight-implied amount', () => {
  const base = computeIndex(fw, levels2018).index!;
  // indicator 1: aspect 1 (7 %) ÷ 7 indicators = 1 % → +1 level = +0.01
  const l1 = clone(levels2018);
  l1.find((e) => e.indicator === '1')!.level = 4;
  assert.ok(Math.abs(computeIndex(fw, l1).index! - base - 0.01) < 1e-12);
  assert.ok(Math.abs(indexDeltaFor(fw, levels2018, '1', 1) - 0.01) < 1e-12);
  // indicator 22: aspect 5 (12 %) ÷ 3 = 4 % → +2 levels = +0.08
  const l22 = clone(levels2018);
  l22.find((e) => e.indicator === '22')!.level = 5;
  assert.ok(Math.abs(computeIndex(fw, l22).index! - base - 0.08) < 1e-12);
  // indicator 25: aspect 6 (35 %) ÷ 7 = 5 % → +1 = +0.05
  const l25 = clone(levels2018);
  l25.find((e) => e.indicator === '25')!.level = 3;
  assert.ok(Math.abs(computeIndex(fw, l25).index! - base - 0.05) < 1e-12);
  // per-service entry e-Samsat: 20 % ÷ 6 entries → +1 = +0.0333…
  const ls = clone(levels2018);
  ls.find((e) => e.service === 'e-Samsat')!.level = 4;
  assert.ok(Math.abs(computeIndex(fw, ls).index! - base - 0.2 / 6) < 1e-12);
  assert.ok(Math.abs(indexDeltaFor(fw, levels2018, '35', 1) - 0.2 / 6) < 1e-12);
  // the 2.95 becomes 2.98 after that per-service change (2.94667 + 0.03333 = 2.98)
  assert.equal(computeIndex(fw, ls).indexRounded, 2.98);
});

test('predicate follows Tabel 5 bands on the rounded index, boundaries included at the bottom', () => {
  const all = (n: number): LevelEntry[] => levels2018.map((e) => ({ ...e, level: n }));
  assert.equal(computeIndex(fw, all(5)).predicate?.name, 'Memuaskan');
  assert.equal(computeIndex(fw, all(4)).predicate?.name, 'Sangat Baik');
  assert.equal(computeIndex(fw, all(3)).predicate?.name, 'Baik');
  assert.equal(computeIndex(fw, all(2)).predicate?.name, 'Cukup');
  assert.equal(computeIndex(fw, all(1)).predicate?.name, 'Kurang');
  assert.equal(computeIndex(fw, all(5)).indexRounded, 5);
});

test('incomplete evaluation: provisional index over what is assessed, flagged incomplete', () => {
  const partial = levels2018.filter((e) => e.indicator !== '1' && e.indicator !== '34');
  const r = computeIndex(fw, partial);
  assert.equal(r.complete, false);
  assert.deepEqual(r.missing, ['1', '34']);
  assert.equal(r.aspects.find((a) => a.code === 'A1')!.entries, 6);
  assert.ok(r.index !== null);
  assert.equal(computeIndex(fw, []).index, null);
});

test('levels outside 1..5 and duplicate non-service entries are reported, not counted', () => {
  const l = clone(levels2018);
  l.push({ indicator: '1', level: 2 });
  l.push({ indicator: '2', level: 7 });
  l.push({ indicator: '99', level: 3 });
  const r = computeIndex(fw, l);
  assert.equal(r.problems.length, 3);
  assert.equal(r.indexRounded, 2.95);
  assert.equal(r.complete, false);
});

test('gap to the RPJMD target 4.2', () => {
  assert.equal(gapToTarget(computeIndex(fw, levels2018).index, 4.2), 1.25);
  assert.equal(gapToTarget(null, 4.2), null);
});

test('PermenPANRB 59/2020 fixture: 4 domains, 8 aspects, 47 indicators, valid, computable', () => {
  const fw59 = fw59json as unknown as Framework;
  assert.deepEqual(validateFramework(fw59), []);
  assert.equal(fw59.domains.length, 4);
  assert.equal(fw59.aspects.length, 8);
  assert.equal(fw59.indicators.length, 47);
  const r = computeIndex(fw59, fw59.indicators.map((i) => ({ indicator: i.code, level: 3 })));
  assert.equal(r.indexRounded, 3);
  assert.equal(r.complete, true);
  // indicator 43 (Layanan Data Terbuka): aspect 8 18 % ÷ 6 = 3 % → +1 level = +0.03
  const l = fw59.indicators.map((i) => ({ indicator: i.code, level: i.code === '43' ? 4 : 3 }));
  assert.ok(Math.abs(computeIndex(fw59, l).index! - 3.03) < 1e-12);
});

import { planToTarget } from '../../../src/modules/spbe/index-calc.ts';

test('plan to the 4.2 target: heaviest indicators first, fewest level steps', () => {
  const r = computeIndex(fw, levels2018);
  const plan = planToTarget(fw, r, 4.2);
  assert.equal(plan.reachable, true);
  // aspect 6 entries weigh 5 % each: the first raises go there
  assert.equal(plan.raises[0].indicator, '25');
  assert.ok(plan.reached! >= 4.2 - 1e-9);
  // applying the plan really reaches the target
  const l = clone(levels2018);
  for (const s of plan.raises) l.find((e) => e.indicator === s.indicator && (e.service ?? null) === s.service)!.level = s.to;
  assert.ok(computeIndex(fw, l).indexRounded! >= 4.2);
  // and one step fewer would not (greedy by weight is optimal when each step adds a fixed amount)
  const total = plan.raises.reduce((s, x) => s + (x.to - x.from), 0);
  assert.equal(total, plan.steps);
  const last = plan.raises[plan.raises.length - 1];
  assert.ok(plan.reached! - last.gain / (last.to - last.from) < 4.2);
  assert.equal(planToTarget(fw, computeIndex(fw, levels2018.map((e) => ({ ...e, level: 5 }))), 4.2).steps, 0);
  assert.equal(planToTarget(fw, computeIndex(fw, []), 4.2).reachable, false);
});
