import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { launchBrowser, shot, axeViolations } from '../helpers/browser.ts';

let p: TestPlatform;
let browser: Browser;
before(async () => {
  p = await startTestPlatform({ listen: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await p?.close();
});

test('home and login pages have no serious or critical accessibility violations (axe-core)', async () => {
  const page = await browser.newPage();
  for (const [url, name] of [['/', 'core-home'], ['/masuk', 'core-login'], ['/?lang=en', 'core-home-en']] as const) {
    await page.goto(p.url + url);
    await shot(page, name);
    assert.deepEqual(await axeViolations(page), [], `${url} has violations`);
  }
  await page.close();
});

test('admin logs in; a wrong password shows a clear message; repeated failures are throttled', async () => {
  const admin = await p.createUser([{ org: 'ntb-terbuka', role: 'admin' }], { email: 'admin.browser@test.example', name: 'Admin Uji' });
  const page = await browser.newPage();
  await page.goto(`${p.url}/masuk`);
  await page.fill('#f-email', admin.email);
  await page.fill('#f-password', 'bukan-sandinya');
  await page.click('button[type=submit]');
  await page.waitForSelector('.error-message');
  assert.equal((await page.textContent('#f-password-error'))?.trim(), 'E-mail atau kata sandi salah.');
  await shot(page, 'core-login-wrong-password');
  for (let i = 0; i < 4; i++) {
    await page.fill('#f-password', `salah-${i}`);
    await page.click('button[type=submit]');
    await page.waitForLoadState('domcontentloaded');
  }
  await page.fill('#f-password', admin.password);
  await page.click('button[type=submit]');
  await page.waitForSelector('.alert-danger');
  assert.match(await page.textContent('.alert-danger') ?? '', /Terlalu banyak percobaan masuk yang gagal/);
  await shot(page, 'core-login-throttled');
  await page.close();

  // Another address, the right password: the admin gets in and reaches the admin pages.
  const ctx2 = await browser.newContext();
  const page2 = await ctx2.newPage();
  const admin2 = await p.createUser([{ org: 'ntb-terbuka', role: 'admin' }], { email: 'admin2.browser@test.example', name: 'Admin Dua' });
  await page2.goto(`${p.url}/masuk`);
  await page2.fill('#f-email', admin2.email);
  await page2.fill('#f-password', admin2.password);
  await page2.click('button[type=submit]');
  await page2.waitForURL(`${p.url}/`);
  await page2.goto(`${p.url}/admin/pengguna`);
  assert.match(await page2.textContent('h1') ?? '', /Pengguna dan peran/);
  await shot(page2, 'core-admin-users');
  await ctx2.close();
});

test('switching to English translates the page', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(`${p.url}/masuk`);
  assert.equal(await page.getAttribute('html', 'lang'), 'id');
  assert.equal((await page.textContent('h1'))?.trim(), 'Masuk');
  await page.click('a.lang-switch');
  await page.waitForLoadState('domcontentloaded');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal((await page.textContent('h1'))?.trim(), 'Log in');
  assert.equal(await page.getAttribute('label[for=f-password]', 'for'), 'f-password');
  await shot(page, 'core-login-en-phone');
  await page.goto(`${p.url}/tidak-ada`);
  assert.match(await page.textContent('h1') ?? '', /Page not found/);
  await page.close();
});
