import { MODULES } from '../../../src/app.ts';
import { careModule } from '../../../src/modules/care/index.ts';
if (!MODULES.includes(careModule)) MODULES.push(careModule);
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { launchBrowser, shot, axeViolations } from '../../helpers/browser.ts';

let p: TestPlatform;
let browser: Browser;
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
before(async () => {
  p = await startTestPlatform({ listen: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await p?.close();
});

async function login(page: Page, email: string, password: string) {
  await page.goto(`${p.url}/masuk`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await page.click('main button[type=submit]');
  await page.waitForURL(`${p.url}/`);
}

async function noHorizontalScroll(page: Page) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 362, `page is ${w}px wide on a 360-px phone`);
}

test('phone: citizen files with a photo → admin verifies and dispatches → liaison responds → citizen confirms; board without personal data', async () => {
  const photoPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'care-')), 'jalan.jpg');
  await sharp({ create: { width: 800, height: 600, channels: 3, background: '#7a6a58' } }).jpeg().withExif({ IFD0: { Make: 'KameraPonsel' } }).toFile(photoPath);

  // 1. The citizen, on a phone, without logging in.
  const citizen = await (await browser.newContext(PHONE)).newPage();
  await citizen.goto(`${p.url}/pengaduan/baru`);
  await noHorizontalScroll(citizen);
  assert.deepEqual(await axeViolations(citizen), []);
  await shot(citizen, 'care-01-form-phone');
  await citizen.selectOption('#f-categoryCode', 'jalan-jembatan');
  await citizen.fill('#f-title', 'Jalan berlubang di depan pasar');
  await citizen.fill('#f-description', 'Lubang besar di depan pasar. Hubungi saya 0812 3456 7890, NIK 5271012345678901.');
  await citizen.selectOption('#f-regencyCode', '52.71');
  await citizen.fill('#f-address', 'Depan pasar');
  await citizen.setInputFiles('#f-files', photoPath);
  await citizen.fill('#f-name', 'Warga Peramban');
  await citizen.fill('#f-email', 'warga.peramban@example.test');
  await citizen.click('main form button[type=submit]');
  await citizen.waitForSelector('.alert-success');
  const trackingUrl = (await citizen.textContent('.care-secret'))!.trim();
  const code = /lacak\/([0-9A-Z-]+)\?/.exec(trackingUrl)![1]!;
  await noHorizontalScroll(citizen);
  await shot(citizen, 'care-02-sent-phone');

  // 2. The complaint administrator verifies and dispatches (on a phone too).
  const admin = await p.createUser([{ org: 'diskominfotik', role: 'complaint_admin' }], { name: 'Admin Pengaduan' });
  const liaison = await p.createUser([{ org: 'kota-mataram', role: 'complaint_liaison' }], { name: 'Penghubung Kota' });
  const adminPage = await (await browser.newContext(PHONE)).newPage();
  await login(adminPage, admin.email, admin.password);
  await adminPage.goto(`${p.url}/pengaduan/kotak-masuk`);
  await shot(adminPage, 'care-03-admin-inbox-phone');
  await adminPage.click(`text=${code}`);
  await adminPage.click('main form:has(input[value=verifikasi]) button[type=submit]');
  await adminPage.waitForSelector('.alert-success');
  assert.match(await adminPage.textContent('.care-meta') ?? '', /Terverifikasi/);
  await adminPage.click('main form:has(input[value=disposisi]) button[type=submit]'); // the rule's suggestion is preselected
  await adminPage.waitForSelector('.alert-success');
  assert.match(await adminPage.textContent('.care-dl') ?? '', /Pemerintah Kota Mataram/);
  await shot(adminPage, 'care-04-admin-dispatched-phone');

  // 3. The liaison of Kota Mataram writes the follow-up.
  const liaisonPage = await (await browser.newContext(PHONE)).newPage();
  await login(liaisonPage, liaison.email, liaison.password);
  await liaisonPage.goto(`${p.url}/pengaduan/kotak-masuk`);
  await liaisonPage.click(`text=${code}`);
  await liaisonPage.fill('main form:has(input[value=tindak_lanjut]) textarea', 'Lubang sudah ditambal oleh Dinas PUPR Kota pada hari ini.');
  await liaisonPage.click('main form:has(input[value=tindak_lanjut]) button[type=submit]');
  await liaisonPage.waitForSelector('.alert-success');
  await noHorizontalScroll(liaisonPage);
  await shot(liaisonPage, 'care-05-liaison-responded-phone');

  // 4. The citizen opens the tracking link, sees the response and confirms.
  await citizen.goto(trackingUrl);
  assert.match(await citizen.textContent('main') ?? '', /Lubang sudah ditambal/);
  await shot(citizen, 'care-06-tracking-response-phone');
  await citizen.click('main form:has(input[value=konfirmasi]) button[type=submit]');
  await citizen.waitForSelector('.alert-success');
  assert.match(await citizen.textContent('.care-meta') ?? '', /Selesai/);
  await shot(citizen, 'care-07-confirmed-phone');

  // 5. The public board shows it without personal data; the photo is the re-encoded copy.
  const visitor = await (await browser.newContext(PHONE)).newPage();
  await visitor.goto(`${p.url}/pengaduan`);
  const board = await visitor.content();
  assert.ok(board.includes(code));
  for (const secret of ['Warga Peramban', 'warga.peramban@example.test', '0812 3456 7890', '5271012345678901']) assert.ok(!board.includes(secret), secret);
  assert.deepEqual(await axeViolations(visitor), []);
  await noHorizontalScroll(visitor);
  await shot(visitor, 'care-08-board-phone');
  await visitor.goto(`${p.url}/pengaduan/lacak/${code}`);
  const pub = await visitor.content();
  for (const secret of ['Warga Peramban', '0812 3456 7890', '5271012345678901']) assert.ok(!pub.includes(secret), secret);
  const img = await visitor.getAttribute('.care-photos img', 'src');
  const bytes = Buffer.from(await (await visitor.request.get(`${p.url}${img}`)).body());
  assert.equal((await sharp(bytes).metadata()).exif, undefined);
  assert.ok(!bytes.includes(Buffer.from('KameraPonsel')));
  await shot(visitor, 'care-09-public-report-phone');
  await visitor.goto(`${p.url}/pengaduan/statistik`);
  await shot(visitor, 'care-10-stats-phone');
});
