/**
 * Workspace steps as a producer takes them in the browser: the "new dataset" form, then a file upload
 * on the revision page (multipart, with the CSRF token of the agent's session).
 */
import assert from 'node:assert/strict';
import type { TestPlatform } from '../../../helpers/platform.ts';
import { multipartBody } from '../../../helpers/agent.ts';

export type Agent = Awaited<ReturnType<TestPlatform['loginAs']>>;

/** Metadata of the form, besides the organisation (given by slug). */
export type DraftFields = Record<string, string>;

/** Create a draft dataset of `orgSlug` through the form; returns the revision id (the agent has opened its page). */
export async function createDraft(p: TestPlatform, agent: Agent, orgSlug: string, fields: DraftFields): Promise<string> {
  await agent.get('/data/kerja/baru');
  const org = (await p.ctx.pool.query('SELECT id FROM organisations WHERE slug = $1', [orgSlug])).rows[0].id;
  const r = await agent.postForm('/data/kerja/baru', { organisationId: org, ...fields });
  assert.equal(r.statusCode, 303, r.body.slice(0, 400));
  const revisionId = String(r.headers.location).split('/').pop()!;
  await agent.get(`/data/kerja/revisi/${revisionId}`);
  return revisionId;
}

/** Upload a file to a revision (the form's fields, e.g. `name`); returns the response. */
export async function uploadFile(agent: Agent, revisionId: string, file: { filename: string; content: Buffer | string; contentType: string }, fields: Record<string, string> = {}) {
  const mp = multipartBody(fields, [{ field: 'file', filename: file.filename, content: Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content), contentType: file.contentType }]);
  return agent.request({ method: 'POST', url: `/data/kerja/revisi/${revisionId}/sumber?_csrf=${encodeURIComponent(agent.csrf)}`, payload: mp.payload, headers: mp.headers });
}

/** A workflow step as its actor takes it on the revision page (submit, check, validate, publish, …). */
export async function act(agent: Agent, revisionId: string, fields: Record<string, string | string[]>): Promise<void> {
  await agent.get(`/data/kerja/revisi/${revisionId}`);
  const r = await agent.postForm(`/data/kerja/revisi/${revisionId}/aksi`, fields);
  assert.equal(r.statusCode, 303, r.body.slice(0, 500));
}

/** The SOP from draft to published: producer submits, walidata checks all items, Kepala OPD validates, walidata publishes. */
export async function publishThroughSop(revisionId: string, who: { produsen: Agent; walidata: Agent; kepala: Agent }): Promise<void> {
  await act(who.produsen, revisionId, { event: 'submit' });
  await act(who.walidata, revisionId, { event: 'check', checklist: ['metadata_complete', 'schema_valid', 'reference_codes', 'open_format'] });
  await act(who.kepala, revisionId, { event: 'validate' });
  await act(who.walidata, revisionId, { event: 'publish' });
}
