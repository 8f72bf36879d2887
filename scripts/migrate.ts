/** `npm run migrate`: applies pending migrations to the configured database (embedded or DATABASE_URL). */
import { openCli } from './cli-platform.ts';
import { pendingMigrations } from '../src/core/migrate.ts';

const { db } = await openCli({ migrate: true });
const pending = await pendingMigrations(db.pool);
console.log(pending.length ? `still pending: ${pending.join(', ')}` : 'database is at the current version');
await db.close();
