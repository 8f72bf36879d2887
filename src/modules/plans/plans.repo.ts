/** SQL of the Rencana Aksi module. Takes a Queryable; no Fastify, no authorization. */
import type { Queryable } from '../../core/db.ts';
import type { CommitmentInput, MilestoneInput } from './commitment.schema.ts';

export interface PlanRow {
  id: string; slug: string; title: string; title_en: string | null; programme: string;
  start_month: string; end_month: string; description: string; description_en: string;
}
export interface CommitmentRow {
  id: string; plan_id: string; slug: string; number: number; title: string; content: Omit<CommitmentInput, 'milestones'>;
  stage: string | null; working_group_id: string | null; lead_organisation_id: string | null; updated_at: Date;
  plan_slug?: string;
}
export interface MilestoneRow {
  id: string; commitment_id: string; key: string; position: number; output: string; start_month: string | null;
  end_month: string | null; responsible: string[]; responsible_note: string | null; contact_roles: string[];
  status: MilestoneInput['status']; reported_percent: number | null; updated_at: Date;
}
export interface VersionRow {
  id: string; commitment_id: string; seq: number; stage: string; content: CommitmentInput;
  authors: { organisation: string; group: string }[]; note: string; created_by: string | null; created_at: Date;
  created_by_name?: string | null;
}
export interface ConsultationRow {
  id: string; commitment_id: string; version_id: string; opens_at: Date; closes_at: Date; created_at: Date;
  version_seq?: number; version_stage?: string;
}
export interface CommentRow {
  id: string; consultation_id: string; commitment_id: string; version_id: string; field: string | null;
  parent_id: string | null; body: string; author_user_id: string | null; author_name: string; author_email: string | null;
  status: 'unverified' | 'pending' | 'published' | 'rejected'; created_at: Date; moderation_note: string | null;
  version_seq?: number; version_stage?: string;
  response_outcome?: string | null; response_reason?: string | null; response_landed_version_id?: string | null;
  response_landed_stage?: string | null; response_landed_seq?: number | null; responded_at?: Date | null;
  commitment_slug?: string; plan_slug?: string; commitment_title?: string;
}

export async function listPlans(db: Queryable): Promise<PlanRow[]> {
  return (await db.query('SELECT * FROM plans_plans ORDER BY start_month DESC, title')).rows;
}
export async function findPlanBySlug(db: Queryable, slug: string): Promise<PlanRow | null> {
  return (await db.query('SELECT * FROM plans_plans WHERE slug = $1', [slug])).rows[0] ?? null;
}
export async function insertPlan(db: Queryable, p: Omit<PlanRow, 'id'>): Promise<PlanRow> {
  const { rows } = await db.query(
    `INSERT INTO plans_plans (slug, title, title_en, programme, start_month, end_month, description, description_en)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING *`,
    [p.slug, p.title, p.title_en, p.programme, p.start_month, p.end_month, p.description, p.description_en]);
  return rows[0];
}
export async function forumMembers(db: Queryable, planId: string): Promise<{ slug: string; name: string; short_name: string | null; part: string }[]> {
  return (await db.query(
    `SELECT o.slug, o.name, o.short_name, f.part FROM plans_forum_members f JOIN organisations o ON o.id = f.organisation_id
     WHERE f.plan_id = $1 ORDER BY f.part DESC, o.name`, [planId])).rows;
}
export async function addForumMember(db: Queryable, planId: string, orgSlug: string, part: string): Promise<void> {
  await db.query(
    `INSERT INTO plans_forum_members (plan_id, organisation_id, part) SELECT $1, id, $3 FROM organisations WHERE slug = $2
     ON CONFLICT DO NOTHING`, [planId, orgSlug, part]);
}

