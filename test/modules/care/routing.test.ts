import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { matchRoutingRule, regionWithin, seedRoutingRules, validateRoutingRules, type RoutingRule } from '../../../src/modules/care/routing.ts';
import { categorySeeds } from '../../../src/modules/care/seed/categories.ts';
import { allCareOrganisationSlugs, provincialOrganisations, regionGovernments } from '../../../src/modules/care/seed/organisations.ts';

const rule = (id: string, categoryCode: string, regionCode: string, organisationSlug: string, priority = 100, enabled = true): RoutingRule =>
  ({ id, categoryCode, regionCode, organisationSlug, priority, enabled });

describe('matcher', () => {
  const rules = [
    rule('r1', 'jalan-jembatan', '*', 'dinas-pupr'),
    rule('r2', 'jalan-jembatan', '52.71', 'kota-mataram'),
    rule('r3', 'jalan-jembatan', '52.71.01', 'kecamatan-special'),
    rule('r4', '*', '52.04', 'kab-sumbawa'),
    rule('r5', 'bencana', '*', 'bpbd'),
    rule('r6', 'bencana', '*', 'bpbd-alt', 50),
    rule('r7', 'pariwisata', '*', 'disabled-org', 1, false),
  ];
  test('category × region: longest region prefix wins', () => {
    assert.deepEqual(matchRoutingRule(rules, { categoryCode: 'jalan-jembatan', regionCode: '52.71.02.1001' }), { kind: 'rule', organisationSlug: 'kota-mataram', ruleId: 'r2' });
    assert.deepEqual(matchRoutingRule(rules, { categoryCode: 'jalan-jembatan', regionCode: '52.71.01.1003' }), { kind: 'rule', organisationSlug: 'kecamatan-special', ruleId: 'r3' });
    assert.deepEqual(matchRoutingRule(rules, { categoryCode: 'jalan-jembatan', regionCode: '52.03' }), { kind: 'rule', organisationSlug: 'dinas-pupr', ruleId: 'r1' });
  });
  test('no region → the province-wide rule', () => {
    assert.equal(matchRoutingRule(rules, { categoryCode: 'jalan-jembatan', regionCode: null }).kind, 'rule');
  });
  test('a category rule beats a wildcard-category rule, even a more precise one', () => {
    const r = matchRoutingRule([...rules, rule('r8', 'jalan-jembatan', '*', 'dinas-pupr')], { categoryCode: 'jalan-jembatan', regionCode: '52.04.01' });
    assert.deepEqual(r, { kind: 'rule', organisationSlug: 'dinas-pupr', ruleId: 'r1' });
    assert.deepEqual(matchRoutingRule(rules, { categoryCode: 'sampah', regionCode: '52.04.01' }), { kind: 'rule', organisationSlug: 'kab-sumbawa', ruleId: 'r4' });
  });
  test('lower priority number wins a tie; disabled rules are ignored', () => {
    assert.equal((matchRoutingRule(rules, { categoryCode: 'bencana', regionCode: '52.01' }) as { organisationSlug: string }).organisationSlug, 'bpbd-alt');
    assert.deepEqual(matchRoutingRule(rules, { categoryCode: 'pariwisata', regionCode: '52.01' }), { kind: 'admin' });
  });
  test('region prefix matching is by whole code segments', () => {
    assert.ok(regionWithin('52.71.01', '52.71'));
    assert.ok(!regionWithin('52.710', '52.71'));
    assert.ok(!regionWithin('52.7', '52.71'));
  });
  test('order of rules does not matter', () => {
    const reversed = [...rules].reverse();
    for (const input of [{ categoryCode: 'jalan-jembatan', regionCode: '52.71.01.1' }, { categoryCode: 'bencana', regionCode: null }]) {
      assert.deepEqual(matchRoutingRule(reversed, input), matchRoutingRule(rules, input));
    }
  });
});

describe('seed', () => {
  const seeded = seedRoutingRules(categorySeeds);
  test('56 organisations: 46 provincial + 10 regency/city governments', () => {
    assert.equal(provincialOrganisations.length, 46);
    assert.equal(regionGovernments.length, 10);
    assert.equal(new Set(allCareOrganisationSlugs).size, 56);
  });
  test('every seeded rule targets a known organisation and category, without duplicates', () => {
    const problems = validateRoutingRules(seeded, new Set(allCareOrganisationSlugs), new Set(categorySeeds.map((c) => c.code)));
    assert.deepEqual(problems, []);
  });
  test('a pothole in Mataram goes to Kota Mataram, one in Sumbawa to Kab. Sumbawa', () => {
    assert.equal((matchRoutingRule(seeded, { categoryCode: 'jalan-jembatan', regionCode: '52.71.03.1002' }) as { organisationSlug: string }).organisationSlug, 'kota-mataram');
    assert.equal((matchRoutingRule(seeded, { categoryCode: 'jalan-jembatan', regionCode: '52.04' }) as { organisationSlug: string }).organisationSlug, 'kab-sumbawa');
  });
  test('a senior high school complaint goes to the provincial Dinas Dikbud from any regency', () => {
    for (const gov of regionGovernments) {
      assert.equal((matchRoutingRule(seeded, { categoryCode: 'sma-smk-slb', regionCode: gov.regionCode }) as { organisationSlug: string }).organisationSlug, 'dikbud');
    }
  });
  test('"lainnya" is unmatched and goes to the complaint administrator', () => {
    assert.deepEqual(matchRoutingRule(seeded, { categoryCode: 'lainnya', regionCode: '52.01' }), { kind: 'admin' });
  });
  test('validation flags unknown organisations, bad region codes and duplicates', () => {
    const p = validateRoutingRules(
      [rule('a', 'jalan-jembatan', '52.71', 'nope'), rule('b', 'x', '53.01', 'kota-mataram'), rule('c', 'jalan-jembatan', '52.71', 'kota-mataram')],
      new Set(allCareOrganisationSlugs), new Set(categorySeeds.map((c) => c.code)),
    );
    assert.deepEqual(p, [
      { index: 0, field: 'organisationSlug', problem: 'unknown' },
      { index: 1, field: 'categoryCode', problem: 'unknown' },
      { index: 1, field: 'regionCode', problem: 'invalid' },
      { index: 2, field: 'categoryCode', problem: 'duplicate' },
    ]);
  });
  test('category codes are unique and usable as Open311 service codes', () => {
    const codes = categorySeeds.map((c) => c.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const c of codes) assert.match(c, /^[a-z0-9-]+$/);
  });
});
