import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateFramework, predicateFor, levelName, type Framework } from '../../../src/modules/spbe/framework.ts';
import { permenpanrb5of2018 } from '../../../src/modules/spbe/seed/framework-permenpanrb-5-2018.ts';
import bad99 from './fixtures/framework-weights-99.json' with { type: 'json' };

const fresh = (): Framework => structuredClone(permenpanrb5of2018);

test('weights summing to 99 % are refused with a message naming the sum', () => {
  const problems = validateFramework(bad99 as unknown as Framework);
  const sum = problems.find((p) => p.code === 'domain_weights_sum');
  assert.ok(sum, JSON.stringify(problems));
  assert.match(sum.message.id, /99%.*100%/);
  assert.match(sum.message.en, /99%.*100%/);
});

test('a domain at 16 % instead of 17 %: both the total and the domain/aspect mismatch are reported', () => {
  const fw = fresh();
  fw.domains[0].weight = 16;
  const codes = validateFramework(fw).map((p) => p.code);
  assert.deepEqual(codes.sort(), ['aspect_weights_sum', 'domain_weights_sum']);
  const p = validateFramework(fw).find((x) => x.code === 'aspect_weights_sum')!;
  assert.match(p.message.en, /domain D1/);
  assert.match(p.message.id, /17%.*16%|16%/);
});

test('aspects not adding up to their domain are refused', () => {
  const fw = fresh();
  fw.aspects[0].weight = 6; // A1 6 + A2 10 = 16 ≠ 17; total domains still 100
  const problems = validateFramework(fw);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].code, 'aspect_weights_sum');
  assert.match(problems[0].message.id, /16%/);
});

test('unknown parent references are named', () => {
  const fw = fresh();
  fw.indicators[3].aspect = 'A9';
  fw.aspects[6].domain = 'D7';
  const problems = validateFramework(fw).filter((p) => p.code === 'unknown_parent');
  assert.equal(problems.length, 2);
  assert.ok(problems.some((p) => /Indicator 4 refers to aspect "A9"/.test(p.message.en)));
  assert.ok(problems.some((p) => /Aspek A7 merujuk domain "D7"/.test(p.message.id)));
});

test('duplicate codes are refused', () => {
  const fw = fresh();
  fw.indicators[1].code = '1';
  const p = validateFramework(fw).find((x) => x.code === 'duplicate_code');
  assert.ok(p);
  assert.match(p.message.en, /"1"/);
});

test('predicate bands must cover 0..5 without gaps or overlaps', () => {
  const gap = fresh();
  gap.predicates[1].min = 3.6; // Sangat Baik from 3.6, Baik up to 3.5
  assert.ok(validateFramework(gap).some((p) => p.code === 'bands_coverage' && /gap|celah/.test(p.message.en + p.message.id)));
  const overlap = fresh();
  overlap.predicates[2].max = 3.7;
  assert.ok(validateFramework(overlap).some((p) => p.code === 'bands_coverage' && /overlap/.test(p.message.en)));
  const short = fresh();
  short.predicates[0].max = 4.9;
  assert.ok(validateFramework(short).some((p) => p.code === 'bands_coverage' && /4.9 to 5/.test(p.message.en)));
  const noZero = fresh();
  noZero.predicates[4].min = 1;
  assert.ok(validateFramework(noZero).some((p) => p.code === 'bands_coverage' && /0 to 1/.test(p.message.en)));
});

test('empty or malformed frameworks list every problem', () => {
  const problems = validateFramework({ code: '', name: '', version: '1', maxLevel: 5, levelScales: { process: [], technical: [] }, domains: [], aspects: [], indicators: [], predicates: [] });
  const codes = new Set(problems.map((p) => p.code));
  for (const c of ['bad_value', 'empty', 'bands_coverage']) assert.ok(codes.has(c as never), c);
  const fw = fresh();
  (fw.indicators[0] as { type: string }).type = 'other';
  (fw.domains[0] as { weight: unknown }).weight = 'x';
  const p2 = validateFramework(fw);
  assert.ok(p2.some((p) => /must be "process" or "technical"/.test(p.message.en)));
  assert.ok(p2.some((p) => /must be a positive number/.test(p.message.en)));
});

test('level scales must list levels 1..5', () => {
  const fw = fresh();
  fw.levelScales.technical = fw.levelScales.technical.slice(0, 4);
  assert.ok(validateFramework(fw).some((p) => p.code === 'level_scale'));
  assert.equal(levelName(permenpanrb5of2018, 'process', 4), 'Terintegrasi dan Terukur');
  assert.equal(levelName(permenpanrb5of2018, 'technical', 5), 'Optimalisasi');
});

test('predicateFor: Tabel 5 boundaries', () => {
  const fw = permenpanrb5of2018;
  assert.equal(predicateFor(fw, 4.2)?.name, 'Memuaskan');
  assert.equal(predicateFor(fw, 4.19)?.name, 'Sangat Baik');
  assert.equal(predicateFor(fw, 3.5)?.name, 'Sangat Baik');
  assert.equal(predicateFor(fw, 3.49)?.name, 'Baik');
  assert.equal(predicateFor(fw, 2.6)?.name, 'Baik');
  assert.equal(predicateFor(fw, 2.59)?.name, 'Cukup');
  assert.equal(predicateFor(fw, 1.8)?.name, 'Cukup');
  assert.equal(predicateFor(fw, 1.79)?.name, 'Kurang');
  assert.equal(predicateFor(fw, 5)?.name, 'Memuaskan');
  assert.equal(predicateFor(fw, 1)?.name, 'Kurang');
});
