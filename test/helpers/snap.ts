/**
 * Ad-hoc screenshots of a running instance: `npx tsx test/helpers/snap.ts BASE_URL OUT_DIR path1 path2 …`
 * (width via SNAP_WIDTH; SNAP_LOGIN=email:password logs in first).
 */
import { launchBrowser } from './browser.ts';

const [base, out, ...paths] = process.argv.slice(2);
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: Number(process.env.SNAP_WIDTH ?? 1280), height: 800 } });
if (process.env.SNAP_LOGIN) {
  const [email, password] = process.env.SNAP_LOGIN.split(':');
  await page.goto(`${base}/masuk`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
}
for (const p of paths) {
  await page.goto(base + p);
  const name = p.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
  console.log(`${out}/${name}.png`);
}
await browser.close();
