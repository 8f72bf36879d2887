import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffText, diffVersions, type RowsDiff, type SetDiff, type TextDiff } from '../../../src/modules/plans/draft-diff.ts';
import { emptyCommitment } from '../../../src/modules/plans/commitment.schema.ts';
import { SATU_DATA_COMMITMENT } from '../../../src/modules/plans/seed/commitment-satu-data.ts';

const base = () => structuredClone(SATU_DATA_COMMITMENT);
const field = <T>(d: ReturnType<typeof diffVersions>, name: string) => d.fields.find((f) => f.field === name) as unknown as T;

test('identical versions: nothing changed', () => {
  const d = diffVersions(base(), base());
  assert.deepEqual(d.changed, []);
  assert.equal(d.wordsAdded, 0);
  assert.equal(d.wordsRemoved, 0);
  assert.equal(d.fields.length, 18);
  assert.ok(d.fields.every((f) => f.status === 'unchanged'));
});

test('word-level diff within a text reports exactly the changed words', () => {
  assert.deepEqual(diffText('Data yang tersedia belum semua memenuhi standar.', 'Data yang tersedia sudah memenuhi standar data.'), [
    { op: 'equal', text: 'Data yang tersedia ' },
    { op: 'removed', text: 'belum semua' },
    { op: 'added', text: 'sudah' },
    { op: 'equal', text: ' memenuhi standar' },
    { op: 'added', text: ' data' },
    { op: 'equal', text: '.' },
  ]);
});

test('whitespace-only edits are still shown', () => {
  const s = diffText('a b  c', 'a b c');
  assert.ok(s.some((x) => x.op !== 'equal'));
  assert.equal(s.filter((x) => x.op !== 'removed').map((x) => x.text).join(''), 'a b c');
});

test('segments reconstruct both versions', () => {
  const a = base().statusQuo;
  const b = a.replace('94.30%', '95.10%').replace('Sudah dibentuk', 'Telah dibentuk');
  const s = diffText(a, b);
  assert.equal(s.filter((x) => x.op !== 'added').map((x) => x.text).join(''), a);
  assert.equal(s.filter((x) => x.op !== 'removed').map((x) => x.text).join(''), b);
  assert.deepEqual(s.filter((x) => x.op !== 'equal').map((x) => `${x.op}:${x.text}`), [
    'removed:94.30%', 'added:95.10%', 'removed:Sudah', 'added:Telah',
  ]);
});

test('one edited field is the only change, with its section number', () => {
  const b = base();
  b.action = b.action.replace('akurat, mutakhir', 'akurat, terbuka, mutakhir');
  const d = diffVersions(base(), b);
  assert.deepEqual(d.changed, ['action']);
  const f = field<TextDiff & { section: number }>(d, 'action');
  assert.equal(f.section, 8);
  assert.equal(f.status, 'changed');
  assert.deepEqual(f.segments.filter((s) => s.op !== 'equal'), [{ op: 'added', text: 'terbuka, ' }]);
  assert.equal(d.wordsAdded, 1);
  assert.equal(d.wordsRemoved, 0);
});

test('policy areas diff as a set', () => {
  const b = base();
  b.policyAreas = ['open-data', 'digital-governance'];
  const f = field<SetDiff>(diffVersions(base(), b), 'policyAreas');
  assert.equal(f.status, 'changed');
  assert.deepEqual(f.items, [
    { value: 'open-data', op: 'equal' },
    { value: 'right-to-information', op: 'removed' },
    { value: 'digital-governance', op: 'added' },
  ]);
});

