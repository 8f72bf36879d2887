/** Starts NTB Terbuka: configuration, database (embedded PGlite unless DATABASE_URL), migrations, seed, HTTP, jobs. */
import { loadConfig, ConfigError } from './config.ts';
import { createPlatform } from './app.ts';
import { createLogger } from './core/logger.ts';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}

const log = createLogger(config.logLevel);
const t0 = Date.now();
const platform = await createPlatform(config, {
  logger: log,
  startJobs: true,
  announce: (msg) => {
    // Printed plainly (not only as JSON) so an operator reading the console sees it.
    process.stdout.write(`\n${'='.repeat(78)}\n${msg}\n${'='.repeat(78)}\n\n`);
  },
});
await platform.app.listen({ port: config.port, host: config.host });
log.info({ url: config.baseUrl, database: platform.ctx.db.mode, ms: Date.now() - t0 }, 'NTB Terbuka is ready');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down: finishing requests and running jobs');
  const timer = setTimeout(() => { log.error('shutdown timed out'); process.exit(1); }, 30_000);
  timer.unref();
  try {
    await platform.close();
    process.exit(0);
  } catch (err) {
    log.error({ err }, 'error during shutdown');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