export async function listCommitments(db: Queryable, planId: string): Promise<CommitmentRow[]> {
  return (await db.query('SELECT * FROM plans_commitments WHERE plan_id = $1 ORDER BY number', [planId])).rows;
}
export async function findCommitment(db: Queryable, planSlug: string, slug: string): Promise<CommitmentRow | null> {
  return (await db.query(
    `SELECT c.*, p.slug AS plan_slug FROM plans_commitments c JOIN plans_plans p ON p.id = c.plan_id
     WHERE p.slug = $1 AND c.slug = $2`, [planSlug, slug])).rows[0] ?? null;
}
export async function findCommitmentById(db: Queryable, id: string): Promise<CommitmentRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return (await db.query(
    `SELECT c.*, p.slug AS plan_slug FROM plans_commitments c JOIN plans_plans p ON p.id = c.plan_id WHERE c.id = $1`, [id])).rows[0] ?? null;
}
export async function lockCommitment(db: Queryable, id: string): Promise<CommitmentRow | null> {
  return (await db.query('SELECT * FROM plans_commitments WHERE id = $1 FOR UPDATE', [id])).rows[0] ?? null;
}
export async function insertCommitment(db: Queryable, c: { planId: string; slug: string; number: number; content: Omit<CommitmentInput, 'milestones'>; leadOrganisationId: string | null }): Promise<CommitmentRow> {
  const { rows } = await db.query(
    `INSERT INTO plans_commitments (plan_id, slug, number, title, content, lead_organisation_id)
     VALUES ($1,$2,$3,$4,$5,$6) RETURNING *`,
    [c.planId, c.slug, c.number, c.content.title, JSON.stringify(c.content), c.leadOrganisationId]);
  return rows[0];
}
export async function updateCommitmentContent(db: Queryable, id: string, content: Omit<CommitmentInput, 'milestones'>, leadOrganisationId: string | null): Promise<void> {
  await db.query(
    'UPDATE plans_commitments SET content = $2, title = $3, lead_organisation_id = $4, updated_at = now() WHERE id = $1',
    [id, JSON.stringify(content), content.title, leadOrganisationId]);
}
export async function setCommitmentStage(db: Queryable, id: string, stage: string): Promise<void> {
  await db.query('UPDATE plans_commitments SET stage = $2, updated_at = now() WHERE id = $1', [id, stage]);
}
export async function setWorkingGroup(db: Queryable, id: string, groupId: string | null): Promise<void> {
  await db.query('UPDATE plans_commitments SET working_group_id = $2 WHERE id = $1', [id, groupId]);
}
export async function nextCommitmentNumber(db: Queryable, planId: string): Promise<number> {
  return (await db.query('SELECT coalesce(max(number), 0) + 1 AS n FROM plans_commitments WHERE plan_id = $1', [planId])).rows[0].n;
}

