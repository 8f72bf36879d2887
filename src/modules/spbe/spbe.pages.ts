/** SPBE pages (server-rendered): thin — parse → service → view. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendPage, seeOther, contentDisposition } from '../../core/http/reply.ts';
import { requireActor } from '../../core/http/request-context.ts';
import { authorize, can } from '../../core/policy.ts';
import { formErrors, str } from '../../core/web/forms.ts';
import { AppError, NotFoundError, PayloadTooLargeError, ValidationError } from '../../core/http/errors.ts';
import { t, type Locale } from '../../core/i18n/i18n.ts';
import * as evals from './evaluation.service.ts';
import * as evRepo from './evaluation.repo.ts';
import * as fwRepo from './framework.repo.ts';
import * as fwService from './framework.service.ts';
import * as roadmap from './roadmap.service.ts';
import * as apps from './application.service.ts';
import * as appRepo from './application.repo.ts';
import * as arch from './architecture.service.ts';
import { frameworkToXlsx } from './framework-io.ts';
import { availableTransitions } from './evaluation-workflow.ts';
import { workflowRoles } from './spbe.policy.ts';
import { evaluation2018 } from './seed/evaluation-2018.ts';
import { entryPage, evaluationPage, evaluationsListPage, overviewPage } from './views/evaluation.view.ts';
import { applicationEditPage, applicationsPage, architecturePage, frameworkPage, frameworksPage, initiativePage, processPage, recommendationsPage, roadmapPage } from './views/other.view.ts';

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Messages of an error as plain lines (for import refusals listing many problems). */
function errorLines(locale: Locale, err: unknown): string[] {
  if (err instanceof AppError) {
    const lines = err.fields.map((f) => t(locale, f.key, f.params));
    return lines.length ? lines : [t(locale, err.key, err.params)];
  }
  throw err;
}

async function readSingleFile(req: FastifyRequest): Promise<{ filename: string; data: Buffer; fields: Record<string, string> }> {
  const fields: Record<string, string> = {};
  let file: { filename: string; data: Buffer } | null = null;
  for await (const part of req.parts({ limits: { fileSize: MAX_IMPORT_BYTES } })) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      if ((part.file as { truncated?: boolean }).truncated) throw new PayloadTooLargeError('file.tooLarge', { max: 5 }, [{ field: 'file', key: 'file.tooLarge', params: { max: 5 } }]);
      if (part.filename && data.length) file = { filename: part.filename, data };
    } else {
      fields[part.fieldname] = String(part.value ?? '');
    }
  }
  if (!file) throw new ValidationError([{ field: 'file', key: 'spbe.error.fileRequired' }]);
  return { ...file, fields };
}

