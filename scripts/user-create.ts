/**
 * `npm run user:create -- --email a@b.c --name "Nama" [--admin] [--org slug --role role] [--password x]`
 * Creates an account. Without --password a random one is generated and printed once.
 */
import crypto from 'node:crypto';
import { openCli, argValue } from './cli-platform.ts';
import { withTransaction } from '../src/core/db.ts';
import { createUserUnchecked } from '../src/core/auth/users.service.ts';
import { SYSTEM_ACTOR, isRole, ROLES, type Role } from '../src/core/policy.ts';
import { ValidationError, ConflictError } from '../src/core/http/errors.ts';
import { t } from '../src/core/i18n/i18n.ts';

const args = process.argv.slice(2);
const email = argValue(args, 'email');
const name = argValue(args, 'name') ?? 'Administrator';
const admin = args.includes('--admin');
const org = argValue(args, 'org') ?? (admin ? 'ntb-terbuka' : undefined);
const role = argValue(args, 'role') ?? (admin ? 'admin' : undefined);
if (!email || (role && !isRole(role)) || (!admin && (!org || !role))) {
  console.error(`usage: npm run user:create -- --email EMAIL --name NAME (--admin | --org SLUG --role ROLE) [--password PASSWORD]\nroles: ${ROLES.join(', ')}`);
  process.exit(2);
}
const password = argValue(args, 'password') ?? crypto.randomBytes(12).toString('base64url');
const { db } = await openCli();
try {
  await withTransaction(db.pool, async (tx) => {
    const o = await tx.query('SELECT id FROM organisations WHERE slug = $1', [org]);
    if (!o.rows[0]) throw new Error(`unknown organisation: ${org}`);
    const memberships: Array<{ organisationId: string; role: Role }> = [{ organisationId: o.rows[0].id, role: role as Role }];
    await createUserUnchecked(tx, SYSTEM_ACTOR, { email, name, password }, memberships);
  });
  console.log(`created ${email} (${role} @ ${org})${argValue(args, 'password') ? '' : `\npassword (shown once): ${password}`}`);
} catch (err) {
  if (err instanceof ValidationError || err instanceof ConflictError) {
    console.error(err.fields.map((f) => `${f.field}: ${t('en', f.key, f.params)}`).join('\n'));
  } else console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