export async function listMilestones(db: Queryable, commitmentIds: string[]): Promise<MilestoneRow[]> {
  if (!commitmentIds.length) return [];
  return (await db.query('SELECT * FROM plans_milestones WHERE commitment_id = ANY($1::uuid[]) ORDER BY commitment_id, position', [commitmentIds])).rows;
}
export async function findMilestone(db: Queryable, id: string): Promise<MilestoneRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return (await db.query('SELECT * FROM plans_milestones WHERE id = $1', [id])).rows[0] ?? null;
}
/** Makes the milestones of a commitment equal to `list` (matched by key): updates, inserts, deletes. */
export async function replaceMilestones(db: Queryable, commitmentId: string, list: MilestoneInput[]): Promise<void> {
  const keys = list.map((m) => m.key as string);
  await db.query('DELETE FROM plans_milestones WHERE commitment_id = $1 AND NOT (key = ANY($2::text[]))', [commitmentId, keys]);
  for (const [i, m] of list.entries()) {
    await db.query(
      `INSERT INTO plans_milestones (commitment_id, key, position, output, start_month, end_month, responsible, responsible_note, contact_roles, status)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
       ON CONFLICT (commitment_id, key) DO UPDATE SET position = EXCLUDED.position, output = EXCLUDED.output,
         start_month = EXCLUDED.start_month, end_month = EXCLUDED.end_month, responsible = EXCLUDED.responsible,
         responsible_note = EXCLUDED.responsible_note, contact_roles = EXCLUDED.contact_roles, status = EXCLUDED.status,
         updated_at = now()`,
      [commitmentId, m.key, i + 1, m.output, m.startMonth ?? null, m.endMonth ?? null, m.responsible ?? [], m.responsibleNote ?? null, m.contactRoles ?? [], m.status ?? null]);
  }
}
export async function setMilestoneProgress(db: Queryable, id: string, status: string, percent: number | null): Promise<void> {
  await db.query('UPDATE plans_milestones SET status = $2, reported_percent = $3, updated_at = now() WHERE id = $1', [id, status, percent]);
}
export async function insertMilestoneUpdate(db: Queryable, u: { milestoneId: string; reportedOn: string; status: string; percent: number | null; note: string; createdBy: string | null }): Promise<{ id: string }> {
  return (await db.query(
    `INSERT INTO plans_milestone_updates (milestone_id, reported_on, status, percent, note, created_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
    [u.milestoneId, u.reportedOn, u.status, u.percent, u.note, u.createdBy])).rows[0];
}
export async function listMilestoneUpdates(db: Queryable, milestoneIds: string[]): Promise<{ id: string; milestone_id: string; reported_on: string; status: string; percent: number | null; note: string; author: string | null; created_at: Date }[]> {
  if (!milestoneIds.length) return [];
  return (await db.query(
    `SELECT u.*, us.name AS author FROM plans_milestone_updates u LEFT JOIN users us ON us.id = u.created_by
     WHERE u.milestone_id = ANY($1::uuid[]) ORDER BY u.reported_on DESC, u.created_at DESC`, [milestoneIds])).rows;
}
export async function insertEvidence(db: Queryable, e: { milestoneId: string; updateId: string | null; kind: string; title: string; fileId?: string | null; url?: string | null; internalType?: string | null; createdBy: string | null }): Promise<{ id: string }> {
  return (await db.query(
    `INSERT INTO plans_evidence (milestone_id, update_id, kind, title, file_id, url, internal_type, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
    [e.milestoneId, e.updateId, e.kind, e.title, e.fileId ?? null, e.url ?? null, e.internalType ?? null, e.createdBy])).rows[0];
}
export async function listEvidence(db: Queryable, milestoneIds: string[]): Promise<{ id: string; milestone_id: string; update_id: string | null; kind: string; title: string; file_id: string | null; url: string | null; internal_type: string | null; created_at: Date; file_name: string | null }[]> {
  if (!milestoneIds.length) return [];
  return (await db.query(
    `SELECT e.*, f.original_name AS file_name FROM plans_evidence e LEFT JOIN files f ON f.id = e.file_id
     WHERE e.milestone_id = ANY($1::uuid[]) ORDER BY e.created_at`, [milestoneIds])).rows;
}
export async function findEvidenceFile(db: Queryable, evidenceId: string): Promise<{ file_id: string } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(evidenceId)) return null;
  return (await db.query(`SELECT file_id FROM plans_evidence WHERE id = $1 AND kind = 'file'`, [evidenceId])).rows[0] ?? null;
}

export async function listVersions(db: Queryable, commitmentId: string): Promise<VersionRow[]> {
  return (await db.query(
    `SELECT v.*, u.name AS created_by_name FROM plans_versions v LEFT JOIN users u ON u.id = v.created_by
     WHERE v.commitment_id = $1 ORDER BY v.seq`, [commitmentId])).rows;
}
export async function insertVersion(db: Queryable, v: { commitmentId: string; stage: string; content: CommitmentInput; authors: unknown; note: string; createdBy: string | null }): Promise<VersionRow> {
  const { rows } = await db.query(
    `INSERT INTO plans_versions (commitment_id, seq, stage, content, authors, note, created_by)
     VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM plans_versions WHERE commitment_id = $1), $2, $3, $4, $5, $6) RETURNING *`,
    [v.commitmentId, v.stage, JSON.stringify(v.content), JSON.stringify(v.authors), v.note, v.createdBy]);
  return rows[0];
}