export async function spbePageRoutes(app: FastifyInstance) {
  const { pool, files } = app.ctx;
  const hide = { schema: { hide: true } } as const;

  async function previousFinal(year: number, frameworkId?: string) {
    const list = (await evRepo.listEvaluations(pool, { onlyFinal: true })).filter((e) => e.year < year && (!frameworkId || e.framework_id === frameworkId)).sort((a, b) => b.year - a.year);
    if (!list[0]) return null;
    const fw = await evals.loadFramework(pool, list[0].framework_id);
    const entries = await evRepo.listEntries(pool, list[0].id);
    const { computeIndex } = await import('./index-calc.ts');
    return { evaluation: list[0], result: computeIndex(fw, evals.levelEntries(entries)) };
  }

  // Public overview
  app.get('/spbe', hide, async (req, reply) => {
    const history = await evals.indexHistory(pool);
    const last = history[history.length - 1];
    const latest = last ? await evals.getEvaluationDetail(pool, null, last.id) : null;
    const previous = latest ? await previousFinal(latest.evaluation.year) : null;
    const items = await roadmap.listRoadmap(pool, new Date());
    const appCount = (await apps.countsByCategory(pool)).reduce((s, r) => s + r.n, 0);
    return sendPage(reply, overviewPage(req.page(), { latest, previous, history, target: evaluation2018.target, overdue: items.filter((i) => i.overdue).length, appCount }));
  });

  // Evaluations
  async function listPage(req: FastifyRequest, reply: FastifyReply, values?: Record<string, string>, errors?: Record<string, string | undefined>, status = 200) {
    const list = await evals.listEvaluations(pool, req.actor);
    const fws = await fwRepo.listFrameworks(pool);
    return sendPage(reply, evaluationsListPage(req.page(), { list, frameworks: fws.map((f) => ({ id: f.id, name: f.name })), canCreate: can(req.actor, 'spbe.evaluation.create'), values, errors }), status);
  }
  app.get('/spbe/evaluasi', hide, (req, reply) => listPage(req, reply));
  app.post('/spbe/evaluasi', hide, async (req, reply) => {
    const actor = requireActor(req);
    const body = req.body as Record<string, unknown>;
    const values = { year: str(body, 'year'), frameworkId: str(body, 'frameworkId'), title: str(body, 'title'), copyPrevious: str(body, 'copyPrevious') || 'false' };
    try {
      const id = await evals.createEvaluation(pool, actor, { year: values.year, frameworkId: values.frameworkId, title: values.title || undefined, copyPrevious: values.copyPrevious === 'true' });
      return seeOther(reply, `/spbe/evaluasi/${id}`);
    } catch (err) {
      return listPage(req, reply, values, formErrors(req.locale, err), 422);
    }
  });

  async function evaluationView(req: FastifyRequest, reply: FastifyReply, id: string, extra: { notice?: string; error?: string; status?: number } = {}) {
    const detail = await evals.getEvaluationDetail(pool, req.actor, id);
    const previous = await previousFinal(detail.evaluation.year, detail.evaluation.framework_id);
    const recs = await fwService.recommendationsWithActions(pool, detail.evaluation.framework_id);
    const recMap = new Map(recs.map((r) => [r.entry_label, { recommendation: r.recommendation, strategy: r.strategy, actions: r.actions.length }]));
    const roles = workflowRoles(req.actor);
    return sendPage(reply, evaluationPage(req.page(), {
      detail, previous, recommendations: recMap,
      canEdit: can(req.actor, 'spbe.evaluation.edit', detail.evaluation),
      history: can(req.actor, 'spbe.evaluation.workspace') ? await evRepo.listHistory(pool, detail.evaluation.id) : null,
      transitions: availableTransitions(detail.evaluation.state, roles),
      notice: extra.notice, error: extra.error,
    }), extra.status ?? 200);
  }
  app.get('/spbe/evaluasi/:id', hide, async (req, reply) => {
    const q = req.query as { ok?: string };
    return evaluationView(req, reply, (req.params as { id: string }).id, { notice: q.ok ? req.page().t('spbe.entrySaved') : undefined });
  });

  app.post('/spbe/evaluasi/:id/alur', hide, async (req, reply) => {
    const actor = requireActor(req);
    const { id } = req.params as { id: string };
    try {
      await evals.transition(pool, actor, id, str(req.body, 'transition'), app.ctx.config.baseUrl);
      return seeOther(reply, `/spbe/evaluasi/${id}`);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return evaluationView(req, reply, id, { error: t(req.locale, err.key, err.params), status: 409 });
      throw err;
    }
  });

  app.post('/spbe/evaluasi/:id/layanan', hide, async (req, reply) => {
    const actor = requireActor(req);
    const { id } = req.params as { id: string };
    try {
      const entryId = await evals.addServiceEntry(pool, actor, id, { indicatorCode: str(req.body, 'indicatorCode'), service: str(req.body, 'service'), level: str(req.body, 'level') || null });
      return seeOther(reply, `/spbe/evaluasi/${id}/entri/${entryId}`);
    } catch (err) {
      if (err instanceof AppError && err.status < 500 && err.status !== 404 && err.status !== 401 && err.status !== 403) {
        return evaluationView(req, reply, id, { error: errorLines(req.locale, err).join(' '), status: err.status });
      }
      throw err;
    }
  });

  async function entryView(req: FastifyRequest, reply: FastifyReply, evaluationId: string, entryId: string, extra: { values?: Record<string, string>; errors?: Record<string, string | undefined>; notice?: string; status?: number } = {}) {
    const actor = requireActor(req);
    const detail = await evals.getEvaluationDetail(pool, actor, evaluationId);
    const entry = detail.entries.find((x) => x.id === entryId);
    if (!entry) throw new NotFoundError();
    if (!can(actor, 'spbe.evaluation.edit', detail.evaluation)) return seeOther(reply, `/spbe/evaluasi/${evaluationId}`);
    return sendPage(reply, entryPage(req.page(), { detail, entry, values: extra.values, errors: extra.errors, notice: extra.notice }), extra.status ?? 200);
  }
  app.get('/spbe/evaluasi/:id/entri/:entryId', hide, async (req, reply) => {
    const { id, entryId } = req.params as { id: string; entryId: string };
    const q = req.query as { ok?: string };
    return entryView(req, reply, id, entryId, { notice: q.ok ? req.page().t('spbe.entrySaved') : undefined });
  });

  app.post('/spbe/evaluasi/:id/entri/:entryId', hide, async (req, reply) => {
    const actor = requireActor(req);
    const { id, entryId } = req.params as { id: string; entryId: string };
    const values = { level: str(req.body, 'level'), justification: str(req.body, 'justification') };
    try {
      await evals.updateEntry(pool, actor, entryId, { level: values.level || null, justification: values.justification || null });
      return seeOther(reply, `/spbe/evaluasi/${id}/entri/${entryId}?ok=1`);
    } catch (err) {
      return entryView(req, reply, id, entryId, { values, errors: formErrors(req.locale, err), status: 422 });
    }
  });

  app.post('/spbe/evaluasi/:id/entri/:entryId/tautan', hide, async (req, reply) => {
    const actor = requireActor(req);
    const { id, entryId } = req.params as { id: string; entryId: string };
    const values = { label: str(req.body, 'label'), url: str(req.body, 'url') };
    try {
      await evals.addLinkEvidence(pool, actor, entryId, values);
      return seeOther(reply, `/spbe/evaluasi/${id}/entri/${entryId}?ok=1`);
    } catch (err) {
      return entryView(req, reply, id, entryId, { values, errors: formErrors(req.locale, err), status: 422 });
    }
  });

  app.post('/spbe/evaluasi/:id/entri/:entryId/berkas', hide, async (req, reply) => {
    const actor = requireActor(req);
    const { id, entryId } = req.params as { id: string; entryId: string };
    await evals.assertEntryEditable(pool, actor, entryId);
    let saved: { id: string; originalName: string } | null = null;
    try {
      let label = '';
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (!part.filename) { part.file.resume(); continue; }
          saved = await files.save(pool, part.file, { originalName: part.filename, accept: ['pdf', 'image', 'xlsx', 'docx'], createdBy: actor.id, field: 'file' });
        } else if (part.fieldname === 'label') label = String(part.value ?? '');
      }
      if (!saved) throw new ValidationError([{ field: 'file', key: 'spbe.error.fileRequired' }]);
      const { withTransaction } = await import('../../core/db.ts');
      await withTransaction(pool, (tx) => evals.addFileEvidence(tx, actor, entryId, saved!, label || null));
      return seeOther(reply, `/spbe/evaluasi/${id}/entri/${entryId}?ok=1`);
    } catch (err) {
      await files.discard(pool, [saved?.id]);
      return entryView(req, reply, id, entryId, { errors: formErrors(req.locale, err), status: err instanceof AppError ? err.status : 422 });
    }
  });

  app.post('/spbe/evaluasi/:id/entri/:entryId/bukti/:evidenceId/hapus', hide, async (req, reply) => {
    const actor = requireActor(req);
    const { id, entryId, evidenceId } = req.params as { id: string; entryId: string; evidenceId: string };
    await evals.removeEvidence(pool, actor, evidenceId);
    return seeOther(reply, `/spbe/evaluasi/${id}/entri/${entryId}`);
  });

  app.post('/spbe/evaluasi/:id/entri/:entryId/hapus', hide, async (req, reply) => {
    const actor = requireActor(req);
    const { id, entryId } = req.params as { id: string; entryId: string };
    await evals.removeServiceEntry(pool, actor, entryId);
    return seeOther(reply, `/spbe/evaluasi/${id}`);
  });

  app.get('/spbe/bukti/:evidenceId', hide, async (req, reply) => {
    const { fileId } = await evals.evidenceFile(pool, req.actor, (req.params as { evidenceId: string }).evidenceId);
    const f = await files.find(pool, fileId);
    if (!f) throw new NotFoundError();
    const stream = await files.open(f);
    return reply.type(f.mime).header('content-disposition', contentDisposition(f.originalName)).header('x-content-type-options', 'nosniff').send(stream);
  });

  // Recommendations
  async function recsPage(req: FastifyRequest, reply: FastifyReply, extra: { errors?: Record<string, string | undefined>; notice?: string; status?: number } = {}) {
    const fwRow = (await fwRepo.listFrameworks(pool)).find((f) => f.code === 'permenpanrb-5-2018');
    if (!fwRow) throw new NotFoundError();
    const recs = await fwService.recommendationsWithActions(pool, fwRow.id);
    return sendPage(reply, recommendationsPage(req.page(), { fw: fwRow.definition, recs, canAct: can(req.actor, 'spbe.recommendation.act'), errors: extra.errors, notice: extra.notice }), extra.status ?? 200);
  }
  app.get('/spbe/rekomendasi', hide, (req, reply) => recsPage(req, reply));
  app.post('/spbe/rekomendasi/:id/tindakan', hide, async (req, reply) => {
    const actor = requireActor(req);
    try {
      const row = await fwService.addRecommendationAction(pool, actor, (req.params as { id: string }).id, { actionDate: str(req.body, 'actionDate'), description: str(req.body, 'description'), evidenceUrl: str(req.body, 'evidenceUrl') || undefined });
      const rec = await fwRepo.getRecommendation(pool, row.recommendation_id);
      return seeOther(reply, `/spbe/rekomendasi#r-${rec?.entry_label ?? ''}`);
    } catch (err) {
      return recsPage(req, reply, { errors: formErrors(req.locale, err), status: 422 });
    }
  });

  // Roadmap
  app.get('/spbe/peta-rencana', hide, async (req, reply) => {
    const now = new Date();
    return sendPage(reply, roadmapPage(req.page(), { items: await roadmap.listRoadmap(pool, now), now }));
  });
  async function initView(req: FastifyRequest, reply: FastifyReply, code: string, extra: { values?: Record<string, string>; errors?: Record<string, string | undefined>; notice?: string; status?: number } = {}) {
    const item = await roadmap.getInitiative(pool, code, new Date());
    const fwRow = item.framework_code ? await fwRepo.getFrameworkByCode(pool, item.framework_code) : null;
    return sendPage(reply, initiativePage(req.page(), { item, fw: fwRow?.definition ?? null, canUpdate: can(req.actor, 'spbe.initiative.update', { organisationIds: item.organisations.map((o) => o.id) }), values: extra.values, errors: extra.errors, notice: extra.notice }), extra.status ?? 200);
  }
  app.get('/spbe/peta-rencana/:code', hide, async (req, reply) => initView(req, reply, (req.params as { code: string }).code));
  app.post('/spbe/peta-rencana/:code', hide, async (req, reply) => {
    const actor = requireActor(req);
    const { code } = req.params as { code: string };
    const values = { status: str(req.body, 'status'), progress: str(req.body, 'progress'), note: str(req.body, 'note'), evidenceUrl: str(req.body, 'evidenceUrl') };
    try {
      await roadmap.updateInitiative(pool, actor, code, { ...values, note: values.note || undefined, evidenceUrl: values.evidenceUrl || undefined });
      return seeOther(reply, `/spbe/peta-rencana/${code}`);
    } catch (err) {
      return initView(req, reply, code, { values, errors: formErrors(req.locale, err), status: 422 });
    }
  });

  // Applications
  async function orgOptions() {
    return (await appRepo.organisationLookup(pool)).map((o) => ({ slug: o.slug, name: o.name }));
  }
  async function appsPage(req: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: Record<string, string | undefined>; importErrors?: string[]; notice?: string; status?: number } = {}) {
    const q = req.query as Record<string, string | undefined>;
    const filter = { q: (q.q ?? '').slice(0, 100), category: q.category ?? '', owner: q.owner ?? '', status: q.status ?? '' };
    const [rows, byCategory, byOwner, orgs] = await Promise.all([apps.listApplications(pool, filter), apps.countsByCategory(pool), apps.countsByOwner(pool), orgOptions()]);
    return sendPage(reply, applicationsPage(req.page(), {
      rows, byCategory, byOwner, filter, orgs,
      canImport: can(req.actor, 'spbe.application.import'),
      canCreate: !!req.actor && (can(req.actor, 'spbe.application.import') || (req.actor.memberships.length > 0)),
      ...extra,
    }), extra.status ?? 200);
  }
  app.get('/spbe/aplikasi', hide, async (req, reply) => {
    const q = req.query as { imported?: string; updated?: string };
    return appsPage(req, reply, { notice: q.imported !== undefined ? req.page().t('spbe.importDone', { inserted: Number(q.imported) || 0, updated: Number(q.updated) || 0 }) : undefined });
  });
  app.get('/spbe/aplikasi.xlsx', hide, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const buf = await apps.exportApplications(pool, { q: q.q, category: q.category, owner: q.owner, status: q.status });
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', contentDisposition('aplikasi-spbe-ntb.xlsx')).send(buf);
  });
  const appValues = (body: unknown) => Object.fromEntries(['name', 'category', 'scope', 'owner', 'url', 'hostedInDataCentre', 'integratedSimantra', 'status', 'description', 'dataRefs'].map((k) => [k, str(body, k)]));
  app.post('/spbe/aplikasi', hide, async (req, reply) => {
    const actor = requireActor(req);
    const values = appValues(req.body);
    try {
      await apps.saveApplication(pool, actor, null, values);
      return seeOther(reply, `/spbe/aplikasi?q=${encodeURIComponent(values.name)}`);
    } catch (err) {
      return appsPage(req, reply, { values, errors: formErrors(req.locale, err), status: 422 });
    }
  });
  app.post('/spbe/aplikasi/impor', hide, async (req, reply) => {
    const actor = requireActor(req);
    try {
      const { data } = await readSingleFile(req);
      const r = await apps.importApplications(pool, actor, data);
      return seeOther(reply, `/spbe/aplikasi?imported=${r.inserted}&updated=${r.updated}`);
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 403)) throw err;
      return appsPage(req, reply, { importErrors: errorLines(req.locale, err), status: err instanceof AppError ? err.status : 422 });
    }
  });
  async function appEdit(req: FastifyRequest, reply: FastifyReply, id: string, values?: Record<string, string>, errors: Record<string, string | undefined> = {}, status = 200) {
    const a = await apps.getApplication(pool, id);
    if (!a) throw new NotFoundError();
    authorize(requireActor(req), 'spbe.application.manage', { ownerOrganisationId: a.owner_organisation_id });
    const orgs = await orgOptions();
    const slug = (await appRepo.organisationLookup(pool)).find((o) => o.id === a.owner_organisation_id)?.slug ?? '';
    const v = values ?? { name: a.name, category: a.category, scope: a.scope, owner: slug, url: a.url ?? '', hostedInDataCentre: a.hosted_in_data_centre === null ? '' : a.hosted_in_data_centre ? 'ya' : 'tidak', integratedSimantra: a.integrated_simantra === null ? '' : a.integrated_simantra ? 'ya' : 'tidak', status: a.status, description: a.description ?? '', dataRefs: (a.data_refs ?? []).join('\n') };
    return sendPage(reply, applicationEditPage(req.page(), { app: a, values: v, errors, orgs }), status);
  }
  app.get('/spbe/aplikasi/:id', hide, async (req, reply) => appEdit(req, reply, (req.params as { id: string }).id));
  app.post('/spbe/aplikasi/:id', hide, async (req, reply) => {
    const actor = requireActor(req);
    const { id } = req.params as { id: string };
    const values = appValues(req.body);
    try {
      await apps.saveApplication(pool, actor, id, values);
      return seeOther(reply, `/spbe/aplikasi?q=${encodeURIComponent(values.name)}`);
    } catch (err) {
      return appEdit(req, reply, id, values, formErrors(req.locale, err), 422);
    }
  });

  // Architecture
  app.get('/spbe/arsitektur', hide, async (req, reply) => {
    const q = String((req.query as { q?: string }).q ?? '').trim().slice(0, 200);
    const tree = await arch.processTree(pool);
    const search = q ? await arch.searchProcesses(pool, q) : null;
    return sendPage(reply, architecturePage(req.page(), { tree, q, codes: search?.codes ?? null, hitCount: search?.hits.length ?? 0 }));
  });
  app.get('/spbe/arsitektur/:code', hide, async (req, reply) => {
    const code = (req.params as { code: string }).code;
    const node = await arch.processDetail(pool, code);
    const parent = node.parent_code ? await arch.processDetail(pool, node.parent_code) : null;
    return sendPage(reply, processPage(req.page(), { node, parent, canLink: can(req.actor, 'spbe.architecture.link') }));
  });
  app.post('/spbe/arsitektur/entitas/:id', hide, async (req, reply) => {
    const actor = requireActor(req);
    const { id } = req.params as { id: string };
    await arch.linkDataEntity(pool, actor, id, str(req.body, 'dataRef') || null);
    const { getDataEntity } = await import('./architecture.repo.ts');
    const e = await getDataEntity(pool, id);
    return seeOther(reply, `/spbe/arsitektur/${e?.process_code ?? ''}`);
  });

  // Frameworks
  async function fwList(req: FastifyRequest, reply: FastifyReply, extra: { errors?: string[]; notice?: string; status?: number } = {}) {
    return sendPage(reply, frameworksPage(req.page(), { rows: await fwRepo.listFrameworks(pool), canImport: can(req.actor, 'spbe.framework.import'), ...extra }), extra.status ?? 200);
  }
  app.get('/spbe/kerangka', hide, async (req, reply) => {
    const q = req.query as { imported?: string };
    return fwList(req, reply, { notice: q.imported ? req.page().t('spbe.frameworkImported', { code: q.imported }) : undefined });
  });
  app.post('/spbe/kerangka/impor', hide, async (req, reply) => {
    const actor = requireActor(req);
    try {
      const { filename, data } = await readSingleFile(req);
      const isXlsx = /\.xlsx$/i.test(filename) || data.subarray(0, 2).toString() === 'PK';
      const row = await fwService.importFramework(pool, actor, { format: isXlsx ? 'xlsx' : 'json', data: isXlsx ? data : data.toString('utf8') });
      return seeOther(reply, `/spbe/kerangka?imported=${encodeURIComponent(row.code)}`);
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 403)) throw err;
      return fwList(req, reply, { errors: errorLines(req.locale, err), status: err instanceof AppError ? err.status : 422 });
    }
  });
  app.get('/spbe/kerangka/:id', hide, async (req, reply) => {
    const raw = (req.params as { id: string }).id;
    const m = /^(.*)\.(json|xlsx)$/.exec(raw);
    const row = await fwRepo.getFramework(pool, m ? m[1] : raw);
    if (!row) throw new NotFoundError();
    if (m?.[2] === 'json') return reply.type('application/json').header('content-disposition', contentDisposition(`${row.code}.json`)).send(JSON.stringify(row.definition, null, 2));
    if (m?.[2] === 'xlsx') return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', contentDisposition(`${row.code}.xlsx`)).send(await frameworkToXlsx(row.definition));
    return sendPage(reply, frameworkPage(req.page(), { row }));
  });

}
