import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { parseFrameworkJson, parseFrameworkXlsx, frameworkToXlsx } from '../../../src/modules/spbe/framework-io.ts';
import { permenpanrb5of2018 } from '../../../src/modules/spbe/seed/framework-permenpanrb-5-2018.ts';
import fs from 'node:fs';

test('XLSX round trip of PermenPANRB 5/2018 gives the same framework, valid', async () => {
  const buf = await frameworkToXlsx(permenpanrb5of2018);
  const { framework, problems } = await parseFrameworkXlsx(buf);
  assert.deepEqual(problems, []);
  assert.equal(framework!.indicators.length, 35);
  assert.equal(framework!.indicators.find((i) => i.code === '35')!.perService, true);
  assert.deepEqual(framework!.domains, permenpanrb5of2018.domains);
  assert.deepEqual(framework!.aspects, permenpanrb5of2018.aspects);
  assert.equal(framework!.levelScales.process[3].name, 'Terintegrasi dan Terukur');
});

test('XLSX with a domain weight edited to 16 % is refused, naming the sum', async () => {
  const buf = await frameworkToXlsx(permenpanrb5of2018);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  wb.getWorksheet('Domain')!.getRow(2).getCell(3).value = 16;
  const { problems } = await parseFrameworkXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
  assert.ok(problems.some((p) => p.code === 'domain_weights_sum' && /99%/.test(p.message.en)), JSON.stringify(problems));
});

test('XLSX missing a sheet or not an XLSX at all is refused with the reason', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Domain');
  const r1 = await parseFrameworkXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
  assert.equal(r1.framework, null);
  assert.ok(r1.problems.some((p) => /Sheet "Indikator" is missing/.test(p.message.en)));
  const r2 = await parseFrameworkXlsx(Buffer.from('not a zip'));
  assert.equal(r2.framework, null);
  assert.match(r2.problems[0].message.en, /not a valid XLSX/);
});

test('JSON: the 99 % fixture is refused; the 59/2020 fixture is accepted; garbage is refused', () => {
  const bad = parseFrameworkJson(fs.readFileSync(new URL('./fixtures/framework-weights-99.json', import.meta.url), 'utf8'));
  assert.ok(bad.problems.some((p) => p.code === 'domain_weights_sum'));
  const good = parseFrameworkJson(fs.readFileSync(new URL('./fixtures/framework-permenpanrb-59-2020.json', import.meta.url), 'utf8'));
  assert.deepEqual(good.problems, []);
  assert.equal(good.framework!.indicators.length, 47);
  const junk = parseFrameworkJson('{not json');
  assert.equal(junk.framework, null);
  assert.match(junk.problems[0].message.en, /not valid JSON/);
  assert.equal(parseFrameworkJson('[1,2]').framework, null);
});
