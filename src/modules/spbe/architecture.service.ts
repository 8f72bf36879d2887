/** Business-process map and data architecture: browse as a tree, search, link data entities to Satu Data. */
import type pg from 'pg';
import { withTransaction } from '../../core/db.ts';
import { audit } from '../../core/audit.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { NotFoundError, ValidationError } from '../../core/http/errors.ts';
import * as repo from './architecture.repo.ts';
import { isDataRef } from './internal-evidence.ts';
import './spbe.policy.ts';

export interface ProcessNode extends repo.ProcessRow {
  entities: repo.DataEntityRow[];
  organisations: Array<{ slug: string; name: string }>;
  children: ProcessNode[];
}

export async function processTree(pool: pg.Pool): Promise<ProcessNode[]> {
  const [procs, ents, orgs] = await Promise.all([repo.listProcesses(pool), repo.listDataEntities(pool), repo.processOrganisations(pool)]);
  const node = (p: repo.ProcessRow): ProcessNode => ({
    ...p,
    entities: ents.filter((e) => e.process_code === p.code),
    organisations: orgs.filter((o) => o.process_code === p.code).map((o) => ({ slug: o.slug, name: o.name })),
    children: [],
  });
  const top = procs.filter((p) => p.level === 0).map(node);
  for (const p of procs.filter((x) => x.level === 1)) top.find((t) => t.code === p.parent_code)?.children.push(node(p));
  return top;
}

export async function processDetail(pool: pg.Pool, code: string): Promise<ProcessNode> {
  const tree = await processTree(pool);
  for (const t of tree) {
    if (t.code === code) return t;
    const c = t.children.find((x) => x.code === code);
    if (c) return c;
  }
  throw new NotFoundError();
}

/** Search; returns the matching processes (with their parents kept for context) and the hits. */
export async function searchProcesses(pool: pg.Pool, q: string): Promise<{ codes: Set<string>; hits: Awaited<ReturnType<typeof repo.searchArchitecture>> }> {
  const query = q.trim().slice(0, 200);
  if (!query) return { codes: new Set(), hits: [] };
  const hits = await repo.searchArchitecture(pool, query);
  return { codes: new Set(hits.map((h) => h.code)), hits };
}

/** Link a data entity to a Satu Data list item (a reference such as a dataset slug or URL path). */
export async function linkDataEntity(pool: pg.Pool, actor: Actor, entityId: string, ref: string | null): Promise<void> {
  authorize(actor, 'spbe.architecture.link');
  const clean = ref?.trim() || null;
  if (clean && !isDataRef(clean)) throw new ValidationError([{ field: 'dataRef', key: 'spbe.error.dataRef' }]);
  await withTransaction(pool, async (tx) => {
    const e = await repo.getDataEntity(tx, entityId);
    if (!e) throw new NotFoundError();
    await repo.setDataEntityRef(tx, entityId, clean);
    await audit(tx, actor, { action: 'spbe.data_entity.link', entityType: 'spbe_data_entity', entityId, before: { dataRef: e.data_ref }, after: { process: e.process_code, name: e.name, dataRef: clean } });
  });
}
