/**
 * The platform's configuration: one documented schema, read once from the environment, validated, and
 * failing fast with every problem listed. No other file reads `process.env`.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
}

export interface S3Config {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

export interface Config {
  port: number;
  host: string;
  baseUrl: string;
  dataDir: string;
  /** Absent → embedded PGlite in `dataDir/db`. */
  databaseUrl?: string;
  sessionSecret: string;
  smtp?: SmtpConfig;
  s3?: S3Config;
  defaultLocale: 'id' | 'en';
  seedDemo: boolean;
  logLevel: string;
  /** Maximum size of one uploaded file, in bytes. */
  maxUploadBytes: number;
  /** Whether cookies carry `Secure` (derived from the scheme of BASE_URL). */
  secureCookies: boolean;
  /** Size of the `pg` connection pool of this process. */
  dbPoolSize: number;
  /** Allow harvesting portals on private/loopback addresses (intra-government network). */
  harvestAllowPrivateHosts: boolean;
}

/** One entry per variable: the README's configuration table is generated from this list. */
export const CONFIG_DOCS: Array<{ name: string; default: string; description: string }> = [
  { name: 'PORT', default: '3000', description: 'HTTP port.' },
  { name: 'HOST', default: '0.0.0.0', description: 'Interface to listen on.' },
  { name: 'BASE_URL', default: 'http://localhost:PORT', description: 'Public URL of the site; its scheme decides `Secure` cookies; used in e-mails and links.' },
  { name: 'DATA_DIR', default: './data', description: 'Embedded database, uploaded files, outbox and generated secrets.' },
  { name: 'DATABASE_URL', default: '(embedded PGlite)', description: 'PostgreSQL connection string for production. Absent → embedded PGlite in DATA_DIR/db.' },
  { name: 'DB_POOL_SIZE', default: '10', description: 'Connections in this process\'s pool.' },
  { name: 'SESSION_SECRET', default: '(generated, kept in DATA_DIR/secret)', description: 'Secret for CSRF tokens and signatures; ≥ 32 characters. Must be the same on every app process.' },
  { name: 'SMTP_HOST', default: '(none → DATA_DIR/outbox)', description: 'SMTP server; without it outgoing mail is written to DATA_DIR/outbox/ and the log.' },
  { name: 'SMTP_PORT', default: '587', description: 'SMTP port.' },
  { name: 'SMTP_SECURE', default: 'false', description: 'TLS from the start (port 465).' },
  { name: 'SMTP_USER / SMTP_PASSWORD', default: '', description: 'SMTP credentials.' },
  { name: 'SMTP_FROM', default: 'NTB Terbuka <noreply@localhost>', description: 'Sender address.' },
  { name: 'S3_BUCKET', default: '(none → DATA_DIR/files)', description: 'S3-compatible bucket for files; without it files are kept in DATA_DIR/files/.' },
  { name: 'S3_ENDPOINT', default: '(AWS)', description: 'Endpoint of an S3-compatible store (MinIO, Ceph…).' },
  { name: 'S3_REGION', default: 'us-east-1', description: 'Region.' },
  { name: 'S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY', default: '', description: 'Credentials (required with S3_BUCKET).' },
  { name: 'S3_FORCE_PATH_STYLE', default: 'true', description: 'Path-style URLs (needed by MinIO).' },
  { name: 'DEFAULT_LOCALE', default: 'id', description: 'Language for visitors without a choice: `id` or `en`.' },
  { name: 'SEED_DEMO', default: 'true', description: 'Seed demonstration accounts and content on first start. Production: `false`.' },
  { name: 'MAX_UPLOAD_MB', default: '100', description: 'Largest accepted upload, in MiB.' },
  { name: 'LOG_LEVEL', default: 'info', description: 'pino log level.' },
  { name: 'HARVEST_ALLOW_PRIVATE_HOSTS', default: 'false', description: 'Allow harvest sources on private or loopback addresses (regency portals on the intra-government network). Off by default against SSRF.' },
];

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

