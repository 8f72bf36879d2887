/**
 * Durable jobs on pg-boss (jobs live in PostgreSQL, in the `pgboss` schema): SLA timers, ingestion, harvests,
 * reports, mail. Started with the app in both database modes. `stop()` waits for running jobs to finish
 * (up to a timeout) and returns the rest to the queue.
 */
import PgBoss from 'pg-boss';
import type { Database } from './db.ts';
import type { Logger } from './logger.ts';

export type JobHandler<T> = (data: T, job: { id: string; name: string }) => Promise<void>;

export interface WorkerOptions {
  /** Jobs handled at once by this process. */
  concurrency?: number;
  /** Seconds a job may run before it is failed and retried. */
  expireInSeconds?: number;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  /** Cron expression (UTC) to schedule the job, e.g. '*\/5 * * * *'. */
  cron?: string;
}

export class Jobs {
  readonly boss: PgBoss;
  private workers = new Map<string, { handler: JobHandler<any>; opts: WorkerOptions }>();
  private started = false;

  constructor(db: Database, private log: Logger) {
    this.boss = new PgBoss({ ...db.connection, max: 3, schema: 'pgboss', monitorStateIntervalSeconds: 60 } as any);
    this.boss.on('error', (err) => this.log.error({ err }, 'job queue error'));
  }

  /** Registers a worker; call before `start()` (modules do it while their plugin registers). */
  register<T extends object>(name: string, handler: JobHandler<T>, opts: WorkerOptions = {}): void {
    if (this.workers.has(name)) throw new Error(`job registered twice: ${name}`);
    this.workers.set(name, { handler, opts });
  }

  async start(): Promise<void> {
    await this.boss.start();
    for (const [name, { handler, opts }] of this.workers) {
      await this.boss.createQueue(name, {
        name,
        retryLimit: opts.retryLimit ?? 3,
        retryDelay: opts.retryDelay ?? 10,
        retryBackoff: opts.retryBackoff ?? true,
        expireInSeconds: opts.expireInSeconds ?? 15 * 60,
      } as any);
      await this.boss.work<any>(name, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: false }, async (jobs) => {
        for (const job of jobs) {
          const t0 = Date.now();
          try {
            await handler(job.data, { id: job.id, name });
            this.log.debug({ job: name, id: job.id, ms: Date.now() - t0 }, 'job done');
          } catch (err) {
            this.log.warn({ err, job: name, id: job.id }, 'job failed');
            throw err;
          }
        }
      });
      for (let i = 1; i < (opts.concurrency ?? 1); i++) {
        await this.boss.work<any>(name, { batchSize: 1, pollingIntervalSeconds: 1 }, async (jobs) => {
          for (const job of jobs) await handler(job.data, { id: job.id, name });
        });
      }
      if (opts.cron) await this.boss.schedule(name, opts.cron, {}, { tz: 'UTC' });
    }
    this.started = true;
  }

  /** Queues a job; returns its id (null when a singleton key already has one queued). */
  async send<T extends object>(name: string, data: T, options: PgBoss.SendOptions = {}): Promise<string | null> {
    if (!this.workers.has(name)) throw new Error(`no worker registered for job ${name}`);
    return this.boss.send(name, data, options);
  }

  async stop(timeoutMs = 20_000): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
  }
}
