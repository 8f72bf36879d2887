/**
 * The database: a `pg` pool, either to a real PostgreSQL (DATABASE_URL) or to an embedded PGlite that this
 * process serves on a private Unix socket through pglite-socket. Every line of data code (repos, migrations,
 * pg-boss) uses the same `pg` driver in both modes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export interface ConnectionParams {
  connectionString?: string;
  host?: string;
  port?: number;
  user?: string;
  database?: string;
}

export interface Database {
  pool: pg.Pool;
  /** How pg-boss (or another client) connects to the same database. */
  connection: ConnectionParams;
  mode: 'embedded' | 'postgres';
  /** Embedded only: the whole database directory as an uncompressed tar (tests build templates from it). */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

// Return int8 and numeric as JS numbers where safe; counts are bigint in PostgreSQL.
pg.types.setTypeParser(20, (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});
pg.types.setTypeParser(1700, (v) => Number(v));
// Dates (not timestamps) stay 'YYYY-MM-DD' strings: no time-zone shift.
pg.types.setTypeParser(1082, (v) => v);

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  /** Directory of the embedded database; undefined → in memory. */
  embeddedDir?: string;
  poolSize?: number;
  onError?: (err: Error) => void;
  /** Embedded, in memory only: start from this dump (a tar made by `dump()`) instead of an empty cluster. */
  loadDataDir?: Blob;
}

/** Opens the database described by the options. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const connection = { connectionString: opts.databaseUrl };
    const pool = new pg.Pool({ ...connection, max: opts.poolSize ?? 10 });
    pool.on('error', (e) => opts.onError?.(e));
    return { pool, connection, mode: 'postgres', close: () => pool.end() };
  }
  return openEmbedded(opts);
}

async function openEmbedded(opts: OpenDatabaseOptions): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  let releaseLock = () => {};
  if (opts.embeddedDir) {
    fs.mkdirSync(opts.embeddedDir, { recursive: true });
    releaseLock = lockEmbedded(opts.embeddedDir);
  }
  const db = await PGlite.create({ dataDir: opts.embeddedDir, loadDataDir: opts.embeddedDir ? undefined : opts.loadDataDir, extensions: { pg_trgm, unaccent } });
  // A short private directory: Unix socket paths are limited to ~100 bytes.
  const sockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntbpg-'));
  const server = new PGLiteSocketServer({ db, path: path.join(sockDir, '.s.PGSQL.5432'), maxConnections: 64 });
  keepExtendedQueriesTogether(server);
  await server.start();
  const connection = { host: sockDir, port: 5432, user: 'postgres', database: 'postgres' };
  const pool = new pg.Pool({ ...connection, max: opts.poolSize ?? 8 });
  pool.on('error', (e) => opts.onError?.(e));
  return {
    pool,
    connection,
    mode: 'embedded',
    dump: () => db.dumpDataDir('none'),
    async close() {
      await pool.end().catch(() => {});
      await server.stop().catch(() => {});
      await db.close().catch(() => {});
      fs.rmSync(sockDir, { recursive: true, force: true });
      releaseLock();
    },
  };
}

/** Message types of the extended query protocol that continue a sequence ended by Sync ('S'). */
const EXTENDED = new Set([0x50 /* P */, 0x42 /* B */, 0x44 /* D */, 0x45 /* E */, 0x43 /* C */, 0x48 /* H */]);

/**
 * PGlite is one backend session shared by every socket connection. pglite-socket queues each protocol message
 * separately and keeps only transactions on one connection, so the Parse/Bind/Execute/Sync messages of two
 * connections' parameterised queries could interleave and overwrite each other's unnamed statement and portal
 * ("unnamed prepared statement does not exist"). This replaces the queue's scheduler so that, once a connection
 * has started an extended-protocol sequence, only that connection's messages run until its Sync — exactly as the
 * transaction rule already does — and so that a failing message no longer stalls the queue.
 */
function keepExtendedQueriesTogether(server: unknown): void {
  const q = (server as { queryQueue: any }).queryQueue;
  if (!q || typeof q.processQueue !== 'function') throw new Error('pglite-socket internals changed: review keepExtendedQueriesTogether');
  let midSequence = false;
  q.processQueue = async function processQueue(this: any): Promise<void> {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        let item: any = null;
        if ((midSequence || this.db.isInTransaction()) && this.lastHandlerId) {
          const i = this.queue.findIndex((r: any) => r.handlerId === this.lastHandlerId);
          item = i === -1 ? null : this.queue.splice(i, 1)[0];
        } else {
          item = this.queue.shift();
        }
        if (!item) break; // wait for the connection that holds the session
        const type = item.message[0];
        let bytes = 0;
        try {
          await this.db.runExclusive(() => this.db.execProtocolRawStream(item.message, { onRawData: (d: Uint8Array) => { bytes += d.length; item.onData(d); } }));
          this.lastHandlerId = item.handlerId;
          midSequence = EXTENDED.has(type);
          item.resolve(bytes);
        } catch (err) {
          this.lastHandlerId = item.handlerId;
          midSequence = false;
          item.reject(err);
        }
      }
    } finally {
      this.processing = false;
    }
  };
  const clear = q.clearTransactionIfNeeded.bind(q);
  q.clearTransactionIfNeeded = async (handlerId: number) => {
    if (q.lastHandlerId === handlerId) {
      midSequence = false;
      if (!q.db.isInTransaction()) q.lastHandlerId = null;
    }
    await clear(handlerId);
    await q.processQueue();
  };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is a single-process database: a second process opening the same directory would corrupt it.
 * A lock file holds the owner's pid; a lock left by a killed process is taken over.
 */
function lockEmbedded(dir: string): () => void {
  const lock = path.join(path.dirname(dir), `${path.basename(dir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(lock, 'utf8').trim());
      if (owner && owner !== process.pid && pidAlive(owner)) {
        throw new Error(`The embedded database in ${dir} is in use by process ${owner}. Stop that process first (or use DATABASE_URL with PostgreSQL).`);
      }
      fs.rmSync(lock, { force: true }); // stale lock of a process that died
    }
  }
  throw new Error(`could not lock ${dir}`);
}

/**
 * Runs `fn` in one transaction on one connection; commits on success, rolls back on any error.
 * Nested use: pass the client on; do not open a second transaction.
 */
const embeddedPools = new WeakMap<object, Promise<boolean>>();
/**
 * Whether a pool reaches the embedded PGlite, whose socket connections share one session: no concurrent
 * statements, no named prepared statements. Asked once per pool (an error counts as embedded: the safe side).
 */
export function isEmbeddedPool(pool: pg.Pool): Promise<boolean> {
  let r = embeddedPools.get(pool);
  if (!r) {
    r = pool.query('SELECT version() AS v').then((x) => /PGlite/i.test(String(x.rows[0]?.v)), () => true);
    embeddedPools.set(pool, r);
  }
  return r;
}

export async function withTransaction<T>(pool: pg.Pool, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
