/**
 * Browser acceptance (issue 6): an evaluator fills three indicators with evidence, a reviewer finalises,
 * the public page shows the new index and the change from the previous year. Screenshots in
 * test-results/screenshots/spbe-*.png.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { MODULES } from '../../../src/app.ts';
import { spbeModule } from '../../../src/modules/spbe/index.ts';
if (!MODULES.includes(spbeModule)) MODULES.push(spbeModule);
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { launchBrowser, shot, axeViolations } from '../../helpers/browser.ts';

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

async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${p.url}/masuk`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
}

test('evaluator fills three indicators with evidence, reviewer finalises, /spbe shows the new index and the change', async () => {
  const evaluator = await p.createUser([{ org: 'diskominfotik', role: 'spbe_evaluator' }], { name: 'Evaluator SPBE Diskominfotik' });
  const reviewer = await p.createUser([{ org: 'setda', role: 'spbe_reviewer' }], { name: 'Tim Koordinasi SPBE' });

  // Reviewer opens the 2019 evaluation, starting from the 2018 levels.
  const ctxR = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const pr = await ctxR.newPage();
  await login(pr, reviewer.email, reviewer.password);
  await pr.goto(`${p.url}/spbe/evaluasi`);
  await pr.fill('#f-year', '2019');
  await Promise.all([pr.waitForNavigation(), pr.click('form[action="/spbe/evaluasi"] button[type=submit]')]);
  const evalUrl = pr.url();
  assert.match(evalUrl, /\/spbe\/evaluasi\/[0-9a-f-]{36}$/);
  await shot(pr, 'spbe-01-new-evaluation');

  // Evaluator (on a phone) assesses indicators 8, 9 and 16 (the three internal policies missing in 2018).
  const ctxE = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const pe = await ctxE.newPage();
  await login(pe, evaluator.email, evaluator.password);
  const targets = [
    { n: '8', level: '3', why: 'Pergub naskah dinas elektronik ditetapkan untuk semua perangkat daerah.', label: 'Pergub Naskah Dinas Elektronik', url: 'https://jdih.ntbprov.go.id/pergub-naskah-dinas' },
    { n: '9', level: '3', why: 'Kebijakan manajemen kepegawaian elektronik berlaku di semua unit.', label: 'SK Sekda SIMADU', url: '/data/kebijakan-kepegawaian' },
    { n: '16', level: '3', why: 'Kebijakan WBS ditetapkan dengan Peraturan Gubernur.', label: 'Pergub WBS', url: 'https://jdih.ntbprov.go.id/pergub-wbs' },
  ];
  for (const [k, tgt] of targets.entries()) {
    await pe.goto(evalUrl);
    await Promise.all([pe.waitForNavigation(), pe.locator('a.btn', { hasText: new RegExp(`^\\s*Nilai\\s+${tgt.n}\\s*$`) }).click()]);
    await pe.check(`#f-level-${tgt.level}`);
    await pe.fill('#f-justification', tgt.why);
    await Promise.all([pe.waitForNavigation(), pe.click('button:has-text("Simpan penilaian")')]);
    await pe.fill('#f-label', tgt.label);
    await pe.fill('#f-url', tgt.url);
    await Promise.all([pe.waitForNavigation(), pe.click('button:has-text("Tambah tautan bukti")')]);
    assert.ok(await pe.locator('.spbe-evidence a', { hasText: tgt.label }).count(), 'evidence listed');
    if (k === 0) {
      await shot(pe, 'spbe-02-entry-with-evidence-mobile');
      const v = await axeViolations(pe);
      assert.deepEqual(v, [], JSON.stringify(v));
    }
  }
  await pe.goto(evalUrl);
  const live = await pe.locator('.spbe-headline .figure-value').first().textContent();
  assert.equal(live?.trim(), '3,01'); // 2.9467 + 3 × 2 levels × 1 % = 3.0067, recomputed live
  await Promise.all([pe.waitForNavigation(), pe.click('button:has-text("Kirim ke reviu internal")')]);
  await shot(pe, 'spbe-03-submitted-mobile');
  assert.ok(await pe.locator('.badge', { hasText: 'Reviu internal' }).count());

  // Reviewer finalises.
  await pr.goto(evalUrl);
  await Promise.all([pr.waitForNavigation(), pr.click('button:has-text("Tetapkan final")')]);
  assert.ok(await pr.locator('.badge', { hasText: 'Final (terkunci)' }).count());
  assert.equal(await pr.locator('a.btn', { hasText: 'Nilai' }).count(), 0, 'no edit links once final');
  // every change is in the audit trail shown to the team
  const trail = await pr.locator('#hist-h + .table-wrap').innerText();
  for (const n of ['8', '9', '16']) assert.match(trail, new RegExp(`Penilaian diubah · Indikator ${n} · Tingkat 1 → 3`));
  assert.match(trail, /Ditetapkan final/);
  assert.match(trail, /Dikirim ke reviu/);
  assert.equal((trail.match(/Bukti ditambahkan/g) ?? []).length, 3);
  await shot(pr, 'spbe-04-final');

  // The public page shows the new index and the change from 2018.
  const ctxA = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const pa = await ctxA.newPage();
  await pa.goto(`${p.url}/spbe`);
  await pa.waitForSelector('#spbe-radar svg', { timeout: 10000 });
  const headline = await pa.locator('.spbe-headline').innerText();
  assert.match(headline, /Indeks SPBE 2019/);
  assert.match(headline, /3,01/);
  assert.match(headline, /\+0,06 dari 2018/);
  const history = await pa.locator('#history-h + .table-wrap').innerText();
  assert.match(history, /2019\s+3,01\s+Baik\s+\+0,06/);
  assert.match(history, /2018\s+2,95\s+Baik/);
  await shot(pa, 'spbe-05-public-overview');
  const violations = await axeViolations(pa);
  assert.deepEqual(violations, [], JSON.stringify(violations));

  // The evidence the evaluator attached is visible on the public results of the final evaluation.
  await pa.goto(evalUrl);
  assert.ok(await pa.locator('.spbe-evidence a', { hasText: 'Pergub WBS' }).count());
  await shot(pa, 'spbe-06-public-results');
  const ev = await axeViolations(pa);
  assert.deepEqual(ev, [], JSON.stringify(ev));
  for (const path of ['/spbe/aplikasi', '/spbe/arsitektur?q=irigasi', '/spbe/rekomendasi', '/spbe/kerangka']) {
    await pa.goto(`${p.url}${path}`);
    const v = await axeViolations(pa);
    assert.deepEqual(v, [], `${path}: ${JSON.stringify(v)}`);
  }
  await pa.goto(`${p.url}/spbe/aplikasi`);
  await shot(pa, 'spbe-08-applications');
  await pa.goto(`${p.url}/spbe/arsitektur?q=irigasi`);
  await shot(pa, 'spbe-09-architecture-search');

  // Roadmap timeline for the record.
  await pa.goto(`${p.url}/spbe/peta-rencana`);
  await shot(pa, 'spbe-07-roadmap');
  const rv = await axeViolations(pa);
  assert.deepEqual(rv, [], JSON.stringify(rv));
  await ctxA.close();
  await ctxE.close();
  await ctxR.close();
});
