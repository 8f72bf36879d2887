/**
 * View and download counts without a write on the hot path: increments accumulate in memory and a
 * job adds them to the table once a minute (a crash loses at most a minute of counts).
 */
import type { Queryable } from '../../core/db.ts';

const pending = new Map<string, { views: number; downloads: number }>();

export function countView(datasetId: string): void {
  const c = pending.get(datasetId) ?? { views: 0, downloads: 0 };
  c.views++;
  pending.set(datasetId, c);
}

export function countDownload(datasetId: string): void {
  const c = pending.get(datasetId) ?? { views: 0, downloads: 0 };
  c.downloads++;
  pending.set(datasetId, c);
}

export async function flushCounters(db: Queryable): Promise<number> {
  const entries = [...pending.entries()];
  pending.clear();
  for (const [id, c] of entries) {
    await db.query('UPDATE data_datasets SET view_count = view_count + $2, download_count = download_count + $3 WHERE id = $1', [id, c.views, c.downloads]);
  }
  return entries.length;
}
