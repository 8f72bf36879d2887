/**
 * Acceptance in a real browser: the secretariat opens Draft 3 for consultation, a citizen comments on one
 * field, the secretariat moderates, closes, responds and issues Draft 4; the public page shows the diff and
 * the response. Screenshots: test-results/screenshots/plans-*.png.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { MODULES } from '../../../src/app.ts';
import { plansModule } from '../../../src/modules/plans/index.ts';
if (!MODULES.includes(plansModule)) MODULES.push(plansModule);
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { launchBrowser, shot, axeViolations } from '../../helpers/browser.ts';

let p: TestPlatform;
let browser: Browser;
const C = '/rencana-aksi/ogp-local-ntb-2021-2023/data-desa';

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
  await page.waitForURL((u) => !u.pathname.startsWith('/masuk'));
}

async function api(method: string, url: string, token: string, body?: unknown) {
  const res = await p.app.inject({ method: method as any, url, payload: body === undefined ? undefined : JSON.stringify(body), headers: { accept: 'application/json', authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) } });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

test('secretariat opens Draft 3 for consultation, a citizen comments on one field, the secretariat responds and issues Draft 4', async () => {
  const sec = await p.createUser([{ org: 'diskominfotik', role: 'plan_secretariat' }], { name: 'Sekretariat OGP' });
  const token = await p.apiToken(sec.id);
  // Drafts 1–3 were co-created earlier (set up through the API).
  await api('POST', '/api/v1/plans/ogp-local-ntb-2021-2023/commitments', token, { slug: 'data-desa', content: {
    title: 'Data Terbuka Desa', startMonth: '2026-01', endMonth: '2026-12',
    leadAgencies: [{ organisation: 'diskominfotik', role: 'lead', branch: 'executive', contactRole: 'Kepala Bidang Statistik, Diskominfotik Provinsi NTB' }],
    leadNonGov: [{ organisation: 'somasi-ntb', role: 'support', contactRole: 'Direktur, Somasi NTB' }], otherStakeholders: [{ organisation: 'bps-ntb', role: 'support', contactRole: 'Kepala, BPS Provinsi NTB' }],
    problem: 'Warga desa sulit memperoleh data pembangunan desanya.', statusQuo: 'Data desa tersebar di banyak dinas dan belum diterbitkan.',
    action: 'Menerbitkan data pembangunan desa setiap triwulan di Portal Satu Data NTB.', howSolves: 'Warga dan pemerintah desa dapat memantau pembangunan.',
    longTermGoal: 'NTB Bersih dan Melayani.', additionalInfo: '', policyAreas: ['open-data'], sectors: ['public-services'],
    values: [{ value: 'transparency', reason: 'Membuka data desa.' }], resources: { budgetAmount: 150000000, currency: 'IDR', staff: 6, months: 12, other: '' }, secured: 'partially',
    milestones: [{ output: 'Daftar data desa prioritas disepakati', startMonth: '2026-01', endMonth: '2026-03', responsible: ['diskominfotik'], contactRoles: ['Kepala Bidang Statistik, Diskominfotik Provinsi NTB'], status: 'not_started' }],
  } });
  for (const stage of ['draft_1', 'draft_2', 'draft_3']) {
    await api('POST', `/api/v1/plans/ogp-local-ntb-2021-2023/commitments/data-desa/versions`, token, { stage, authors: [{ organisation: 'somasi-ntb', group: 'cso' }, { organisation: 'diskominfotik', group: 'secretariat' }] });
  }

  // 1. The secretariat opens Draft 3 for public consultation.
  const secCtx = await browser.newContext();
  const sp = await secCtx.newPage();
  await login(sp, sec.email, sec.password);
  await sp.goto(`${p.url}${C}#konsultasi`);
  await sp.click('text=Buka konsultasi publik');
  await sp.selectOption('#f-versionSeq', '3');
  const closes = new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10);
  await sp.fill('#f-closesAt', closes);
  await sp.click('#konsultasi form button[type=submit]');
  await sp.waitForSelector('.plans-consultation-banner');
  assert.match(await sp.textContent('.plans-consultation-banner') ?? '', /Draf 3 terbuka untuk masukan publik/);
  await shot(sp, 'plans-01-consultation-opened');

  // 2. A citizen comments on one field (section 8, Aksi).
  const citizen = await p.createUser([], { name: 'Baiq Warga' });
  const cCtx = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const cp = await cCtx.newPage();
  await login(cp, citizen.email, citizen.password);
  await cp.goto(`${p.url}${C}`);
  await cp.click('#s-action >> text=Beri masukan untuk bagian ini');
  await cp.waitForURL(/bagian=action/);
  assert.equal(await cp.inputValue('#f-field'), 'action');
  await cp.fill('#f-body', 'Mohon data desa juga diterbitkan dalam format CSV agar mudah diolah.');
  await shot(cp, 'plans-02-citizen-comment-form');
  await cp.click('#komentar button[type=submit]');
  await cp.waitForURL(/terkirim/);
  assert.match(await cp.textContent('main') ?? '', /menunggu pemeriksaan moderator/);
  await shot(cp, 'plans-03-citizen-comment-sent');

  // 3. The secretariat moderates, closes the consultation, responds with a reason.
  await sp.goto(`${p.url}/rencana-aksi/kelola`);
  assert.match(await sp.textContent('main') ?? '', /Mohon data desa juga diterbitkan/);
  await shot(sp, 'plans-04-moderation-queue');
  await sp.click('.plans-queue-item button:has-text("Terbitkan")');
  await sp.waitForURL(/kelola/);
  await sp.goto(`${p.url}${C}#konsultasi`);
  await sp.click('button:has-text("Tutup sekarang")');
  await sp.waitForURL(new RegExp(`${C}`));
  const article = sp.locator('#s-action .plans-comment').first();
  await article.locator('select[name=outcome]').selectOption('accepted');
  await article.locator('textarea[name=reason]').fill('Diterima: aksi kini menyebut format CSV.');
  await article.locator('select[name=landed]').selectOption('next');
  await article.locator('button:has-text("Simpan")').click();
  await sp.waitForURL(/#k-/);

  // 4. The secretariat edits the working text and issues Draft 4.
  await sp.goto(`${p.url}${C}/ubah`);
  await sp.fill('#f-action', 'Menerbitkan data pembangunan desa setiap triwulan di Portal Satu Data NTB dalam format CSV dan JSON.');
  await sp.click('form.plans-form > button[type=submit]');
  await sp.waitForURL(new RegExp(`${C}$`));
  await sp.click('text=Bekukan sebagai draf berikutnya');
  assert.equal(await sp.inputValue('#f-stage'), 'draft_4');
  await sp.selectOption('#f-author_org_0', 'diskominfotik');
  await sp.selectOption('#f-author_group_0', 'secretariat');
  await sp.fill('#f-note', 'Dipertajam berdasarkan masukan publik.');
  await sp.click('button:has-text("Bekukan versi")');
  await sp.waitForURL(/versi\/4$/);
  await shot(sp, 'plans-05-draft4-issued');

  // 5. The public sees the diff and the response.
  const pub = await (await browser.newContext()).newPage();
  await pub.goto(`${p.url}${C}/beda?dari=3&ke=4`);
  assert.equal(await pub.textContent('#d-action ins.diff-added'), ' dalam format CSV dan JSON');
  assert.match(await pub.textContent('main') ?? '', /Diterima: aksi kini menyebut format CSV/);
  assert.match(await pub.textContent('.plans-diff-summary') ?? '', /1 bagian berubah · 5 kata ditambahkan · 0 kata dihapus/);
  await shot(pub, 'plans-06-public-diff');
  assert.deepEqual(await axeViolations(pub), []);

  await pub.goto(`${p.url}${C}`);
  const pubComment = await pub.textContent('#s-action .plans-comment');
  assert.match(pubComment ?? '', /Mohon data desa juga diterbitkan/);
  assert.match(pubComment ?? '', /pada Draf 3/);
  assert.match(pubComment ?? '', /Diterima/);
  assert.match(pubComment ?? '', /masuk ke Draf 4/);
  await shot(pub, 'plans-07-public-commitment');
  assert.deepEqual(await axeViolations(pub), []);

  const mobile = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await mobile.goto(`${p.url}${C}/beda?dari=3&ke=4&lang=en`);
  assert.match(await mobile.textContent('h1') ?? '', /Changes: Draft 3 → Draft 4/);
  const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  assert.equal(overflow, false, 'no horizontal scrolling on a 360-px phone');
  await shot(mobile, 'plans-08-diff-mobile-en');
});

test('the seeded plan and Satu Data commitment read well on a phone and pass axe', async () => {
  const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await page.goto(`${p.url}/rencana-aksi/ogp-local-ntb-2021-2023`);
  await shot(page, 'plans-09-plan-mobile');
  assert.deepEqual(await axeViolations(page), []);
  await page.goto(`${p.url}/rencana-aksi/ogp-local-ntb-2021-2023/satu-data-ntb`);
  await shot(page, 'plans-10-satu-data-mobile');
  assert.deepEqual(await axeViolations(page), []);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  assert.equal(overflow, false);
});
