/**
 * `COPY … FROM STDIN` through the plain `pg` driver, without pg-copy-streams: a minimal
 * Submittable that speaks the CopyIn sub-protocol (CopyData / CopyDone / CopyFail) with
 * back-pressure on the socket. Works against PostgreSQL; where the server cannot do COPY FROM
 * STDIN (some embedded setups) `copySupported` reports false and the loader uses batched INSERT.
 */
import type pg from 'pg';

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(msg: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean; destroyed?: boolean; once(ev: 'drain' | 'close', fn: () => void): unknown; removeListener(ev: 'drain' | 'close', fn: () => void): unknown };
}

class CopyFromSource {
  readonly text: string;
  private source: AsyncIterable<Buffer | string>;
  private error: Error | null = null;
  rowCount = 0;
  private resolve!: (n: number) => void;
  private reject!: (e: Error) => void;
  private settled = false;
  readonly done: Promise<number>;

  constructor(text: string, source: AsyncIterable<Buffer | string>) {
    this.text = text;
    this.source = source;
    this.done = new Promise<number>((res, rej) => {
      this.resolve = (n) => { if (!this.settled) { this.settled = true; res(n); } };
      this.reject = (e) => { if (!this.settled) { this.settled = true; rej(e); } };
    });
  }

  submit(connection: PgConnection): void {
    connection.query(this.text);
  }

  async handleCopyInResponse(connection: PgConnection): Promise<void> {
    try {
      let pending: Buffer[] = [];
      let size = 0;
      for await (const chunk of this.source) {
        const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        pending.push(b);
        size += b.length;
        if (size >= 64 * 1024) {
          connection.sendCopyFromChunk(pending.length === 1 ? pending[0] : Buffer.concat(pending, size));
          pending = [];
          size = 0;
          if (connection.stream.destroyed || this.settled) throw this.error ?? new Error('connection closed during COPY');
          if (connection.stream.writableNeedDrain) {
            await new Promise<void>((r) => {
              const done = () => { connection.stream.removeListener('drain', done); connection.stream.removeListener('close', done); r(); };
              connection.stream.once('drain', done);
              connection.stream.once('close', done);
            });
          }
        }
      }
      if (size) connection.sendCopyFromChunk(Buffer.concat(pending, size));
      connection.endCopyFrom();
    } catch (e) {
      this.error = this.error ?? (e as Error);
      if (connection.stream.destroyed) this.reject(this.error);
      else connection.sendCopyFail(String((e as Error)?.message ?? e).slice(0, 200));
    }
  }

  /** The connection died (backend killed, network): there will be no ReadyForQuery. */
  fail(err: Error): void {
    this.error = this.error ?? err;
    this.reject(this.error);
  }

  handleCommandComplete(msg: { text?: string }): void {
    const m = /COPY (\d+)/.exec(msg.text ?? '');
    if (m) this.rowCount = Number(m[1]);
  }

  handleError(err: Error): void {
    // The client drops the active query on an error (no ReadyForQuery reaches us): settle now.
    // A CopyFail we sent comes back as an error: report the original cause.
    if (!this.error) this.error = err;
    this.reject(this.error);
  }

  handleReadyForQuery(): void {
    if (this.error) this.reject(this.error);
    else this.resolve(this.rowCount);
  }

  // Messages not expected during COPY FROM; defined so the client never calls undefined.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleEmptyQuery(): void {}
  handleCopyData(): void {}
}

const GUARD = Symbol('ntb.copy.errorGuard');

/**
 * Stream COPY text lines into `COPY <target> FROM STDIN`. `client` must be a dedicated client
 * (inside the caller's transaction). Resolves with the number of rows copied.
 */
export function copyFrom(client: pg.PoolClient | pg.Client, sql: string, source: AsyncIterable<Buffer | string>): Promise<number> {
  const q = new CopyFromSource(sql, source);
  // A backend killed mid-COPY makes the client emit 'error' after the COPY has settled; a checked-out
  // client has no pool listener, so keep a permanent one (the pool discards the broken client on release).
  const c = client as unknown as Record<symbol, boolean>;
  if (!c[GUARD]) { c[GUARD] = true; client.on('error', () => {}); }
  const onError = (e: Error) => q.fail(e);
  const onEnd = () => q.fail(new Error('connection ended during COPY'));
  client.on('error', onError);
  client.on('end', onEnd);
  (client as unknown as { query(q: unknown): void }).query(q);
  return q.done.finally(() => { client.off('error', onError); client.off('end', onEnd); });
}

/**
 * Whether the database accepts COPY FROM STDIN. Real PostgreSQL does; the embedded PGlite served
 * over pglite-socket terminates the connection on CopyData (checked), so it loads with INSERT.
 */
export function copySupported(mode: 'embedded' | 'postgres'): boolean {
  return mode === 'postgres';
}
