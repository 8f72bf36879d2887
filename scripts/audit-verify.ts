/** `npm run audit:verify`: walks the hash chain of the audit trail and reports the first broken link. Exit 1 if broken. */
import { openCli } from './cli-platform.ts';
import { verifyAuditChain } from '../src/core/audit.ts';

const { db } = await openCli({ migrate: false });
const r = await verifyAuditChain(db.pool);
await db.close();
if (r.ok) {
  console.log(`audit trail intact: ${r.checked} entries verified`);
} else {
  console.error(`AUDIT TRAIL BROKEN at entry #${r.brokenAt!.id}: ${r.brokenAt!.reason} (${r.checked} entries before it are intact)`);
  process.exit(1);
}
