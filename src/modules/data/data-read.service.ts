/** Read models shared by the JSON API and the pages: a dataset as the public (or an authorised actor) sees it. */
import type { Queryable } from '../../core/db.ts';
import type { Actor } from '../../core/policy.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import * as repo from './dataset.repo.ts';
import { loadRevision } from './dataset.service.ts';

export interface DatasetView {
  dataset: repo.DatasetRow;
  revision: repo.RevisionRow;
  resources: repo.ResourceRow[];
  isPublic: boolean;
}

/** The published revision of a dataset by slug; 404 when unpublished. */
export async function publicDataset(db: Queryable, slug: string): Promise<DatasetView> {
  const ds = await repo.findDatasetBySlug(db, slug);
  if (!ds || !ds.published_revision_id) throw new NotFoundError();
  const revision = (await repo.findRevision(db, ds.published_revision_id))!;
  return { dataset: ds, revision, resources: await repo.listResources(db, revision.id), isPublic: true };
}

/**
 * A resource readable by the actor: `id` is either a lineage id (resolved to the published
 * revision's resource) or a resource id (any revision the actor may read).
 */
export async function readableResource(db: Queryable, actor: Actor | null, id: string): Promise<{ resource: repo.ResourceRow; dataset: repo.DatasetRow; revision: repo.RevisionRow }> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError();
  const { rows } = await db.query(
    `SELECT r.* FROM data_resources r JOIN data_datasets d ON d.published_revision_id = r.revision_id WHERE r.lineage_id = $1 LIMIT 1`, [id]);
  if (rows[0]) {
    const revision = (await repo.findRevision(db, rows[0].revision_id))!;
    const dataset = (await repo.findDatasetById(db, revision.dataset_id))!;
    return { resource: rows[0], dataset, revision };
  }
  // by row id, or by lineage id (the id the APIs show) in the dataset's latest, not yet published revision
  const resource = await repo.findResource(db, id) ?? (await db.query(
    `SELECT r.* FROM data_resources r JOIN data_datasets d ON d.latest_revision_id = r.revision_id WHERE r.lineage_id = $1 LIMIT 1`, [id])).rows[0];
  if (!resource) throw new NotFoundError();
  const { ds, rev } = await loadRevision(db, actor, resource.revision_id);
  return { resource, dataset: ds, revision: rev };
}

/**
 * Only the resource row of {@link readableResource} (same rules): a published resource is public, so the
 * hot path (datastore queries) costs one indexed lookup instead of three.
 */
export async function readableResourceRow(db: Queryable, actor: Actor | null, id: string): Promise<repo.ResourceRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError();
  const { rows } = await db.query(
    `SELECT r.* FROM data_resources r JOIN data_datasets d ON d.published_revision_id = r.revision_id WHERE r.lineage_id = $1 LIMIT 1`, [id]);
  if (rows[0]) return rows[0];
  return (await readableResource(db, actor, id)).resource;
}
