/** Opens the configured database for a command-line tool (same configuration as the server). */
import path from 'node:path';
import { loadConfig, ConfigError } from '../src/config.ts';
import { openDatabase, type Database } from '../src/core/db.ts';
import { migrate } from '../src/core/migrate.ts';
import { seedReference } from '../src/core/seed/seed.ts';
import type { Config } from '../src/config.ts';

export async function openCli(opts: { migrate?: boolean } = { migrate: true }): Promise<{ config: Config; db: Database }> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) { console.error(err.message); process.exit(2); }
    throw err;
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl, embeddedDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'db'), poolSize: 2 });
  if (opts.migrate !== false) {
    await migrate(db.pool, (m) => console.log(m));
    await seedReference(db.pool);
  }
  return { config, db };
}

export function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}
