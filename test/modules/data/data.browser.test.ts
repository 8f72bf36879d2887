/**
 * The whole SOP in a real browser across four roles: produsen uploads a CSV (first a bad one: the
 * error names the cell) → walidata returns it with a note → produsen fixes and resubmits → walidata
 * checks → Kepala OPD validates → walidata publishes → an anonymous visitor finds it by searching a
 * word with a typo, sees the table preview and the chart, and downloads the CSV. Screenshots of each step.
 */
import { MODULES } from '../../../src/app.ts';
import { dataModule } from '../../../src/modules/data/index.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { launchBrowser, shot, axeViolations } from '../../helpers/browser.ts';
import { TABEL_3_1_SEMICOLON, TABEL_3_1_FIXED } from './support/fixtures.ts';

let p: TestPlatform;
let browser: Browser;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-browser-'));
before(async () => {
  p = await startTestPlatform({ listen: true, startJobs: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await p?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function login(page: Page, email: string, password: string) {
  await page.goto(`${p.url}/masuk`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await page.click('main button[type=submit]');
  await page.waitForURL(`${p.url}/`);
}

async function asRole(org: string, role: Parameters<TestPlatform['createUser']>[0][0]['role'], name: string): Promise<Page> {
  const u = await p.createUser([{ org, role }], { name });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
  await login(page, u.email, u.password);
  return page;
}

async function waitLoaded(page: Page, text: string) {
  for (let i = 0; i < 60; i++) {
    if ((await page.content()).includes(text)) return;
    await page.waitForTimeout(1000);
    await page.reload();
  }
  throw new Error(`timed out waiting for ${text}`);
}

test('SOP across four roles, ending with an anonymous visitor', { timeout: 240_000 }, async () => {
  const badCsv = path.join(dir, 'tabel-3-1.csv');
  const goodCsv = path.join(dir, 'tabel-3-1-perbaikan.csv');
  fs.writeFileSync(badCsv, TABEL_3_1_SEMICOLON);
  fs.writeFileSync(goodCsv, TABEL_3_1_FIXED);

  // 1. Produsen data of an agency creates the dataset and uploads a file with the seed's typo.
  const produsen = await asRole('dinas-uji', 'produsen_data', 'Produsen Data Dinas Uji');
  await produsen.goto(`${p.url}/data/kerja/baru`);
  await produsen.fill('#f-title', 'Jumlah Kecamatan dan Desa menurut Kabupaten/Kota');
  await produsen.fill('#f-description', 'Jumlah kecamatan, desa/kelurahan dan luas wilayah (km²) di kabupaten/kota Provinsi NTB.');
  await produsen.selectOption('#f-sector', 'infrastruktur');
  await produsen.fill('#f-topic', 'Wilayah Administrasi');
  await produsen.fill('#f-tags', 'wilayah, kecamatan, desa');
  await produsen.fill('#f-regionCodes', '52, 52.01, 52.02, 52.71');
  await produsen.selectOption('#f-level', 'kabupaten_kota');
  await produsen.fill('#f-contactRole', 'Produsen data, Bidang Pemerintahan');
  await produsen.fill('#f-source', 'Rencana Induk SPBE Provinsi NTB, Tabel 3.1');
  await produsen.fill('#f-msInd-concept', 'Wilayah administrasi');
  await shot(produsen, 'data-01-produsen-new-dataset');
  await produsen.click('main form button:has-text("Buat draf")');
  await produsen.waitForURL(/\/data\/kerja\/revisi\//);
  const revisionUrl = produsen.url();
  await produsen.setInputFiles('#f-file', badCsv);
  await produsen.click('button:has-text("Unggah")');
  await waitLoaded(produsen, 'Gagal dimuat');
  const report = await produsen.textContent('.cell-errors');
  assert.match(report!, /Baris 5 \(baris berkas 6\), kolom "Luas wilayah \(Km²\)": "6,643,98" bukan angka yang sah/);
  await shot(produsen, 'data-02-produsen-bad-cell-named');
  await produsen.click('button:has-text("Hapus")');
  await produsen.setInputFiles('#f-file', goodCsv);
  await produsen.click('button:has-text("Unggah")');
  await waitLoaded(produsen, 'Termuat');
  await produsen.click('button:has-text("Ajukan ke walidata")');
  await produsen.waitForSelector('text=Diajukan');
  await shot(produsen, 'data-03-produsen-submitted');

  // 2. Walidata returns it with a note (the indicator definition is missing).
  const walidata = await asRole('diskominfotik', 'walidata', 'Walidata Diskominfotik');
  await walidata.goto(`${p.url}/data/kerja`);
  assert.match(await walidata.content(), /Jumlah Kecamatan dan Desa/);
  await shot(walidata, 'data-04-walidata-tasks');
  await walidata.goto(revisionUrl);
  await walidata.fill('#f-note-return', 'Definisi indikator (MS-Ind) belum diisi. Mohon dilengkapi.');
  await walidata.click('button:has-text("Kembalikan ke produsen")');
  await walidata.waitForSelector('text=Dikembalikan');
  await shot(walidata, 'data-05-walidata-returned');

  // 3. Produsen sees the note, fixes the metadata, resubmits.
  await produsen.goto(revisionUrl);
  assert.match(await produsen.content(), /Definisi indikator \(MS-Ind\) belum diisi/);
  await shot(produsen, 'data-06-produsen-sees-note');
  await produsen.fill('#f-msInd-definition', 'Banyaknya kecamatan dan desa/kelurahan serta luas daratan setiap kabupaten/kota.');
  await produsen.fill('#f-msInd-unit', 'kecamatan; desa; km²');
  await produsen.click('button:has-text("Simpan metadata")');
  await produsen.waitForURL(/#metadata/);
  await produsen.click('button:has-text("Ajukan ke walidata")');
  await produsen.waitForSelector('text=Diajukan');

  // 4. Walidata checks conformity with the checklist.
  await walidata.goto(revisionUrl);
  await walidata.check('input[name=checklist][value=reference_codes]');
  await shot(walidata, 'data-07-walidata-checklist');
  await walidata.click('button:has-text("Nyatakan sesuai")');
  await walidata.waitForSelector('.badge:has-text("Sudah diperiksa")');

  // 5. Kepala OPD validates (approves) in the app.
  const kepala = await asRole('dinas-uji', 'kepala_opd', 'Kepala Dinas Uji');
  await kepala.goto(`${p.url}/data/kerja`);
  assert.match(await kepala.content(), /Jumlah Kecamatan dan Desa/);
  await kepala.goto(revisionUrl);
  await kepala.fill('#f-letterNumber', '050/123/DU/2026');
  await shot(kepala, 'data-08-kepala-validate');
  await kepala.click('button:has-text("Validasi (setujui)")');
  await kepala.waitForSelector('.badge:has-text("Tervalidasi")');

  // 6. Walidata publishes.
  await walidata.goto(revisionUrl);
  await walidata.click('main button:has-text("Publikasikan")');
  await walidata.waitForSelector('.badge:has-text("Terpublikasi")');
  await shot(walidata, 'data-09-walidata-published');

  // 7. An anonymous visitor searches with a typo, sees table and chart, downloads CSV.
  const visitor = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
  await visitor.goto(`${p.url}/data`);
  assert.deepEqual(await axeViolations(visitor), []);
  await visitor.fill('#q', 'kecamtan');
  await visitor.click('main form button:has-text("Cari")');
  await visitor.waitForURL(/\/data\/cari/);
  await shot(visitor, 'data-10-visitor-search-typo');
  await visitor.click('a:has-text("Jumlah Kecamatan dan Desa menurut Kabupaten/Kota")');
  await visitor.waitForSelector('table.data-table tbody tr');
  await visitor.waitForSelector('#chart svg', { timeout: 15000 });
  assert.equal(await visitor.locator('table.data-table tbody tr').count(), 10);
  assert.deepEqual(await axeViolations(visitor), []);
  await shot(visitor, 'data-11-visitor-dataset-table-chart');
  const [download] = await Promise.all([visitor.waitForEvent('download'), visitor.click('a[download]:has-text("CSV")')]);
  const file = await download.path();
  const text = fs.readFileSync(file!, 'utf8');
  assert.match(text, /Sumbawa,24,166,6643\.98/);
  // phone width: no horizontal scroll of the page itself
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true })).newPage();
  await phone.goto(download.url().replace(/\/sumber\/.*$/, ''));
  const w = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 362, `page is ${w}px wide on a 360-px phone`);
  await shot(phone, 'data-12-visitor-phone');
});
