import { seedPersonalData } from '../../helpers/personal-data.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { NTB_PLAN, seedOrganisationSlugs } from '../../../src/modules/plans/seed/ntb-plan.ts';
import { PLAN_ORGANISATIONS } from '../../../src/modules/plans/seed/organisations.ts';
import { validateCommitment } from '../../../src/modules/plans/commitment.schema.ts';

const SEED_DIR = new URL('../../../../shared/seeds/', import.meta.url);

test('both seeded commitments validate (Satu Data only over the limit where the source is)', () => {
  const [sd, care] = NTB_PLAN.commitments;
  assert.deepEqual(validateCommitment(care.content, { complete: true }), []);
  assert.deepEqual(validateCommitment(sd.content, { complete: true }).map((e) => e.field), ['problem', 'statusQuo']);
});

test('every milestone of seeds 000 and 001 with its dates and status', () => {
  const rows = NTB_PLAN.commitments.map((c) => c.content.milestones.map((m) => `${m.startMonth}..${m.endMonth} ${m.status}`));
  assert.deepEqual(rows[0], [
    '2021-08..2021-12 not_started', '2021-08..2023-12 in_progress', '2021-08..2023-12 in_progress',
    '2021-09..2021-11 not_started', '2021-11..2023-11 in_progress', '2022-01..2022-12 not_started',
    '2021-09..2023-12 not_started', '2022-01..2023-12 not_started', '2022-07..2022-09 not_started',
  ]);
  assert.deepEqual(rows[1], [
    '2021-09..2021-12 not_started', '2021-09..2023-12 not_started', '2022-03..2023-12 null',
    '2022-03..2022-06 null', '2022-03..2023-12 null',
  ]);
  assert.deepEqual(NTB_PLAN.commitments[0].content.milestones[7].responsible, ['bps-ntb', 'diskominfotik']);
});

// The seed documents live beside the repository (../shared/seeds); a checkout without them skips this check.
test('the outputs are the texts of the sources', { skip: existsSync(SEED_DIR) ? false : 'seed documents (../shared/seeds) not present beside the checkout' }, () => {
  const src = (f: string) => readFileSync(new URL(f, SEED_DIR), 'utf8').replace(/\s+/g, ' ');
  const sources = [src('000_b254e504d53d4bc4.txt'), src('001_f8af92d4ce0fbf81.txt')];
  NTB_PLAN.commitments.forEach((c, i) => {
    assert.ok(sources[i].includes(c.content.title), c.content.title);
    for (const m of c.content.milestones) {
      const words = m.output.replace(/\s+/g, ' ').replace(/[()]/g, ' ').split(' ').filter((w) => w.length > 3);
      for (const w of words) assert.ok(sources[i].includes(w), `${w} of "${m.output}"`);
    }
    for (const v of c.content.values) assert.ok(sources[i].includes(v.reason.split(' ').slice(0, 6).join(' ')), v.reason);
  });
});

test('no personal names, e-mail addresses or phone numbers', () => {
  const text = JSON.stringify(NTB_PLAN);
  assert.doesNotMatch(text, /@/);
  assert.doesNotMatch(text, /\b08\d{8,}\b/);
  assert.deepEqual(seedPersonalData(text), []);
  for (const title of ['S.Kom', 'M.Si', 'S.IP']) assert.ok(!text.includes(title), title); // academic titles go with names
});

test('every organisation slug used is listed for the registry', () => {
  const used = seedOrganisationSlugs();
  assert.deepEqual(used, ['bappeda', 'biro-organisasi', 'bps-ntb', 'diskominfotik', 'inspektorat', 'pwyp-indonesia', 'somasi-ntb']);
  assert.deepEqual(PLAN_ORGANISATIONS.map((o) => o.slug).sort(), used);
});
