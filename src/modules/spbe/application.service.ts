/** Application registry: list, counts, create/edit, XLSX import (all-or-nothing with row errors) and export. */
import type pg from 'pg';
import { withTransaction } from '../../core/db.ts';
import { audit } from '../../core/audit.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { NotFoundError, ValidationError } from '../../core/http/errors.ts';
import { applicationsToXlsx, readApplicationSheet, validateApplicationRow, type ApplicationInput, type RowError } from './application-io.ts';
import { ORG_ALIASES, normOrg } from './org-aliases.ts';
import * as repo from './application.repo.ts';
import { isDataRef } from './internal-evidence.ts';
import './spbe.policy.ts';

export { listApplications, countsByCategory, countsByOwner, getApplication } from './application.repo.ts';

/** name / short name / alias (case-insensitive) → organisation id */
export async function organisationResolver(db: Pick<pg.Pool, 'query'>): Promise<(s: string) => string | null> {
  const orgs = await repo.organisationLookup(db);
  const map = new Map<string, string>();
  for (const o of orgs) {
    map.set(normOrg(o.name), o.id);
    if (o.short_name) map.set(normOrg(o.short_name), o.id);
    map.set(o.slug, o.id);
  }
  for (const [alias, slug] of Object.entries(ORG_ALIASES)) {
    const o = orgs.find((x) => x.slug === slug);
    if (o && !map.has(alias)) map.set(alias, o.id);
  }
  return (s: string) => map.get(normOrg(s)) ?? null;
}

function formToCells(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['name', 'category', 'scope', 'owner', 'url', 'hostedInDataCentre', 'integratedSimantra', 'status', 'description']) {
    const v = input[k];
    out[k] = v === undefined || v === null ? '' : typeof v === 'boolean' ? (v ? 'ya' : 'tidak') : String(v);
  }
  return out;
}

function rowErrorsToFields(errors: RowError[]): ValidationError {
  return new ValidationError(errors.map((e) => ({ field: `row${e.row}.${e.column}`, key: 'spbe.problem', params: { id: `Baris ${e.row}, kolom ${e.column}: ${e.message.id}`, en: `Row ${e.row}, column ${e.column}: ${e.message.en}` } })), 'spbe.application.importRefused');
}

const FIELD_OF_COLUMN: Record<string, string> = { 'Nama Aplikasi': 'name', Kategori: 'category', 'Umum/Khusus': 'scope', 'Pemilik (OPD)': 'owner', URL: 'url', 'Di Pusat Data Provinsi': 'hostedInDataCentre', 'Terintegrasi SiMANTRA': 'integratedSimantra', Status: 'status', Keterangan: 'description' };

/** Create or update one application from a form/API body (same rules as an import row). */
/** Satu Data references: an array, or text with one reference per line/comma. */
export function parseDataRefs(v: unknown): string[] | null {
  if (v === undefined || v === null) return null;
  const list = Array.isArray(v) ? v.map(String) : String(v).split(/[\n,]/);
  return [...new Set(list.map((x) => x.trim()).filter(Boolean))].slice(0, 50).map((x) => x.slice(0, 300));
}

export async function saveApplication(pool: pg.Pool, actor: Actor, id: string | null, input: Record<string, unknown>): Promise<string> {
  const resolve = await organisationResolver(pool);
  const dataRefs = parseDataRefs(input.dataRefs);
  if (dataRefs?.some((r) => !isDataRef(r))) throw new ValidationError([{ field: 'dataRefs', key: 'spbe.error.dataRef' }]);
  const { value, errors } = validateApplicationRow(0, formToCells(input), resolve);
  if (!value) throw new ValidationError(errors.map((e) => ({ field: FIELD_OF_COLUMN[e.column] ?? e.column, key: 'spbe.problem', params: { id: e.message.id, en: e.message.en } })));
  return withTransaction(pool, async (tx) => {
    if (id) {
      const before = await repo.getApplication(tx, id);
      if (!before) throw new NotFoundError();
      authorize(actor, 'spbe.application.manage', { ownerOrganisationId: before.owner_organisation_id });
      authorize(actor, 'spbe.application.manage', { ownerOrganisationId: value.ownerOrganisationId });
      await repo.updateApplication(tx, id, value);
      if (dataRefs) await repo.setDataRefs(tx, id, dataRefs);
      await audit(tx, actor, { action: 'spbe.application.update', entityType: 'spbe_application', entityId: id, organisationId: value.ownerOrganisationId, before: { ...stripRow(before), dataRefs: before.data_refs }, after: { ...value, dataRefs: dataRefs ?? before.data_refs } });
      return id;
    }
    authorize(actor, 'spbe.application.manage', { ownerOrganisationId: value.ownerOrganisationId });
    const r = await repo.upsertApplication(tx, value, actor.id);
    if (dataRefs) await repo.setDataRefs(tx, r.id, dataRefs);
    await audit(tx, actor, { action: r.inserted ? 'spbe.application.create' : 'spbe.application.update', entityType: 'spbe_application', entityId: r.id, organisationId: value.ownerOrganisationId, after: { ...value, dataRefs } });
    return r.id;
  });
}

function stripRow(r: repo.ApplicationRow): Partial<ApplicationInput> {
  return { name: r.name, category: r.category, scope: r.scope, ownerOrganisationId: r.owner_organisation_id, url: r.url, hostedInDataCentre: r.hosted_in_data_centre, integratedSimantra: r.integrated_simantra, status: r.status, description: r.description };
}

export interface ImportReport {
  inserted: number;
  updated: number;
  rows: number;
}

/** Imports every row or none; the refusal lists every bad row with its column. */
export async function importApplications(pool: pg.Pool, actor: Actor, buf: Buffer): Promise<ImportReport> {
  authorize(actor, 'spbe.application.import');
  const sheet = await readApplicationSheet(buf);
  if (sheet.error) throw rowErrorsToFields([sheet.error]);
  if (!sheet.rows.length) throw rowErrorsToFields([{ row: 2, column: 'Nama Aplikasi', message: { id: 'Lembar tidak berisi baris data.', en: 'The sheet has no data rows.' } }]);
  const resolve = await organisationResolver(pool);
  const values: ApplicationInput[] = [];
  const errors: RowError[] = [];
  for (const r of sheet.rows) {
    const v = validateApplicationRow(r.row, r.cells, resolve);
    if (v.value) values.push(v.value);
    errors.push(...v.errors);
  }
  if (errors.length) throw rowErrorsToFields(errors);
  return withTransaction(pool, async (tx) => {
    let inserted = 0;
    let updated = 0;
    for (const v of values) {
      const r = await repo.upsertApplication(tx, v, actor.id);
      if (r.inserted) inserted++;
      else updated++;
    }
    await audit(tx, actor, { action: 'spbe.application.import', entityType: 'spbe_application', after: { rows: values.length, inserted, updated } });
    return { inserted, updated, rows: values.length };
  });
}

export async function exportApplications(pool: pg.Pool, filter: repo.ApplicationFilter = {}): Promise<Buffer> {
  const rows = await repo.listApplications(pool, filter, 10000);
  return applicationsToXlsx(rows.map((r) => ({ name: r.name, category: r.category, scope: r.scope, owner: r.owner_short ?? r.owner_name, url: r.url, hostedInDataCentre: r.hosted_in_data_centre, integratedSimantra: r.integrated_simantra, status: r.status, description: r.description })));
}
