/** SQL of NTB Care. Takes a Queryable (pool or transaction); no Fastify here. */
import type { Queryable } from '../../core/db.ts';
import type { Locale } from '../../core/i18n/i18n.ts';
import type { AttachmentRecord, ReportEventRecord, ReportRecord } from './report.model.ts';
import type { RoutingRule } from './routing.ts';
import type { CategoryAttributeSeed } from './seed/categories.ts';
import type { ReportState } from './report-workflow.ts';

export interface CategoryRow {
  code: string;
  group: string;
  name: string;
  description: string;
  keywords: string;
  attributes: CategoryAttributeSeed[];
  verifyWorkingDays: number;
  followUpWorkingDays: number;
  /** Per report type overrides of the follow-up budget. */
  followUpByType: Record<string, number>;
  isActive: boolean;
}

export async function listCategories(db: Queryable, locale: Locale): Promise<CategoryRow[]> {
  const { rows } = await db.query('SELECT * FROM care_categories WHERE is_active ORDER BY sort, code');
  return rows.map((r) => mapCategory(r, locale));
}

export async function listAllCategories(db: Queryable, locale: Locale): Promise<CategoryRow[]> {
  const { rows } = await db.query('SELECT * FROM care_categories ORDER BY sort, code');
  return rows.map((r) => mapCategory(r, locale));
}

/** A category by code, active or not (reports keep their category when it is retired). */
export async function getCategory(db: Queryable, code: string, locale: Locale): Promise<CategoryRow | null> {
  const { rows } = await db.query('SELECT * FROM care_categories WHERE code = $1', [code]);
  return rows[0] ? mapCategory(rows[0], locale) : null;
}

function mapCategory(r: any, locale: Locale): CategoryRow {
  return {
    code: r.code, group: locale === 'en' ? r.group_en : r.group_id, name: locale === 'en' ? r.name_en : r.name_id,
    description: locale === 'en' ? r.description_en : r.description_id, keywords: r.keywords, attributes: r.attributes ?? [],
    verifyWorkingDays: r.verify_working_days, followUpWorkingDays: r.followup_working_days,
    followUpByType: r.followup_days_by_type ?? {}, isActive: r.is_active,
  };
}

/** Rules with the organisation id in `organisationSlug`'s place resolved as `organisationId`. */
export async function listRules(db: Queryable): Promise<Array<RoutingRule & { organisationId: string; organisationName: string }>> {
  const { rows } = await db.query(
    `SELECT r.*, o.slug, o.name AS org_name FROM care_routing_rules r JOIN organisations o ON o.id = r.organisation_id
     ORDER BY coalesce(r.category_code, ''), coalesce(r.region_code, ''), r.priority`);
  return rows.map((r) => ({
    id: r.id, categoryCode: r.category_code ?? '*', regionCode: r.region_code ?? '*', organisationSlug: r.slug,
    organisationId: r.organisation_id, organisationName: r.org_name, priority: r.priority, enabled: r.enabled,
  }));
}

export async function listHolidays(db: Queryable): Promise<{ holidays: Array<{ date: string; kind: string; name: string; source: string | null }>; years: number[] }> {
  const h = await db.query('SELECT date::text AS date, kind, name, source FROM care_holidays ORDER BY date');
  const y = await db.query('SELECT year FROM care_calendar_years ORDER BY year');
  return { holidays: h.rows, years: y.rows.map((r) => r.year) };
}

const REPORT_SELECT = `
  SELECT r.*, c.name_id AS category_name_id, c.name_en AS category_name_en,
         o.name AS org_name, reg.name AS region_name, d.tracking_code AS duplicate_code
  FROM care_reports r
  JOIN care_categories c ON c.code = r.category_code
  LEFT JOIN organisations o ON o.id = r.assigned_organisation_id
  LEFT JOIN regions reg ON reg.code = r.region_code
  LEFT JOIN care_reports d ON d.id = r.duplicate_of_id`;

export interface ReportRow extends ReportRecord {
  attributes: Record<string, string | string[]>;
  suggestedOrganisationId: string | null;
  reporterSecretHash: string;
  reporterSecretEnc: string | null;
  reporterLocale: Locale;
  regencyCode: string | null;
  verifiedAt: Date | null;
  firstDispatchedAt: Date | null;
  firstRespondedAt: Date | null;
  respondedAt: Date | null;
  resolvedAt: Date | null;
  confirmedAt: Date | null;
  slaStage: string | null;
  slaLevel: string;
  slaDueAt: Date | null;
  slaNextCheckAt: Date | null;
}

