/** Storing a resource upload: the core FileService (type from content, size limit, streaming). */
import type { Readable } from 'node:stream';
import type { AppContext } from '../../core/app-context.ts';
import type { StoredFile } from '../../core/files.ts';

export async function saveUpload(ctx: AppContext, source: Readable, opts: { originalName: string; createdBy: string | null }): Promise<StoredFile> {
  return ctx.files.save(ctx.pool, source, { originalName: opts.originalName, accept: ['csv', 'xlsx', 'json', 'geojson', 'pdf', 'image'], createdBy: opts.createdBy, field: 'file' });
}
