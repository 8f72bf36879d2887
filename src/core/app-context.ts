import type pg from 'pg';
import type { Config } from '../config.ts';
import type { Database } from './db.ts';
import type { Jobs } from './jobs.ts';
import type { FileService } from './files.ts';
import type { Mailer } from './mail.ts';
import type { Logger } from './logger.ts';
import type { AppModule, NavItem } from './module.ts';

/** What every module receives: the configured platform services. Decorated on the Fastify instance as `ctx`. */
export interface AppContext {
  config: Config;
  db: Database;
  pool: pg.Pool;
  jobs: Jobs;
  files: FileService;
  mailer: Mailer;
  log: Logger;
  modules: AppModule[];
  nav: NavItem[];
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}