export function mapReport(r: any, locale: Locale): ReportRow {
  return {
    id: r.id, trackingCode: r.tracking_code, type: r.type, categoryCode: r.category_code,
    categoryName: locale === 'en' ? r.category_name_en : r.category_name_id, title: r.title, description: r.description,
    privacy: r.privacy, channel: r.channel, state: r.state, regionCode: r.region_code, regionName: r.region_name ?? null,
    lat: r.lat, lng: r.lng, address: r.address, reporterName: r.reporter_name, reporterEmail: r.reporter_email, reporterPhone: r.reporter_phone,
    assignedOrganisationId: r.assigned_organisation_id, assignedOrganisationName: r.org_name ?? null, rejectReason: r.reject_reason,
    duplicateOfCode: r.duplicate_code ?? null, referral: r.referral, rating: r.rating, ratingComment: r.rating_comment, isDemo: r.is_demo,
    createdAt: r.created_at, updatedAt: r.updated_at, attributes: r.attributes ?? {}, suggestedOrganisationId: r.suggested_organisation_id,
    reporterSecretHash: r.reporter_secret_hash, reporterSecretEnc: r.reporter_secret_enc, reporterLocale: r.reporter_locale === 'en' ? 'en' : 'id',
    regencyCode: r.regency_code, verifiedAt: r.verified_at, firstDispatchedAt: r.first_dispatched_at, firstRespondedAt: r.first_responded_at,
    respondedAt: r.responded_at, resolvedAt: r.resolved_at, confirmedAt: r.confirmed_at, slaStage: r.sla_stage, slaLevel: r.sla_level,
    slaDueAt: r.sla_due_at, slaNextCheckAt: r.sla_next_check_at,
  };
}

export async function getReport(db: Queryable, id: string, locale: Locale, forUpdate = false): Promise<ReportRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  if (forUpdate) await db.query('SELECT 1 FROM care_reports WHERE id = $1 FOR UPDATE', [id]);
  const { rows } = await db.query(`${REPORT_SELECT} WHERE r.id = $1`, [id]);
  return rows[0] ? mapReport(rows[0], locale) : null;
}

export async function getReportByCode(db: Queryable, code: string, locale: Locale): Promise<ReportRow | null> {
  const { rows } = await db.query(`${REPORT_SELECT} WHERE r.tracking_code = $1`, [code]);
  return rows[0] ? mapReport(rows[0], locale) : null;
}

export interface NewReport {
  trackingCode: string;
  secretHash: string;
  secretEnc: string;
  type: string;
  categoryCode: string;
  title: string;
  description: string;
  privacy: string;
  channel: string;
  regionCode: string | null;
  regencyCode: string | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
  attributes: Record<string, unknown>;
  reporterName: string | null;
  reporterEmail: string | null;
  reporterPhone: string | null;
  reporterLocale: string;
  suggestedOrganisationId: string | null;
  routedByRuleId: string | null;
  createdBy: string | null;
  isDemo: boolean;
  createdAt: Date;
  slaDueAt: Date;
  slaNextCheckAt: Date | null;
  externalId?: string | null;
}

/** Inserts a report; null if the tracking code is taken (the caller draws another). */
export async function insertReport(db: Queryable, r: NewReport): Promise<string | null> {
  const { rows } = await db.query(
    `INSERT INTO care_reports (tracking_code, reporter_secret_hash, reporter_secret_enc, type, category_code, title, description, privacy, channel,
       region_code, regency_code, lat, lng, address, attributes, reporter_name, reporter_email, reporter_phone, reporter_locale,
       suggested_organisation_id, routed_by_rule_id, created_by, is_demo, created_at, updated_at, sla_stage, sla_level, sla_due_at, sla_next_check_at, external_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$24,'verifikasi','ok',$25,$26,$27) ON CONFLICT (tracking_code) DO NOTHING RETURNING id`,
    [r.trackingCode, r.secretHash, r.secretEnc, r.type, r.categoryCode, r.title, r.description, r.privacy, r.channel, r.regionCode, r.regencyCode,
      r.lat, r.lng, r.address, JSON.stringify(r.attributes), r.reporterName, r.reporterEmail, r.reporterPhone, r.reporterLocale,
      r.suggestedOrganisationId, r.routedByRuleId, r.createdBy, r.isDemo, r.createdAt, r.slaDueAt, r.slaNextCheckAt, r.externalId ?? null]);
  return rows[0]?.id ?? null;
}

