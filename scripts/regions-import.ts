/** `npm run regions:import -- FILE.csv`: imports kecamatan/desa codes (see src/core/seed/regions-import.ts). */
import { openCli } from './cli-platform.ts';
import { importRegionsCsv } from '../src/core/seed/regions-import.ts';
import { SYSTEM_ACTOR } from '../src/core/policy.ts';

const file = process.argv[2];
if (!file) { console.error('usage: npm run regions:import -- FILE.csv'); process.exit(2); }
const { db } = await openCli();
const r = await importRegionsCsv(db.pool, SYSTEM_ACTOR, file);
await db.close();
if (r.errors.length) {
  for (const e of r.errors.slice(0, 200)) console.error(`row ${e.row}, column ${e.column}: ${e.reason}`);
  console.error(`${r.errors.length} bad rows; nothing was imported`);
  process.exit(1);
}
console.log(`imported ${r.imported} regions`);
