/**
 * GeoJSON map previews rendered off the web thread. Parsing and drawing a 5 MB file takes a few
 * hundred milliseconds to a second of pure CPU; on the main thread that would stall every other
 * request. One worker thread, started on first use, renders the requests one at a time from a
 * queue.
 *
 * - While idle the worker is unref'd, so it never keeps the process alive; while it renders it is
 *   ref'd, so a pending render is not cut short by the event loop emptying.
 * - If the worker dies (an uncaught exception, its heap limit, the per-render time limit), the
 *   request it was rendering is rejected and the next request starts a fresh worker. Requests
 *   still waiting in the queue are not lost.
 * - The queue is bounded: past `maxQueue` waiting requests a call is rejected at once with
 *   {@link RenderBusyError} (the page then says the preview is unavailable) instead of piling up
 *   file bytes in memory and page requests that would time out anyway.
 * - The worker runs the .ts source (or .js, if this module was compiled) through
 *   ts-worker-bootstrap.mjs, which registers tsx in the thread: Node 20 does not pass the parent's
 *   `--import tsx` loader on to worker threads. Its start (≈ 0.2–0.5 s, compiling TypeScript) does
 *   not count against a render's time limit.
 */
import { Worker } from 'node:worker_threads';
import type { GeoPreview, PreviewOptions } from './geojson-preview.ts';

/** A request to the worker: the file's bytes (copied, never transferred: the caller keeps its buffer). */
export interface RenderRequest { id: number; bytes: Uint8Array; options: Partial<PreviewOptions> }
export type RenderReply = { id: number; result: GeoPreview } | { id: number; error: string };

export class RenderBusyError extends Error {
  constructor() { super('too many map previews waiting to be rendered'); }
}

export interface RenderPoolOptions {
  /** URL of the worker module (.ts or .js); it answers {@link RenderRequest}s with {@link RenderReply}s. */
  entry: URL;
  /** A render running longer is abandoned: the worker is terminated and the request rejected. */
  timeoutMs: number;
  /** A worker not ready after this long (loading its modules) is given up; default 60 s. */
  startTimeoutMs?: number;
  /** Requests waiting behind the one being rendered. */
  maxQueue: number;
  /** V8 old-space limit of the worker, so a pathological file kills the worker, not the server. */
  maxHeapMb: number;
}

interface Job { bytes: Uint8Array; options: Partial<PreviewOptions>; resolve: (p: GeoPreview) => void; reject: (e: Error) => void }
/** A worker thread; `ready` once its entry module is loaded (startup does not count against a render's time limit). */
interface Slot { worker: Worker; ready: boolean; startTimer: NodeJS.Timeout | null; crash: Error | null }
interface Running { id: number; job: Job; slot: Slot; timer: NodeJS.Timeout }

const BOOTSTRAP = new URL('./ts-worker-bootstrap.mjs', import.meta.url);

/** A single lazily started worker thread with a queue in front of it. */
export class RenderPool {
  private slot: Slot | null = null;
  private running: Running | null = null;
  private readonly queue: Job[] = [];
  private nextId = 1;
  /** Workers started so far (for tests and logs). */
  started = 0;

  constructor(private readonly o: RenderPoolOptions) {}

  private get startTimeoutMs(): number { return this.o.startTimeoutMs ?? 60_000; }

  /** Render in the worker; resolves with what `renderGeoJsonPreview(bytes, options)` returns. */
  render(bytes: Uint8Array, options: Partial<PreviewOptions> = {}): Promise<GeoPreview> {
    if (this.queue.length >= this.o.maxQueue) return Promise.reject(new RenderBusyError());
    return new Promise((resolve, reject) => {
      this.queue.push({ bytes, options, resolve, reject });
      this.pump();
    });
  }

  /** Requests waiting or being rendered. */
  get pending(): number { return this.queue.length + (this.running ? 1 : 0); }