test('milestones are matched by key: inserting one does not mark the others changed', () => {
  const b = base();
  b.milestones.splice(1, 0, { key: 'new-1', output: 'Peluncuran API', startMonth: '2022-01', endMonth: '2022-03', responsible: ['diskominfotik'], contactRoles: [], status: 'not_started' });
  b.milestones[4].endMonth = '2022-02';
  b.milestones.pop();
  const f = field<RowsDiff>(diffVersions(base(), b), 'milestones');
  assert.equal(f.status, 'changed');
  const summary = f.rows.map((r) => `${r.key}:${r.status}`);
  assert.deepEqual(summary, [
    'sd-01-regulasi:unchanged', 'new-1:added', 'sd-02-forum:unchanged', 'sd-03-monev:unchanged',
    'sd-04-arsitektur:changed', 'sd-05-data-prioritas:unchanged', 'sd-06-integrasi-kabkota:unchanged',
    'sd-07-sinkronisasi:unchanged', 'sd-08-bimtek:unchanged', 'sd-09-integrasi-sdi:removed',
  ]);
  const changed = f.rows[4].fields.filter((x) => x.status !== 'unchanged');
  assert.deepEqual(changed.map((x) => x.field), ['endMonth']);
  assert.deepEqual((changed[0] as TextDiff).segments, [{ op: 'removed', text: '2021-11' }, { op: 'added', text: '2022-02' }]);
});

test('stakeholders matched by organisation; contact role edit and a removed stakeholder', () => {
  const b = base();
  b.otherStakeholders = [{ ...b.otherStakeholders[0], role: 'oversight' }];
  const f = field<RowsDiff>(diffVersions(base(), b), 'otherStakeholders');
  assert.deepEqual(f.rows.map((r) => `${r.key}:${r.status}`), ['bps-ntb:changed', 'bappeda:removed']);
  const role = f.rows[0].fields.find((x) => x.field === 'role') as TextDiff;
  assert.equal(role.before, 'support');
  assert.equal(role.after, 'oversight');
});

test('resources and secured are compared field by field', () => {
  const b = base();
  b.resources.budgetAmount = 3400000000;
  b.secured = 'yes';
  const d = diffVersions(base(), b);
  assert.deepEqual(d.changed, ['resources', 'secured']);
  const r = field<RowsDiff>(d, 'resources');
  assert.deepEqual(r.rows[0].fields.filter((x) => x.status !== 'unchanged').map((x) => x.field), ['budgetAmount']);
});

test('Draft 1 to a full version: fields appear as added', () => {
  const a = emptyCommitment(SATU_DATA_COMMITMENT.title);
  a.problem = 'Data belum berkualitas.';
  const d = diffVersions(a, base());
  assert.equal(field<TextDiff>(d, 'title').status, 'unchanged');
  assert.equal(field<TextDiff>(d, 'problem').status, 'changed');
  assert.equal(field<TextDiff>(d, 'statusQuo').status, 'added');
  assert.equal(field<SetDiff>(d, 'sectors').status, 'added');
  assert.equal(field<RowsDiff>(d, 'milestones').status, 'added');
  assert.equal(field<RowsDiff>(d, 'milestones').rows.length, 9);
  // and backwards: removed
  assert.equal(field<TextDiff>(diffVersions(base(), a), 'statusQuo').status, 'removed');
});

test('minimal word changes; a fully rewritten phrase is one removal and one addition', () => {
  assert.deepEqual(diffText('Rapat forum satu data (2 kali setahun)', 'Rapat forum data daerah (4 kali setahun)'), [
    { op: 'equal', text: 'Rapat forum ' },
    { op: 'removed', text: 'satu ' },
    { op: 'equal', text: 'data ' },
    { op: 'added', text: 'daerah ' },
    { op: 'equal', text: '(' },
    { op: 'removed', text: '2' },
    { op: 'added', text: '4' },
    { op: 'equal', text: ' kali setahun)' },
  ]);
  assert.deepEqual(diffText('a b c', 'x y z'), [{ op: 'removed', text: 'a b c' }, { op: 'added', text: 'x y z' }]);
  assert.deepEqual(diffText('', 'baru'), [{ op: 'added', text: 'baru' }]);
});
