import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { seedPersonalData } from '../helpers/personal-data.ts';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|sql|js|css|json|md)$/.test(e.name) ? [p] : [];
  });
}

test('the detector finds seed names, e-mails and phone numbers', () => {
  assert.ok(seedPersonalData('Kontak: Dwi Arie Santo, Direktur').length > 0);
  assert.ok(seedPersonalData('hubungi 081234567890').length > 0);
  assert.ok(seedPersonalData('x@gmail.com').length > 0);
  assert.deepEqual(seedPersonalData('Kepala Bidang Statistik, Diskominfotik Provinsi NTB'), []);
});

test('no personal data of the seed documents in code, migrations, assets or docs', () => {
  const problems: string[] = [];
  for (const f of [...files('src'), ...files('migrations'), ...files('public'), ...files('docs')]) {
    const found = seedPersonalData(fs.readFileSync(f, 'utf8'), { allowEmailDomain: /@([\w-]+\.)*(example|example\.org|localhost|test\.example|ntbprov\.go\.id)$|@ntbterbuka\.example$/ })
      // fictional numbers: the demo reporters' 0812000000NN and the form placeholder; connection strings
      .filter((x) => !/0812000000\d\d|0812 3456 7890/.test(x) && !/@127\.0\.0\.1$|@localhost$/.test(x));
    if (found.length) problems.push(`${f}: ${found.slice(0, 3).join(', ')}`);
  }
  assert.deepEqual(problems, []);
});
