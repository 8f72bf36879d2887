/**
 * Live state of evidence that points inside the platform (a dataset, a harvest source, a report, complaint
 * statistics). The link is a path of NTB Terbuka; its state is read through the platform's own public JSON
 * (the same answer any API client gets), never from another module's tables — so it works whichever
 * modules are installed, and says "not available" when the target is gone.
 */
import type { FastifyInstance } from 'fastify';

export interface LiveState {
  ok: boolean;
  status?: number;
  title?: string;
  state?: string;
  updated?: string;
}

/** Picks title/state/updated from common JSON shapes (CKAN `result`, `{ data }`, or a plain object). */
export function extractLiveState(json: unknown): Omit<LiveState, 'ok' | 'status'> {
  if (!json || typeof json !== 'object') return {};
  const root = json as Record<string, unknown>;
  const o = (root.result ?? root.data ?? root) as Record<string, unknown>;
  if (!o || typeof o !== 'object' || Array.isArray(o)) return {};
  const pick = (...keys: string[]) => {
    for (const k of keys) if (typeof o[k] === 'string' || typeof o[k] === 'number') return String(o[k]);
    return undefined;
  };
  return {
    title: pick('title', 'name', 'label'),
    state: pick('status', 'state', 'stage'),
    updated: pick('updatedAt', 'updated_at', 'metadata_modified', 'modified', 'lastUpdated', 'publishedAt'),
  };
}

/** Reads the live state of an internal path (anonymous, JSON). Cached per call site by the caller. */
export async function liveState(app: FastifyInstance, path: string): Promise<LiveState> {
  if (!path.startsWith('/') || path.startsWith('//')) return { ok: false };
  try {
    const res = await app.inject({ method: 'GET', url: path, headers: { accept: 'application/json' } });
    if (res.statusCode !== 200 || !String(res.headers['content-type'] ?? '').includes('json')) return { ok: false, status: res.statusCode };
    return { ok: true, status: 200, ...extractLiveState(res.json()) };
  } catch {
    return { ok: false };
  }
}