export async function listEvents(db: Queryable, planId: string): Promise<{ id: string; commitment_id: string | null; method: string; held_on: string; title: string; organisations: string[]; participants: number | null; minutes_file_id: string | null; outcomes: string; minutes_name: string | null }[]> {
  return (await db.query(
    `SELECT e.*, f.original_name AS minutes_name FROM plans_events e LEFT JOIN files f ON f.id = e.minutes_file_id
     WHERE e.plan_id = $1 ORDER BY e.held_on DESC, e.created_at DESC`, [planId])).rows;
}
export async function insertEvent(db: Queryable, e: { planId: string; commitmentId: string | null; method: string; heldOn: string; title: string; organisations: string[]; participants: number | null; minutesFileId: string | null; outcomes: string; createdBy: string | null }): Promise<{ id: string }> {
  return (await db.query(
    `INSERT INTO plans_events (plan_id, commitment_id, method, held_on, title, organisations, participants, minutes_file_id, outcomes, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
    [e.planId, e.commitmentId, e.method, e.heldOn, e.title, e.organisations, e.participants, e.minutesFileId, e.outcomes, e.createdBy])).rows[0];
}
export async function eventMinutesFile(db: Queryable, eventId: string): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(eventId)) return null;
  return (await db.query('SELECT minutes_file_id FROM plans_events WHERE id = $1', [eventId])).rows[0]?.minutes_file_id ?? null;
}

export async function listWorkingGroups(db: Queryable, planId: string): Promise<{ id: string; name: string; theme: string; members: { organisation: string; organisation_name: string; member_role: string; user_name: string | null }[] }[]> {
  const groups = (await db.query('SELECT * FROM plans_working_groups WHERE plan_id = $1 ORDER BY name', [planId])).rows;
  if (!groups.length) return [];
  const members = (await db.query(
    `SELECT m.group_id, o.slug AS organisation, o.name AS organisation_name, m.member_role, u.name AS user_name
     FROM plans_working_group_members m JOIN organisations o ON o.id = m.organisation_id LEFT JOIN users u ON u.id = m.user_id
     WHERE m.group_id = ANY($1::uuid[]) ORDER BY o.name`, [groups.map((g) => g.id)])).rows;
  return groups.map((g) => ({ ...g, members: members.filter((m) => m.group_id === g.id) }));
}
export async function insertWorkingGroup(db: Queryable, planId: string, name: string, theme: string): Promise<{ id: string }> {
  return (await db.query('INSERT INTO plans_working_groups (plan_id, name, theme) VALUES ($1,$2,$3) RETURNING id', [planId, name, theme])).rows[0];
}
export async function addWorkingGroupMember(db: Queryable, groupId: string, organisationId: string, memberRole: string, userId: string | null): Promise<void> {
  await db.query('INSERT INTO plans_working_group_members (group_id, organisation_id, member_role, user_id) VALUES ($1,$2,$3,$4)', [groupId, organisationId, memberRole, userId]);
}
export async function findWorkingGroup(db: Queryable, id: string): Promise<{ id: string; plan_id: string } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return (await db.query('SELECT id, plan_id FROM plans_working_groups WHERE id = $1', [id])).rows[0] ?? null;
}

export async function organisationsBySlug(db: Queryable, slugs: string[]): Promise<Map<string, { id: string; slug: string; name: string; short_name: string | null }>> {
  if (!slugs.length) return new Map();
  const { rows } = await db.query('SELECT id, slug, name, short_name FROM organisations WHERE slug = ANY($1::text[])', [slugs]);
  return new Map(rows.map((r) => [r.slug, r]));
}
export async function allOrganisations(db: Queryable): Promise<{ id: string; slug: string; name: string }[]> {
  return (await db.query(`SELECT id, slug, name FROM organisations WHERE type <> 'platform' ORDER BY name`)).rows;
}

export async function listConsultations(db: Queryable, commitmentId: string): Promise<ConsultationRow[]> {
  return (await db.query(
    `SELECT c.*, v.seq AS version_seq, v.stage AS version_stage FROM plans_consultations c JOIN plans_versions v ON v.id = c.version_id
     WHERE c.commitment_id = $1 ORDER BY c.opens_at DESC`, [commitmentId])).rows;
}
export async function findConsultation(db: Queryable, id: string): Promise<ConsultationRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return (await db.query(
    `SELECT c.*, v.seq AS version_seq, v.stage AS version_stage FROM plans_consultations c JOIN plans_versions v ON v.id = c.version_id WHERE c.id = $1`, [id])).rows[0] ?? null;
}
export async function insertConsultation(db: Queryable, c: { commitmentId: string; versionId: string; opensAt: Date; closesAt: Date; createdBy: string | null }): Promise<ConsultationRow> {
  return (await db.query(
    `INSERT INTO plans_consultations (commitment_id, version_id, opens_at, closes_at, created_by) VALUES ($1,$2,$3,$4,$5) RETURNING *`,
    [c.commitmentId, c.versionId, c.opensAt, c.closesAt, c.createdBy])).rows[0];
}
export async function closeConsultation(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('UPDATE plans_consultations SET closes_at = greatest(opens_at + interval \'1 millisecond\', $2) WHERE id = $1', [id, at]);
}

const COMMENT_SELECT = `SELECT c.*, v.seq AS version_seq, v.stage AS version_stage,
  r.outcome AS response_outcome, r.reason AS response_reason, r.landed_version_id AS response_landed_version_id, r.responded_at,
  lv.stage AS response_landed_stage, lv.seq AS response_landed_seq,
  cm.slug AS commitment_slug, cm.title AS commitment_title, p.slug AS plan_slug
  FROM plans_comments c JOIN plans_versions v ON v.id = c.version_id
  JOIN plans_commitments cm ON cm.id = c.commitment_id JOIN plans_plans p ON p.id = cm.plan_id
  LEFT JOIN plans_responses r ON r.comment_id = c.id LEFT JOIN plans_versions lv ON lv.id = r.landed_version_id`;

export async function listComments(db: Queryable, commitmentId: string, statuses: string[]): Promise<CommentRow[]> {
  return (await db.query(`${COMMENT_SELECT} WHERE c.commitment_id = $1 AND c.status = ANY($2::text[]) ORDER BY c.created_at`, [commitmentId, statuses])).rows;
}
export async function listCommentsByStatus(db: Queryable, status: string, limit = 200): Promise<CommentRow[]> {
  return (await db.query(`${COMMENT_SELECT} WHERE c.status = $1 ORDER BY c.created_at LIMIT $2`, [status, limit])).rows;
}
export async function listUnanswered(db: Queryable, now: Date, limit = 200): Promise<CommentRow[]> {
  return (await db.query(
    `${COMMENT_SELECT} JOIN plans_consultations k ON k.id = c.consultation_id
     WHERE c.status = 'published' AND c.parent_id IS NULL AND r.comment_id IS NULL AND k.closes_at <= $1
     ORDER BY c.created_at LIMIT $2`, [now, limit])).rows;
}
export async function findComment(db: Queryable, id: string): Promise<CommentRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return (await db.query(`${COMMENT_SELECT} WHERE c.id = $1`, [id])).rows[0] ?? null;
}
export async function insertComment(db: Queryable, c: { consultationId: string; commitmentId: string; versionId: string; field: string | null; parentId: string | null; body: string; authorUserId: string | null; authorName: string; authorEmail: string | null; verifyTokenHash: string | null; status: string; ipHash: string | null }): Promise<{ id: string }> {
  return (await db.query(
    `INSERT INTO plans_comments (consultation_id, commitment_id, version_id, field, parent_id, body, author_user_id, author_name, author_email, verify_token_hash, status, ip_hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id`,
    [c.consultationId, c.commitmentId, c.versionId, c.field, c.parentId, c.body, c.authorUserId, c.authorName, c.authorEmail, c.verifyTokenHash, c.status, c.ipHash])).rows[0];
}
export async function verifyComment(db: Queryable, tokenHash: string): Promise<{ id: string; commitment_id: string } | null> {
  return (await db.query(
    `UPDATE plans_comments SET status = 'pending', verified_at = now(), verify_token_hash = NULL
     WHERE verify_token_hash = $1 AND status = 'unverified' AND created_at > now() - interval '7 days' RETURNING id, commitment_id`, [tokenHash])).rows[0] ?? null;
}
export async function moderateComment(db: Queryable, id: string, status: 'published' | 'rejected', by: string | null, note: string | null): Promise<void> {
  await db.query('UPDATE plans_comments SET status = $2, moderated_by = $3, moderated_at = now(), moderation_note = $4 WHERE id = $1', [id, status, by, note]);
}
/** Comments by the same author (account, e-mail or address) since `since`. */
export async function countRecentComments(db: Queryable, who: { userId?: string | null; email?: string | null; ipHash?: string | null }, since: Date): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM plans_comments WHERE created_at > $4 AND (
       ($1::uuid IS NOT NULL AND author_user_id = $1) OR ($2::text IS NOT NULL AND lower(author_email) = lower($2)) OR ($3::text IS NOT NULL AND ip_hash = $3))`,
    [who.userId ?? null, who.email ?? null, who.ipHash ?? null, since]);
  return rows[0].n;
}
export async function upsertResponse(db: Queryable, r: { commentId: string; outcome: string; reason: string; landedVersionId: string | null; respondedBy: string | null }): Promise<void> {
  await db.query(
    `INSERT INTO plans_responses (comment_id, outcome, reason, landed_version_id, responded_by) VALUES ($1,$2,$3,$4,$5)
     ON CONFLICT (comment_id) DO UPDATE SET outcome = EXCLUDED.outcome, reason = EXCLUDED.reason,
       landed_version_id = EXCLUDED.landed_version_id, responded_by = EXCLUDED.responded_by, responded_at = now()`,
    [r.commentId, r.outcome, r.reason, r.landedVersionId, r.respondedBy]);
}
/** Responses recorded before a version existed that said "lands in the next version": point them at it. */
export async function landPendingResponses(db: Queryable, commitmentId: string, versionId: string): Promise<number> {
  const r = await db.query(
    `UPDATE plans_responses r SET landed_version_id = $2 FROM plans_comments c
     WHERE c.id = r.comment_id AND c.commitment_id = $1 AND r.landed_version_id IS NULL AND r.outcome <> 'not_accepted'`, [commitmentId, versionId]);
  return r.rowCount ?? 0;
}

export async function listAssessments(db: Queryable, commitmentId: string): Promise<{ id: string; verifiable: boolean; relevant_values: string[]; potential: string; completion: string | null; early_results: string | null; assessor: string; assessed_on: string; note: string }[]> {
  return (await db.query('SELECT * FROM plans_assessments WHERE commitment_id = $1 ORDER BY assessed_on DESC, created_at DESC', [commitmentId])).rows;
}
export async function insertAssessment(db: Queryable, a: { commitmentId: string; verifiable: boolean; relevantValues: string[]; potential: string; completion: string | null; earlyResults: string | null; assessor: string; assessedOn: string; note: string; createdBy: string | null }): Promise<{ id: string }> {
  return (await db.query(
    `INSERT INTO plans_assessments (commitment_id, verifiable, relevant_values, potential, completion, early_results, assessor, assessed_on, note, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
    [a.commitmentId, a.verifiable, a.relevantValues, a.potential, a.completion, a.earlyResults, a.assessor, a.assessedOn, a.note, a.createdBy])).rows[0];
}
export const findCommentById = findComment;
