/**
 * File storage: a `Storage` interface with a local-directory implementation (default, DATA_DIR/files) and an
 * S3-compatible one (S3_BUCKET). `FileService.save` streams an upload to a temporary file while counting and
 * hashing it (never the whole file in memory), refuses it past the size limit, detects its type from its
 * content (not its name), and only then moves it into storage and records it.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromBuffer } from 'file-type';
import type { Config } from '../config.ts';
import type { Queryable } from './db.ts';
import { PayloadTooLargeError, UnsupportedMediaTypeError, NotFoundError } from './http/errors.ts';

export interface Storage {
  put(key: string, source: Readable, contentType: string): Promise<void>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class LocalStorage implements Storage {
  constructor(private root: string) {
    fs.mkdirSync(root, { recursive: true });
  }
  private p(key: string): string {
    const full = path.resolve(this.root, key);
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new Error('storage key escapes the root');
    return full;
  }
  async put(key: string, source: Readable): Promise<void> {
    const target = this.p(key);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.part-${crypto.randomBytes(4).toString('hex')}`;
    try {
      await pipeline(source, fs.createWriteStream(tmp, { flags: 'wx' }));
      fs.renameSync(tmp, target); // atomic: a reader never sees half a file
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
  }
  async get(key: string): Promise<Readable> {
    const p = this.p(key);
    if (!fs.existsSync(p)) throw new NotFoundError();
    return fs.createReadStream(p);
  }
  async delete(key: string): Promise<void> {
    fs.rmSync(this.p(key), { force: true });
  }
  async exists(key: string): Promise<boolean> {
    return fs.existsSync(this.p(key));
  }
}

export class S3Storage implements Storage {
  private clientPromise: Promise<any>;
  constructor(private cfg: NonNullable<Config['s3']>) {
    this.clientPromise = import('@aws-sdk/client-s3').then(({ S3Client }) => new S3Client({
      region: cfg.region, endpoint: cfg.endpoint, forcePathStyle: cfg.forcePathStyle,
      credentials: { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey },
    }));
  }
  async put(key: string, source: Readable, contentType: string): Promise<void> {
    const { Upload } = await import('@aws-sdk/lib-storage');
    const upload = new Upload({ client: await this.clientPromise, params: { Bucket: this.cfg.bucket, Key: key, Body: source, ContentType: contentType } });
    await upload.done();
  }
  async get(key: string): Promise<Readable> {
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    try {
      const out = await (await this.clientPromise).send(new GetObjectCommand({ Bucket: this.cfg.bucket, Key: key }));
      return out.Body as Readable;
    } catch (err: any) {
      if (err?.name === 'NoSuchKey') throw new NotFoundError();
      throw err;
    }
  }
  async delete(key: string): Promise<void> {
    const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
    await (await this.clientPromise).send(new DeleteObjectCommand({ Bucket: this.cfg.bucket, Key: key }));
  }
  async exists(key: string): Promise<boolean> {
    const { HeadObjectCommand } = await import('@aws-sdk/client-s3');
    try {
      await (await this.clientPromise).send(new HeadObjectCommand({ Bucket: this.cfg.bucket, Key: key }));
      return true;
    } catch {
      return false;
    }
  }
}

/** Kinds of file a caller may accept, by detected content. */
export const FILE_KINDS: Record<string, { mimes: string[]; exts: string[] }> = {
  image: { mimes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'], exts: ['jpg', 'jpeg', 'png', 'webp', 'gif'] },
  pdf: { mimes: ['application/pdf'], exts: ['pdf'] },
  xlsx: { mimes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], exts: ['xlsx'] },
  docx: { mimes: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'], exts: ['docx'] },
  csv: { mimes: ['text/csv'], exts: ['csv', 'tsv', 'txt'] },
  json: { mimes: ['application/json'], exts: ['json'] },
  geojson: { mimes: ['application/geo+json'], exts: ['geojson'] },
  zip: { mimes: ['application/zip'], exts: ['zip'] },
};

export interface StoredFile {
  id: string;
  storageKey: string;
  originalName: string;
  mime: string;
  ext: string;
  size: number;
  sha256: string;
}

/** A safe display/download name: no path, no control characters, at most 150 characters. */
export function safeFileName(name: string): string {
  const base = path.basename(String(name || 'berkas').replace(/\\/g, '/'));
  const cleaned = base.normalize('NFC').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').replace(/\s+/g, ' ').trim();
  return (cleaned || 'berkas').slice(0, 150);
}

function looksLikeText(buf: Buffer): { text: boolean } {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return { text: true }; // UTF-16 BOM
  const n = Math.min(buf.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = buf[i];
    if (c === 0) return { text: false };
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  return { text: n === 0 ? false : control / n < 0.01 };
}

/**
 * Detects the type of a file from its first bytes and its name: binary formats by their signature, text
 * formats (CSV, JSON, GeoJSON) by being text and by the extension. Returns null when unrecognised.
 */
export async function detectType(head: Buffer, originalName: string): Promise<{ mime: string; ext: string } | null> {
  const nameExt = path.extname(originalName).slice(1).toLowerCase();
  // A UTF-16 byte-order mark can look like an MPEG audio frame to signature sniffing: text wins.
  const utf16 = head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
  const ft = utf16 ? undefined : await fileTypeFromBuffer(head);
  if (ft) {
    if (ft.mime === 'application/zip' && nameExt === 'xlsx') return null; // a zip that is not a workbook
    return { mime: ft.mime, ext: ft.ext };
  }
  if (!looksLikeText(head).text) return null;
  if (nameExt === 'json') return { mime: 'application/json', ext: 'json' };
  if (nameExt === 'geojson') return { mime: 'application/geo+json', ext: 'geojson' };
  if (nameExt === 'tsv') return { mime: 'text/csv', ext: 'tsv' };
  if (nameExt === 'txt') return { mime: 'text/plain', ext: 'txt' };
  return { mime: 'text/csv', ext: nameExt === 'csv' ? 'csv' : 'csv' };
}

export class FileService {
  readonly storage: Storage;
  readonly tmpDir: string;

  constructor(private config: Config) {
    this.storage = config.s3 ? new S3Storage(config.s3) : new LocalStorage(path.join(config.dataDir, 'files'));
    this.tmpDir = path.join(config.dataDir, 'tmp');
    fs.mkdirSync(this.tmpDir, { recursive: true });
  }

  /**
   * Streams `source` into storage. `accept` lists FILE_KINDS; the detected type must be one of them and,
   * for a file whose name claims a type, agree with that claim (a `.jpg` that is an executable is refused).
   * `field` names the form field in errors.
   */
  async save(db: Queryable, source: Readable, opts: { originalName: string; accept: string[]; maxBytes?: number; createdBy?: string | null; field?: string }): Promise<StoredFile> {
    const maxBytes = opts.maxBytes ?? this.config.maxUploadBytes;
    const field = opts.field ?? 'file';
    const originalName = safeFileName(opts.originalName);
    const tmp = path.join(this.tmpDir, `up-${crypto.randomUUID()}`);
    const hash = crypto.createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    let tooLarge = false;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > maxBytes) { tooLarge = true; cb(new Error('too large')); return; }
        if (head.length < 8192) head = Buffer.concat([head, chunk.subarray(0, 8192 - head.length)]);
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, fs.createWriteStream(tmp));
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      source.resume?.(); // drain what the client still sends
      if (tooLarge || (source as any).truncated) throw new PayloadTooLargeError('file.tooLarge', { max: Math.round(maxBytes / 1048576) }, [{ field, key: 'file.tooLarge', params: { max: Math.round(maxBytes / 1048576) } }]);
      throw err;
    }
    if ((source as any).truncated) {
      fs.rmSync(tmp, { force: true });
      throw new PayloadTooLargeError('file.tooLarge', { max: Math.round(maxBytes / 1048576) }, [{ field, key: 'file.tooLarge', params: { max: Math.round(maxBytes / 1048576) } }]);
    }
    try {
      if (size === 0) throw new UnsupportedMediaTypeError('file.empty', {}, [{ field, key: 'file.empty' }]);
      const detected = await detectType(head, originalName);
      const allowed = opts.accept.flatMap((k) => FILE_KINDS[k]?.mimes ?? []);
      const nameExt = path.extname(originalName).slice(1).toLowerCase();
      const claimedKind = Object.values(FILE_KINDS).find((k) => k.exts.includes(nameExt));
      const acceptedNames = opts.accept.flatMap((k) => FILE_KINDS[k]?.exts ?? []).join(', ');
      if (!detected || !allowed.includes(detected.mime)) throw new UnsupportedMediaTypeError('file.typeNotAllowed', { allowed: acceptedNames }, [{ field, key: 'file.typeNotAllowed', params: { allowed: acceptedNames } }]);
      if (claimedKind && !claimedKind.mimes.includes(detected.mime)) throw new UnsupportedMediaTypeError('file.typeMismatch', { ext: nameExt }, [{ field, key: 'file.typeMismatch', params: { ext: nameExt } }]);
      const now = new Date();
      const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${crypto.randomUUID()}.${detected.ext}`;
      await this.storage.put(key, fs.createReadStream(tmp), detected.mime);
      const sha256 = hash.digest('hex');
      const { rows } = await db.query(
        'INSERT INTO files (storage_key, original_name, mime, ext, size, sha256, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id',
        [key, originalName, detected.mime, detected.ext, size, sha256, opts.createdBy ?? null]);
      return { id: rows[0].id, storageKey: key, originalName, mime: detected.mime, ext: detected.ext, size, sha256 };
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  /** Stores bytes produced by the platform itself (generated reports, re-encoded images). */
  async saveBuffer(db: Queryable, data: Buffer, opts: { originalName: string; mime: string; ext: string; createdBy?: string | null }): Promise<StoredFile> {
    const now = new Date();
    const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${crypto.randomUUID()}.${opts.ext}`;
    await this.storage.put(key, Readable.from([data]), opts.mime);
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    const { rows } = await db.query(
      'INSERT INTO files (storage_key, original_name, mime, ext, size, sha256, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id',
      [key, safeFileName(opts.originalName), opts.mime, opts.ext, data.length, sha256, opts.createdBy ?? null]);
    return { id: rows[0].id, storageKey: key, originalName: safeFileName(opts.originalName), mime: opts.mime, ext: opts.ext, size: data.length, sha256 };
  }

  async find(db: Queryable, id: string): Promise<StoredFile | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const { rows } = await db.query('SELECT * FROM files WHERE id = $1', [id]);
    const r = rows[0];
    return r ? { id: r.id, storageKey: r.storage_key, originalName: r.original_name, mime: r.mime, ext: r.ext, size: Number(r.size), sha256: r.sha256 } : null;
  }

  open(file: StoredFile): Promise<Readable> {
    return this.storage.get(file.storageKey);
  }

  /**
   * Removes files a request stored before it failed (a form refused after its upload was saved), so that
   * uploads of refused forms — a complainant's photo among them — do not stay behind. A file still
   * referenced anywhere stays: every reference to `files` is a foreign key, so its row cannot be deleted.
   * Never throws: the failed request must still answer.
   */
  async discard(db: Queryable, ids: Iterable<string | null | undefined>): Promise<void> {
    for (const id of ids) {
      if (!id) continue;
      try {
        const { rows } = await db.query('DELETE FROM files WHERE id = $1 RETURNING storage_key', [id]);
        if (rows[0]) await this.storage.delete(rows[0].storage_key);
      } catch {
        // referenced (foreign key violation) or storage unavailable: kept
      }
    }
  }
}