function bool(env: Env, name: string, dflt: boolean, problems: string[]): boolean {
  const v = env[name];
  if (v === undefined || v === '') return dflt;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  problems.push(`${name} must be true or false (got "${v}")`);
  return dflt;
}

function int(env: Env, name: string, dflt: number, min: number, max: number, problems: string[]): number {
  const v = env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${v}")`);
    return dflt;
  }
  return n;
}

/** Reads a secret kept in DATA_DIR, creating it (mode 600) the first time. */
function persistentSecret(dataDir: string, file: string): string {
  const p = path.join(dataDir, file);
  try {
    return fs.readFileSync(p, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const s = crypto.randomBytes(48).toString('base64url');
    fs.writeFileSync(p, s + '\n', { mode: 0o600, flag: 'wx' });
    return s;
  }
}

/**
 * Builds the configuration from an environment. Throws ConfigError listing every problem at once.
 * `overrides` lets tests and scripts set values without touching the environment.
 */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const port = int(env, 'PORT', 3000, 0, 65535, problems);
  const host = env.HOST || '0.0.0.0';
  const baseUrlRaw = env.BASE_URL || `http://localhost:${port}`;
  let baseUrl = baseUrlRaw.replace(/\/+$/, '');
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') problems.push(`BASE_URL must be http or https (got "${baseUrlRaw}")`);
  } catch {
    problems.push(`BASE_URL is not a URL (got "${baseUrlRaw}")`);
    baseUrl = `http://localhost:${port}`;
  }
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must start with postgres:// or postgresql://');

  const locale = env.DEFAULT_LOCALE || 'id';
  if (locale !== 'id' && locale !== 'en') problems.push(`DEFAULT_LOCALE must be "id" or "en" (got "${locale}")`);

  let smtp: SmtpConfig | undefined;
  if (env.SMTP_HOST) {
    smtp = {
      host: env.SMTP_HOST,
      port: int(env, 'SMTP_PORT', 587, 1, 65535, problems),
      secure: bool(env, 'SMTP_SECURE', false, problems),
      user: env.SMTP_USER || undefined,
      password: env.SMTP_PASSWORD || undefined,
      from: env.SMTP_FROM || 'NTB Terbuka <noreply@localhost>',
    };
  }
  let s3: S3Config | undefined;
  if (env.S3_BUCKET) {
    if (!env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY) problems.push('S3_BUCKET needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
    s3 = {
      bucket: env.S3_BUCKET,
      endpoint: env.S3_ENDPOINT || undefined,
      region: env.S3_REGION || 'us-east-1',
      accessKeyId: env.S3_ACCESS_KEY_ID || '',
      secretAccessKey: env.S3_SECRET_ACCESS_KEY || '',
      forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE', true, problems),
    };
  }
  const seedDemo = bool(env, 'SEED_DEMO', true, problems);
  const maxUploadMb = int(env, 'MAX_UPLOAD_MB', 100, 1, 10240, problems);
  const dbPoolSize = int(env, 'DB_POOL_SIZE', 10, 1, 200, problems);
  const harvestAllowPrivateHosts = bool(env, 'HARVEST_ALLOW_PRIVATE_HOSTS', false, problems);
  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}")`);

  let sessionSecret = env.SESSION_SECRET || '';
  if (sessionSecret && sessionSecret.length < 32) problems.push('SESSION_SECRET must be at least 32 characters');
  if (problems.length) throw new ConfigError(problems);
  if (!sessionSecret && !overrides.sessionSecret) sessionSecret = persistentSecret(dataDir, 'secret');

  return {
    port,
    host,
    baseUrl,
    dataDir,
    databaseUrl,
    sessionSecret,
    smtp,
    s3,
    defaultLocale: locale as 'id' | 'en',
    seedDemo,
    logLevel,
    maxUploadBytes: maxUploadMb * 1024 * 1024,
    secureCookies: baseUrl.startsWith('https:'),
    dbPoolSize,
    harvestAllowPrivateHosts,
    ...overrides,
  };
}
