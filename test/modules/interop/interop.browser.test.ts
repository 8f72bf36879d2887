/**
 * The walidata adds a harvest source in a real browser (phone width), runs a harvest, reads the report,
 * and a visitor opens a harvested dataset's provenance page. Screenshots and axe checks of each page.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import './support/platform-setup.ts';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { launchBrowser, shot, axeViolations } from '../../helpers/browser.ts';
import { startFixtureServer, type FixtureServer } from './support/fixture-server.ts';
import { allowPrivateHarvestHosts } from '../../../src/modules/interop/harvest-client.ts';
import { harvestNow } from '../../../src/modules/interop/harvest.service.ts';

allowPrivateHarvestHosts(true);
let p: TestPlatform;
let srv: FixtureServer;
let browser: Browser;
before(async () => {
  [p, srv] = await Promise.all([startTestPlatform({ listen: true }), startFixtureServer()]);
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await Promise.all([p?.close(), srv?.close()]); });

async function noAxe(page: Page, name: string) {
  const v = await axeViolations(page);
  assert.deepEqual(v, [], `${name}: ${JSON.stringify(v)}`);
}

test('walidata manages a harvest source; a visitor sees the provenance', { timeout: 120_000 }, async () => {
  const u = await p.createUser([{ org: 'diskominfotik', role: 'walidata' }]);
  const page = await (await browser.newContext({ viewport: { width: 360, height: 800 } })).newPage();
  await page.goto(`${p.url}/masuk`);
  await page.fill('#f-email', u.email);
  await page.fill('#f-password', u.password);
  await page.click('main button[type=submit]');
  await page.waitForURL(`${p.url}/`);

  await page.goto(`${p.url}/data/panen/baru`);
  await shot(page, 'interop-01-source-form');
  await noAxe(page, 'form');
  await page.fill('#f-title', 'Portal Data Lombok Barat');
  await page.fill('#f-url', srv.url);
  await page.selectOption('#f-organisationId', { label: 'Pemerintah Kabupaten Lombok Barat' });
  await page.selectOption('#f-schedule', 'daily');
  await page.click('main button[type=submit]');
  await page.waitForURL(/\/data\/panen\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;
  await harvestNow(p.ctx, id, { http: { timeoutMs: 5000, retries: 1 } });
  await page.reload();
  assert.match(await page.content(), /Berhasil/);
  await shot(page, 'interop-02-source-report');
  await noAxe(page, 'source');

  await page.goto(`${p.url}/data/panen`);
  assert.match(await page.content(), /Portal Data Lombok Barat/);
  await shot(page, 'interop-03-sources');
  await noAxe(page, 'list');

  const visitor = await (await browser.newContext({ viewport: { width: 360, height: 800 } })).newPage();
  await visitor.goto(`${p.url}/data/panen/dataset/kab-lombok-barat-jumlah-puskesmas`);
  const html = await visitor.content();
  assert.match(html, /Asal data/);
  assert.ok(html.includes(`href="${srv.url}/dataset/jumlah-puskesmas"`));
  assert.equal(await visitor.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, "no horizontal scrolling at 360 px");
  await shot(visitor, 'interop-04-provenance');
  await noAxe(visitor, 'provenance');
});