  /** Stop the worker; the request being rendered and those waiting are rejected. */
  async stop(): Promise<void> {
    const slot = this.slot;
    this.slot = null;
    const err = new Error('map preview worker stopped');
    for (const job of this.queue.splice(0)) job.reject(err);
    this.finish(err);
    if (slot) {
      if (slot.startTimer) clearTimeout(slot.startTimer);
      await slot.worker.terminate();
    }
  }

  /** Hand the next waiting request to the worker, starting one if needed; unref the worker when idle. */
  private pump(): void {
    if (this.running) return;
    if (!this.queue.length) { this.slot?.worker.unref(); return; }
    const slot = this.slot ?? this.start();
    slot.worker.ref();
    if (!slot.ready) return; // its 'ready' message pumps again
    const job = this.queue.shift()!;
    const id = this.nextId++;
    const timer = setTimeout(() => {
      this.retire(slot);
      this.finish(new Error(`map preview took longer than ${this.o.timeoutMs} ms`));
      this.pump();
    }, this.o.timeoutMs);
    timer.unref();
    this.running = { id, job, slot, timer };
    try {
      slot.worker.postMessage({ id, bytes: job.bytes, options: job.options } satisfies RenderRequest);
    } catch (e) {
      this.finish(e as Error);
      this.pump();
    }
  }

  /** Settle the running request (with a result, or rejected with `err`). */
  private finish(err: Error | null, result?: GeoPreview): void {
    const r = this.running;
    if (!r) return;
    this.running = null;
    clearTimeout(r.timer);
    if (err) r.job.reject(err);
    else r.job.resolve(result!);
  }

  /** Forget a worker and terminate it; the next request starts a new one. */
  private retire(slot: Slot): void {
    if (this.slot === slot) this.slot = null;
    if (slot.startTimer) clearTimeout(slot.startTimer);
    void slot.worker.terminate();
  }

  private start(): Slot {
    const worker = new Worker(BOOTSTRAP, {
      workerData: { entry: this.o.entry.href },
      name: 'geojson-preview',
      resourceLimits: { maxOldGenerationSizeMb: this.o.maxHeapMb },
    });
    const slot: Slot = { worker, ready: false, startTimer: null, crash: null };
    this.started++;
    this.slot = slot;
    // a worker that does not come up in time is given up like a hung render
    slot.startTimer = setTimeout(() => {
      slot.startTimer = null;
      this.retire(slot);
      this.queue.shift()?.reject(new Error(`map preview worker did not start within ${this.startTimeoutMs} ms`));
      this.pump();
    }, this.startTimeoutMs);
    slot.startTimer.unref();
    worker.on('message', (m: RenderReply | 'ready') => {
      if (m === 'ready') {
        slot.ready = true;
        if (slot.startTimer) clearTimeout(slot.startTimer);
        slot.startTimer = null;
        this.pump();
        return;
      }
      if (this.running?.slot !== slot || this.running.id !== m.id) return;
      if ('error' in m) this.finish(new Error(m.error));
      else this.finish(null, m.result);
      this.pump();
    });
    worker.on('messageerror', (e) => {
      if (this.running?.slot !== slot) return;
      this.finish(e);
      this.pump();
    });
    worker.on('error', (e) => { slot.crash = e; });
    worker.on('exit', (code) => {
      if (slot.startTimer) clearTimeout(slot.startTimer);
      const current = this.slot === slot;
      if (current) this.slot = null;
      const err = slot.crash ?? new Error(`map preview worker exited with code ${code}`);
      if (this.running?.slot === slot) this.finish(err);
      // died while starting: the request it was started for fails, instead of restarting forever
      else if (current && !slot.ready) this.queue.shift()?.reject(err);
      this.pump();
    });
    return slot;
  }
}

const here = import.meta.url;

/** The app's map preview worker. */
export const geoRenderPool = new RenderPool({
  entry: new URL(`./geojson-render.worker${here.endsWith('.ts') ? '.ts' : '.js'}`, here),
  timeoutMs: 30_000, maxQueue: 16, maxHeapMb: 512,
});