const UPDATABLE: Record<string, string> = {
  state: 'state', assignedOrganisationId: 'assigned_organisation_id', rejectReason: 'reject_reason', duplicateOfId: 'duplicate_of_id',
  referral: 'referral', rating: 'rating', ratingComment: 'rating_comment', verifiedAt: 'verified_at', firstDispatchedAt: 'first_dispatched_at',
  firstRespondedAt: 'first_responded_at', firstResponseWithinSla: 'first_response_within_sla', respondedAt: 'responded_at',
  resolvedAt: 'resolved_at', confirmedAt: 'confirmed_at', slaStage: 'sla_stage', slaLevel: 'sla_level', slaDueAt: 'sla_due_at',
  slaNextCheckAt: 'sla_next_check_at', updatedAt: 'updated_at',
};

export async function updateReport(db: Queryable, id: string, patch: Record<string, unknown>): Promise<void> {
  const sets: string[] = [];
  const vals: unknown[] = [];
  for (const [k, v] of Object.entries(patch)) {
    const col = UPDATABLE[k];
    if (!col) throw new Error(`not updatable: ${k}`);
    vals.push(v);
    sets.push(`${col} = $${vals.length}`);
  }
  if (!sets.length) return;
  vals.push(id);
  await db.query(`UPDATE care_reports SET ${sets.join(', ')} WHERE id = $${vals.length}`, vals);
}

export interface NewEvent {
  reportId: string;
  kind: ReportEventRecord['kind'];
  action?: string | null;
  fromState?: string | null;
  toState?: string | null;
  publicText?: string | null;
  internalText?: string | null;
  isPublic: boolean;
  actorId?: string | null;
  actorRole?: string | null;
  actorOrganisationId?: string | null;
  organisationId?: string | null;
  data?: Record<string, unknown>;
  createdAt: Date;
}

