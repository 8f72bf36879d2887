/**
 * The shape of a module: one Fastify plugin plus what the shell needs to know about it. Modules are listed
 * explicitly in app.ts; they talk to each other only through services (see `services.ts`) or events.
 */
import type { FastifyPluginAsync } from 'fastify';
import type pg from 'pg';
import type { Catalogue, Locale } from './i18n/i18n.ts';
import type { Config } from '../config.ts';
import type { Logger } from './logger.ts';

export interface NavItem {
  href: string;
  /** Catalogue key of the label. */
  key: string;
  order: number;
}

export interface HomeFigure {
  key: string;
  value: string;
  href?: string;
}

export interface SeedContext {
  pool: pg.Pool;
  config: Config;
  log: Logger;
  /** Whether demonstration content should be created (SEED_DEMO). */
  demo: boolean;
}

export interface AppModule {
  name: string;
  plugin: FastifyPluginAsync;
  nav?: NavItem[];
  messages?: Catalogue;
  /** Live figures for the home page. Must be cheap: it runs on every home-page view (cached 60 s). */
  homeFigures?: (pool: pg.Pool, locale: Locale) => Promise<HomeFigure[]>;
  /** Reference data (always) and demonstration content (when ctx.demo). Must be idempotent. */
  seed?: (ctx: SeedContext) => Promise<void>;
}