export async function insertEvent(db: Queryable, e: NewEvent): Promise<void> {
  await db.query(
    `INSERT INTO care_report_events (report_id, kind, action, from_state, to_state, public_text, internal_text, is_public, actor_id, actor_role, actor_organisation_id, organisation_id, data, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
    [e.reportId, e.kind, e.action ?? null, e.fromState ?? null, e.toState ?? null, e.publicText ?? null, e.internalText ?? null, e.isPublic,
      e.actorId ?? null, e.actorRole ?? null, e.actorOrganisationId ?? null, e.organisationId ?? null, JSON.stringify(e.data ?? {}), e.createdAt]);
}

export async function listEvents(db: Queryable, reportId: string): Promise<ReportEventRecord[]> {
  const { rows } = await db.query(
    `SELECT e.*, ao.name AS actor_org_name, o.name AS org_name FROM care_report_events e
     LEFT JOIN organisations ao ON ao.id = e.actor_organisation_id LEFT JOIN organisations o ON o.id = e.organisation_id
     WHERE e.report_id = $1 ORDER BY e.id`, [reportId]);
  return rows.map((r) => ({
    id: String(r.id), reportId: r.report_id, kind: r.kind, action: r.action, fromState: r.from_state, toState: r.to_state,
    publicText: r.public_text, internalText: r.internal_text, actorRole: r.actor_role, actorOrganisationName: r.actor_org_name ?? null,
    organisationName: r.org_name ?? null, createdAt: r.created_at,
  }));
}

/** Transition events, for deriving the clocks. */
export async function listClockEvents(db: Queryable, reportId: string): Promise<Array<{ action: string; at: Date }>> {
  const { rows } = await db.query(`SELECT action, created_at FROM care_report_events WHERE report_id = $1 AND kind = 'transition' ORDER BY id`, [reportId]);
  return rows.map((r) => ({ action: r.action, at: r.created_at }));
}

export async function insertAttachment(db: Queryable, a: { reportId: string; originalFileId: string; publicFileId: string | null; mime: string; size: number; width: number | null; height: number | null }): Promise<string> {
  const { rows } = await db.query(
    'INSERT INTO care_attachments (report_id, original_file_id, public_file_id, mime, size, width, height) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id',
    [a.reportId, a.originalFileId, a.publicFileId, a.mime, a.size, a.width, a.height]);
  return rows[0].id;
}

export async function listAttachments(db: Queryable, reportId: string): Promise<Array<AttachmentRecord & { originalFileId: string; publicFileId: string | null }>> {
  const { rows } = await db.query('SELECT * FROM care_attachments WHERE report_id = $1 ORDER BY created_at, id', [reportId]);
  return rows.map((r) => ({
    id: r.id, reportId: r.report_id, mime: r.public_file_id ? 'image/jpeg' : r.mime, size: Number(r.size), sanitized: r.public_file_id !== null,
    width: r.width, height: r.height, createdAt: r.created_at, originalFileId: r.original_file_id, publicFileId: r.public_file_id,
  }));
}

export interface ListFilters {
  state?: ReportState;
  categoryCode?: string;
  regencyCode?: string;
  type?: string;
  channel?: string;
  overdue?: boolean;
  organisationIds?: string[] | null;
  q?: string;
  /** Public board: only listed reports. */
  publicOnly?: boolean;
}

/** Keyset-paginated list, newest first. Cursor: [created_at ISO, id]. */
export async function listReports(db: Queryable, f: ListFilters, locale: Locale, limit: number, cursor: [string, string] | null): Promise<ReportRow[]> {
  const where: string[] = [];
  const vals: unknown[] = [];
  const p = (v: unknown) => { vals.push(v); return `$${vals.length}`; };
  if (f.publicOnly) {
    where.push(`r.privacy <> 'rahasia' AND r.state <> 'diterima' AND NOT (r.state = 'ditolak' AND r.reject_reason = 'spam')`);
  }
  if (f.state) where.push(`r.state = ${p(f.state)}`);
  if (f.categoryCode) where.push(`r.category_code = ${p(f.categoryCode)}`);
  if (f.regencyCode) where.push(`r.regency_code = ${p(f.regencyCode)}`);
  if (f.type) where.push(`r.type = ${p(f.type)}`);
  if (f.channel) where.push(`r.channel = ${p(f.channel)}`);
  if (f.overdue) where.push(`r.sla_level IN ('overdue', 'escalated')`);
  if (f.organisationIds) where.push(`r.assigned_organisation_id = ANY(${p(f.organisationIds)}::uuid[])`);
  if (f.q) where.push(`(r.title ILIKE ${p(`%${f.q}%`)} OR r.tracking_code = ${p(f.q.toUpperCase())})`);
  if (cursor) where.push(`(r.created_at, r.id) < (${p(cursor[0])}::timestamptz, ${p(cursor[1])}::uuid)`);
  const sql = `${REPORT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.created_at DESC, r.id DESC LIMIT ${p(limit)}`;
  const { rows } = await db.query(sql, vals);
  return rows.map((r) => mapReport(r, locale));
}

/** Reports whose SLA needs a look now (timer job). */
export async function reportsDueForCheck(db: Queryable, now: Date, limit: number): Promise<string[]> {
  const { rows } = await db.query(
    'SELECT id FROM care_reports WHERE sla_next_check_at <= $1 ORDER BY sla_next_check_at LIMIT $2', [now, limit]);
  return rows.map((r) => r.id);
}

export async function duplicatesOf(db: Queryable, masterId: string): Promise<Array<{ id: string; trackingCode: string; email: string | null; secretEnc: string | null; locale: Locale }>> {
  const { rows } = await db.query('SELECT id, tracking_code, reporter_email, reporter_secret_enc, reporter_locale FROM care_reports WHERE duplicate_of_id = $1', [masterId]);
  return rows.map((r) => ({ id: r.id, trackingCode: r.tracking_code, email: r.reporter_email, secretEnc: r.reporter_secret_enc, locale: r.reporter_locale === 'en' ? 'en' : 'id' }));
}

export async function organisationById(db: Queryable, id: string): Promise<{ id: string; slug: string; name: string } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await db.query('SELECT id, slug, name FROM organisations WHERE id = $1', [id]);
  return rows[0] ?? null;
}

export async function organisationBySlug(db: Queryable, slug: string): Promise<{ id: string; slug: string; name: string } | null> {
  const { rows } = await db.query('SELECT id, slug, name FROM organisations WHERE slug = $1', [slug]);
  return rows[0] ?? null;
}

export async function routableOrganisations(db: Queryable): Promise<Array<{ id: string; slug: string; name: string; type: string }>> {
  const { rows } = await db.query(`SELECT id, slug, name, type FROM organisations WHERE type NOT IN ('cso', 'platform', 'bps') ORDER BY type = 'pemda', name`);
  return rows;
}

export async function regencies(db: Queryable): Promise<Array<{ code: string; name: string }>> {
  const { rows } = await db.query(`SELECT code, name FROM regions WHERE level IN ('kabupaten', 'kota') AND parent_code = '52' ORDER BY code`);
  return rows;
}

export async function kecamatanList(db: Queryable): Promise<Array<{ code: string; name: string; parent: string }>> {
  const { rows } = await db.query(`SELECT code, name, parent_code AS parent FROM regions WHERE level = 'kecamatan' ORDER BY code`);
  return rows;
}

export async function regionExists(db: Queryable, code: string): Promise<{ code: string; name: string } | null> {
  const { rows } = await db.query('SELECT code, name FROM regions WHERE code = $1', [code]);
  return rows[0] ?? null;
}
