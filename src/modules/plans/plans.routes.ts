/** Public pages and forms of Rencana Aksi under /rencana-aksi. Thin: parse → service → present. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../../core/views/html.ts';
import { layout, type PageContext } from '../../core/views/layout.ts';
import { alert, badge, button, card, checkbox, errorSummary, figure, form, input, linkButton, select, table, textarea, type FieldErrors } from '../../core/views/components.ts';
import { sendPage, seeOther, contentDisposition } from '../../core/http/reply.ts';
import { requireActor } from '../../core/http/request-context.ts';
import { formErrors, str } from '../../core/web/forms.ts';
import { can } from '../../core/policy.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { formatDate, formatNumber } from '../../core/i18n/i18n.ts';
import {
  COCREATION_METHODS, COMMENTABLE_FIELDS, DRAFT_AUTHOR_GROUPS, DRAFT_STAGES, IRM_COMPLETION, IRM_EARLY_RESULTS, IRM_POTENTIAL,
  MILESTONE_STATUSES, OGP_VALUES, RESPONSE_OUTCOMES, emptyCommitment, nextStage, overLimitFields,
  type CommitmentInput, type DraftStage,
} from './commitment.schema.ts';
import { diffVersions } from './draft-diff.ts';
import { suggestedCompletion, timelineBar } from './progress.ts';
import * as svc from './plans.service.ts';
import * as repo from './plans.repo.ts';
import { commitmentForm, parseCommitmentForm } from './commitment-form.ts';
import { commentItem, commitmentSections, month, para, progressBar, renderFieldDiff, stageBadge, statusBadge, type OrgMap } from './views/render.ts';
import { commitmentDocx, commitmentPdf, toCsv, type ExportCommitment } from './plans.export.ts';
import { liveState } from './evidence-live.ts';

const STYLES = ['/assets/css/plans.css'];
const BASE = '/rencana-aksi';

/** "Now" for pages; one place so tests can reason about it. */
const now = () => new Date();

function fieldLabelKey(f: string): string {
  return f === 'startMonth' || f === 'endMonth' ? 'plans.field.timeframe' : `plans.field.${f}`;
}

export async function plansRoutes(app: FastifyInstance) {
  const { pool, config, files } = app.ctx;

  // ------------------------------------------------------------ list of plans
  app.get(BASE, { schema: { hide: true } }, async (req, reply) => {
    const ctx = req.page();
    const plans = await svc.listPlans(pool, now());
    return sendPage(reply, layout(ctx, {
      title: ctx.t('plans.nav'), styles: STYLES, breadcrumbs: [{ label: ctx.t('plans.nav') }],
      body: html`<h1>${ctx.t('plans.ui.title')}</h1><p class="lead">${ctx.t('plans.ui.intro')}</p>
        ${can(req.actor, 'plans.manage.view') ? html`<p>${linkButton(`${BASE}/kelola`, ctx.t('plans.ui.manage'))}</p>` : ''}
        <div class="cards">${plans.map((p) => card({
          title: ctx.locale === 'en' && p.title_en ? p.title_en : p.title, href: `${BASE}/${p.slug}`,
          body: html`<p>${month(ctx, p.start_month)} – ${month(ctx, p.end_month)} · ${ctx.t('plans.ui.commitmentsCount', { n: p.progress.commitments })}</p>${progressBar(ctx, p.progress)}`,
        }))}</div>
        ${plans.length ? '' : html`<p class="empty">${ctx.t('plans.ui.noPlans')}</p>`}`,
    }));
  });

  // ------------------------------------------------------------ management dashboard
  app.get(`${BASE}/kelola`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const ctx = req.page();
    const q = await svc.moderationQueue(pool, actor, now());
    const link = (c: repo.CommentRow) => `${BASE}/${c.plan_slug}/${c.commitment_slug}#k-${c.id}`;
    return sendPage(reply, layout(ctx, {
      title: ctx.t('plans.ui.manage'), styles: STYLES, breadcrumbs: [{ href: BASE, label: ctx.t('plans.nav') }, { label: ctx.t('plans.ui.manage') }],
      body: html`<h1>${ctx.t('plans.ui.manage')}</h1>
        <h2>${ctx.t('plans.ui.moderationQueue')} (${q.pending.length})</h2>
        ${q.pending.length ? q.pending.map((c) => html`<div class="plans-queue-item">${commentItem(ctx, c, [], { showField: true })}
          <p><a href="${link(c)}">${c.commitment_title}</a></p>${moderationForms(ctx, c)}</div>`) : html`<p class="empty">${ctx.t('plans.ui.queueEmpty')}</p>`}
        <h2>${ctx.t('plans.ui.awaitingResponse')} (${q.unanswered.length})</h2>
        ${q.unanswered.length ? html`<ul>${q.unanswered.map((c) => html`<li><a href="${link(c)}">${c.commitment_title}</a> — ${c.author_name}: ${c.body.slice(0, 120)}</li>`)}</ul>` : html`<p class="empty">${ctx.t('plans.ui.noneAwaiting')}</p>`}`,
    }));
  });

  function moderationForms(ctx: PageContext, c: repo.CommentRow): SafeHtml {
    return html`<div class="plans-actions">
      ${form(ctx, { action: `${BASE}/komentar/${c.id}/moderasi`, body: html`<input type="hidden" name="decision" value="publish">${button(ctx.t('plans.ui.publish'))}` })}
      ${form(ctx, { action: `${BASE}/komentar/${c.id}/moderasi`, body: html`<input type="hidden" name="decision" value="reject">${input({ name: 'note', id: `f-note-${c.id}`, label: ctx.t('plans.ui.rejectReason') })}${button(ctx.t('plans.ui.reject'), { variant: 'danger' })}` })}
    </div>`;
  }

  // ------------------------------------------------------------ e-mail verification of a comment
  app.get(`${BASE}/komentar/verifikasi/:token`, { schema: { hide: true } }, async (req, reply) => {
    const ctx = req.page();
    const r = await svc.verifyComment(pool, String((req.params as any).token), config.baseUrl);
    const c = await repo.findCommentById(pool, r.id);
    return sendPage(reply, layout(ctx, {
      title: ctx.t('plans.ui.verified'), styles: STYLES,
      body: html`<h1>${ctx.t('plans.ui.verified')}</h1>${alert(ctx.t('plans.ui.verifiedBody'), 'success')}
        ${c ? html`<p><a href="${BASE}/${c.plan_slug}/${c.commitment_slug}">${c.commitment_title}</a></p>` : ''}`,
    }));
  });

  // ------------------------------------------------------------ plan page
  app.get(`${BASE}/:plan`, { schema: { hide: true } }, async (req, reply) => planPage(req, reply));

  async function planPage(req: FastifyRequest, reply: FastifyReply, errors: FieldErrors = {}, status = 200) {
    const ctx = req.page();
    const slug = String((req.params as any).plan);
    const v = await svc.getPlan(pool, slug, now());
    const p = v.plan;
    const orgs = (await repo.allOrganisations(pool));
    const orgName = (s: string) => orgs.find((o) => o.slug === s)?.name ?? s;
    const allMs = v.commitments.flatMap((c) => c.milestones.map((m) => ({ ...m, c: c.commitment })));
    const withDates = allMs.filter((m) => m.start_month && m.end_month);
    const canEvent = can(req.actor, 'plans.event.log');
    const canWg = can(req.actor, 'plans.workingGroup.manage');
    const title = ctx.locale === 'en' && p.title_en ? p.title_en : p.title;
    return sendPage(reply, layout(ctx, {
      title, styles: STYLES, wide: true, breadcrumbs: [{ href: BASE, label: ctx.t('plans.nav') }, { label: title }],
      body: html`<h1>${title}</h1>
        <p>${month(ctx, p.start_month)} – ${month(ctx, p.end_month)} · ${ctx.t(`plans.programme.${p.programme}`)}</p>
        ${para(ctx.locale === 'en' && p.description_en ? p.description_en : p.description)}
        ${progressBar(ctx, v.progress)}
        <p class="plans-exports">${ctx.t('plans.ui.exports')}: <a href="${BASE}/${p.slug}/ekspor.json">JSON</a> · <a href="${BASE}/${p.slug}/tonggak.csv">CSV (${ctx.t('plans.field.milestones')})</a> · <a href="/api/docs">API</a></p>
        ${can(req.actor, 'plans.commitment.create') ? html`<p>${linkButton(`${BASE}/${p.slug}/komitmen-baru`, ctx.t('plans.ui.newCommitment'), 'primary')}</p>` : ''}
        <h2>${ctx.t('plans.ui.commitments')}</h2>
        <div class="cards">${v.commitments.map(({ commitment: c, progress }) => card({
          title: html`${c.number}. ${c.title}`, href: `${BASE}/${p.slug}/${c.slug}`,
          body: html`<p>${stageBadge(ctx, c.stage)}</p>${progressBar(ctx, progress)}`,
        }))}</div>
        <h2 id="linimasa">${ctx.t('plans.ui.timeline')}</h2>
        ${withDates.length ? html`<div class="plans-timeline" role="list">${withDates.map((m) => {
          const bar = timelineBar(m.start_month!, m.end_month!, p.start_month, p.end_month);
          const x = (bar.left * 100).toFixed(2);
          const w = Math.max(bar.width * 100, 0.8).toFixed(2);
          return html`<div class="plans-tl-row" role="listitem"><span class="plans-tl-label"><a href="${BASE}/${p.slug}/${m.c.slug}#m-${m.key}">${m.c.number}.${m.position}</a> ${m.output}</span>
            <svg class="plans-tl-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true"><rect x="0" y="0" width="100" height="6" class="plans-tl-bg"/><rect x="${x}" y="0" width="${w}" height="6" class="plans-tl-${m.progress.overdue ? 'overdue' : m.status ?? 'unstated'}"/></svg>
            <span class="plans-tl-meta">${month(ctx, m.start_month)} – ${month(ctx, m.end_month)} ${statusBadge(ctx, m.status)}${m.progress.overdue ? html` ${badge(ctx.t('plans.progress.overdue', { days: m.progress.daysOverdue }), 'danger')}` : ''}</span></div>`;
        })}</div>` : html`<p class="empty">—</p>`}
        <h2>${ctx.t('plans.ui.forum')}</h2>
        ${v.forum.length ? html`<ul>${v.forum.map((f) => html`<li>${f.name} — ${ctx.t(`plans.forumPart.${f.part}`)}</li>`)}</ul>` : html`<p class="empty">—</p>`}
        <h2>${ctx.t('plans.ui.workingGroups')}</h2>
        ${v.workingGroups.length ? v.workingGroups.map((g) => html`<h3>${g.name}</h3>${g.theme ? html`<p>${g.theme}</p>` : ''}<ul>${g.members.map((m) => html`<li>${m.organisation_name}${m.member_role ? ` — ${m.member_role}` : ''}</li>`)}</ul>`) : html`<p class="empty">${ctx.t('plans.ui.noWorkingGroups')}</p>`}
        ${canWg ? html`<details class="plans-details"><summary>${ctx.t('plans.ui.newWorkingGroup')}</summary>${form(ctx, { action: `${BASE}/${p.slug}/kelompok-kerja`, novalidate: true, body: html`
          ${errors.name ? errorSummary(ctx, errors) : ''}
          ${input({ name: 'name', label: ctx.t('plans.ui.wgName'), required: true, error: errors.name })}
          ${input({ name: 'theme', label: ctx.t('plans.ui.wgTheme') })}
          ${select({ name: 'members', label: ctx.t('plans.ui.wgMembers'), options: orgs.map((o) => ({ value: o.slug, label: o.name })), multiple: true })}
          ${select({ name: 'commitmentIds', label: ctx.t('plans.ui.commitments'), options: v.commitments.map((c) => ({ value: c.commitment.id, label: `${c.commitment.number}. ${c.commitment.title}` })), multiple: true })}
          ${button(ctx.t('action.add'))}` })}</details>` : ''}
        <h2>${ctx.t('plans.ui.events')}</h2>
        ${table({ columns: [
          { label: ctx.t('plans.ui.eventDate'), cell: (e: any) => formatDate(ctx.locale, e.held_on) },
          { label: ctx.t('plans.ui.eventMethod'), cell: (e: any) => ctx.t(`plans.method.${e.method}`) },
          { label: ctx.t('plans.ui.eventTitle'), cell: (e: any) => e.title },
          { label: ctx.t('plans.ui.eventOrgs'), cell: (e: any) => e.organisations.map(orgName).join('; ') },
          { label: ctx.t('plans.ui.eventParticipants'), cell: (e: any) => e.participants ?? '—', numeric: true },
          { label: ctx.t('plans.ui.eventOutcomes'), cell: (e: any) => html`${e.outcomes}${e.minutes_file_id ? html` <a href="${BASE}/kegiatan/${e.id}/notulen">${ctx.t('plans.ui.minutes')}</a>` : ''}` },
        ], rows: v.events, empty: ctx.t('plans.ui.noEvents') })}
        ${canEvent ? html`<details class="plans-details"${Object.keys(errors).length && !errors.name ? html` open` : ''}><summary>${ctx.t('plans.ui.logEvent')}</summary>${form(ctx, { action: `${BASE}/${p.slug}/kegiatan`, multipart: true, novalidate: true, body: html`
          ${errors.name ? '' : errorSummary(ctx, errors)}
          ${select({ name: 'method', label: ctx.t('plans.ui.eventMethod'), options: COCREATION_METHODS.map((m) => ({ value: m, label: ctx.t(`plans.method.${m}`) })), required: true, error: errors.method })}
          ${input({ name: 'heldOn', type: 'date', label: ctx.t('plans.ui.eventDate'), required: true, error: errors.heldOn })}
          ${input({ name: 'title', label: ctx.t('plans.ui.eventTitle'), required: true, error: errors.title })}
          ${select({ name: 'commitmentId', label: ctx.t('plans.ui.commitment'), options: v.commitments.map((c) => ({ value: c.commitment.id, label: `${c.commitment.number}. ${c.commitment.title}` })), placeholder: '—' })}
          ${select({ name: 'organisations', label: ctx.t('plans.ui.eventOrgs'), options: orgs.map((o) => ({ value: o.slug, label: o.name })), multiple: true, error: errors.organisations })}
          ${input({ name: 'participants', type: 'number', min: 0, label: ctx.t('plans.ui.eventParticipants'), error: errors.participants })}
          ${textarea({ name: 'outcomes', label: ctx.t('plans.ui.eventOutcomes'), rows: 3, error: errors.outcomes })}
          ${input({ name: 'minutes', type: 'file', label: ctx.t('plans.ui.minutes'), accept: '.pdf,.docx,image/*', error: errors.minutes })}
          ${button(ctx.t('action.add'))}` })}</details>` : ''}`,
    }), status);
  }

  app.get(`${BASE}/:plan/ekspor.json`, { schema: { hide: true } }, async (req, reply) => {
    const v = await svc.getPlan(pool, String((req.params as any).plan), now());
    const out = await planExport(v);
    return reply.header('content-disposition', contentDisposition(`${v.plan.slug}.json`)).type('application/json; charset=utf-8').send(JSON.stringify(out, null, 2));
  });

  app.get(`${BASE}/:plan/tonggak.csv`, { schema: { hide: true } }, async (req, reply) => {
    const v = await svc.getPlan(pool, String((req.params as any).plan), now());
    const rows = v.commitments.flatMap(({ commitment: c, milestones }) => milestones.map((m) => [
      v.plan.slug, c.number, c.slug, c.title, m.position, m.key, m.output, m.start_month, m.end_month, m.responsible.join(';'), m.responsible_note, m.contact_roles.join('; '), m.status ?? '', m.reported_percent, m.progress.overdue ? 'yes' : 'no', m.progress.daysOverdue,
    ]));
    const csv = toCsv(['plan', 'commitment_number', 'commitment_slug', 'commitment_title', 'milestone_number', 'milestone_key', 'output', 'start_month', 'end_month', 'responsible', 'responsible_unit', 'contact_roles', 'status', 'reported_percent', 'overdue', 'days_overdue'], rows);
    return reply.header('content-disposition', contentDisposition(`${v.plan.slug}-tonggak.csv`)).type('text/csv; charset=utf-8').send(csv);
  });

  // ------------------------------------------------------------ working groups, events (forms)
  app.post(`${BASE}/:plan/kelompok-kerja`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const b = req.body as Record<string, unknown>;
    const plan = String((req.params as any).plan);
    const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v ? [String(v)] : []);
    try {
      await svc.createWorkingGroup(pool, actor, plan, { name: str(b, 'name'), theme: str(b, 'theme'), members: list(b.members).map((o) => ({ organisation: o })), commitmentIds: list(b.commitmentIds) });
      return seeOther(reply, `${BASE}/${plan}`);
    } catch (err) {
      return planPage(req, reply, formErrors(req.locale, err), 422);
    }
  });

  app.post(`${BASE}/:plan/kegiatan`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const plan = String((req.params as any).plan);
    let saved: Record<string, string> = {};
    try {
      const { fields, fileIds } = await readMultipart(req, actor.id, ['pdf', 'docx', 'image']);
      saved = fileIds;
      const list = (k: string) => fields.getAll(k).filter(Boolean);
      await svc.logEvent(pool, actor, plan, {
        method: fields.get('method') ?? '', heldOn: fields.get('heldOn') ?? '', title: fields.get('title') ?? '', organisations: list('organisations'),
        participants: fields.get('participants') ?? null, outcomes: fields.get('outcomes') ?? '', commitmentId: fields.get('commitmentId') || null, minutesFileId: fileIds.minutes ?? null,
      });
      return seeOther(reply, `${BASE}/${plan}`);
    } catch (err) {
      await files.discard(pool, Object.values(saved));
      return planPage(req, reply, formErrors(req.locale, err), 422);
    }
  });

  app.get(`${BASE}/kegiatan/:id/notulen`, { schema: { hide: true } }, async (req, reply) => {
    const fileId = await repo.eventMinutesFile(pool, String((req.params as any).id));
    return sendFile(reply, fileId);
  });
  app.get(`${BASE}/bukti/:id`, { schema: { hide: true } }, async (req, reply) => {
    const e = await repo.findEvidenceFile(pool, String((req.params as any).id));
    return sendFile(reply, e?.file_id ?? null);
  });

  async function sendFile(reply: FastifyReply, fileId: string | null) {
    const f = fileId ? await files.find(pool, fileId) : null;
    if (!f) throw new NotFoundError();
    return reply.type(f.mime).header('content-disposition', contentDisposition(f.originalName)).header('x-content-type-options', 'nosniff').send(await files.open(f));
  }

  /**
   * Reads a multipart form: fields (repeatable) and uploaded files saved through the file service (a file
   * refused part-way discards those saved before it; the caller discards them when the form is refused).
   */
  async function readMultipart(req: FastifyRequest, userId: string, accept: string[]) {
    const fields = new Map<string, string[]>();
    const fileIds: Record<string, string> = {};
    if (req.isMultipart()) {
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            if (!part.filename) { await part.toBuffer(); continue; }
            const stored = await files.save(pool, part.file, { originalName: part.filename, accept, createdBy: userId, field: part.fieldname });
            fileIds[part.fieldname] = stored.id;
          } else {
            fields.set(part.fieldname, [...(fields.get(part.fieldname) ?? []), String(part.value)]);
          }
        }
      } catch (err) {
        await files.discard(pool, Object.values(fileIds));
        throw err;
      }
    } else {
      for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>)) fields.set(k, Array.isArray(v) ? v.map(String) : [String(v)]);
    }
    return { fields: { get: (k: string) => fields.get(k)?.[0], getAll: (k: string) => fields.get(k) ?? [] }, fileIds };
  }

  // ------------------------------------------------------------ new commitment
  app.get(`${BASE}/:plan/komitmen-baru`, { schema: { hide: true } }, async (req, reply) => newCommitmentPage(req, reply, emptyCommitment(), {}));
  async function newCommitmentPage(req: FastifyRequest, reply: FastifyReply, values: CommitmentInput, errors: FieldErrors, status = 200) {
    const actor = requireActor(req);
    const ctx = req.page();
    const plan = await repo.findPlanBySlug(pool, String((req.params as any).plan));
    if (!plan) throw new NotFoundError();
    if (!can(actor, 'plans.commitment.create')) throw new NotFoundError();
    return sendPage(reply, layout(ctx, {
      title: ctx.t('plans.ui.newCommitment'), styles: STYLES,
      breadcrumbs: [{ href: BASE, label: ctx.t('plans.nav') }, { href: `${BASE}/${plan.slug}`, label: plan.title }, { label: ctx.t('plans.ui.newCommitment') }],
      body: html`<h1>${ctx.t('plans.ui.newCommitment')}</h1>${commitmentForm(ctx, {
        action: `${BASE}/${plan.slug}/komitmen`, values, errors, organisations: await repo.allOrganisations(pool), submitLabel: ctx.t('action.save'),
        extra: input({ name: 'slug', label: ctx.t('plans.ui.slug'), hint: ctx.t('plans.ui.slugHint'), error: errors.slug }),
      })}`,
    }), status);
  }
  app.post(`${BASE}/:plan/komitmen`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const b = req.body as Record<string, unknown>;
    const input = parseCommitmentForm(b);
    try {
      const c = await svc.createCommitment(pool, actor, String((req.params as any).plan), { slug: str(b, 'slug') || undefined, content: input });
      return seeOther(reply, `${BASE}/${c.plan_slug}/${c.slug}`);
    } catch (err) {
      return newCommitmentPage(req, reply, { ...emptyCommitment(), ...input } as CommitmentInput, formErrors(req.locale, err), 422);
    }
  });

  // ------------------------------------------------------------ commitment page
  app.get(`${BASE}/:plan/:c`, { schema: { hide: true } }, async (req, reply) => commitmentPage(req, reply));

  async function commitmentPage(req: FastifyRequest, reply: FastifyReply, errors: FieldErrors = {}, status = 200, formValues: Record<string, string> = {}) {
    const ctx = req.page();
    const { plan: planSlug, c: slug } = req.params as { plan: string; c: string };
    const v = await svc.getCommitment(pool, req.actor, planSlug, slug, now());
    const c = v.commitment;
    const url = `${BASE}/${planSlug}/${slug}`;
    const open = v.consultations.find((k) => k.state === 'open');
    const moderator = can(req.actor, 'plans.comment.moderate');
    const responder = can(req.actor, 'plans.comment.respond');
    const editor = can(req.actor, 'plans.commitment.edit', c);
    const published = v.comments.filter((k) => k.status === 'published');
    const replies = (id: string) => published.filter((k) => k.parent_id === id);
    const consultationOf = new Map(v.consultations.map((k) => [k.id, k]));
    const requestedField = String((req.query as any)?.bagian ?? formValues.field ?? '');
    const overLimit = new Set(overLimitFields(v.content).map((e) => e.field));

    const responseForm = (k: repo.CommentRow) => responder && !k.parent_id && consultationOf.get(k.consultation_id)?.state === 'closed'
      ? html`<details class="plans-details"${!k.response_outcome ? html` open` : ''}><summary>${k.response_outcome ? ctx.t('plans.ui.editResponse') : ctx.t('plans.ui.respond')}</summary>${form(ctx, { action: `${BASE}/komentar/${k.id}/tanggapan`, novalidate: true, body: html`
          ${select({ name: 'outcome', id: `f-outcome-${k.id}`, label: ctx.t('plans.ui.outcome'), options: RESPONSE_OUTCOMES.map((o) => ({ value: o, label: ctx.t(`plans.response.${o}`) })), value: k.response_outcome ?? '', required: true })}
          ${textarea({ name: 'reason', id: `f-reason-${k.id}`, label: ctx.t('plans.ui.reason'), value: k.response_reason ?? '', rows: 3, required: true })}
          ${select({ name: 'landed', id: `f-landed-${k.id}`, label: ctx.t('plans.ui.landedVersion'), options: [{ value: 'next', label: ctx.t('plans.ui.nextVersion') }, ...v.versions.map((x) => ({ value: String(x.seq), label: ctx.t(`plans.stage.${x.stage}`) }))], value: k.response_landed_seq ? String(k.response_landed_seq) : 'next' })}
          ${button(ctx.t('action.save'))}` })}</details>` : '';
    const replyForm = (k: repo.CommentRow) => open && !k.parent_id && k.consultation_id === open.id
      ? html`<details class="plans-details"><summary>${ctx.t('plans.ui.reply')}</summary>${commentForm(ctx, open.id, k.field, k.id, {}, {})}</details>` : '';
    const commentsFor = (field: string | null) => published.filter((k) => !k.parent_id && (k.field ?? null) === field);
    const listComments = (list: repo.CommentRow[]) => list.map((k) => commentItem(ctx, k, replies(k.id), { replyForm, responseForm }));

    const extra = (field: keyof CommitmentInput) => {
      const list = field === 'endMonth' ? [] : commentsFor(field);
      const both = field === 'startMonth' ? [...list, ...commentsFor('endMonth')] : list;
      return html`${overLimit.has(field) ? html`<p class="plans-overlimit">${badge(ctx.t('plans.ui.overLimit'), 'warning')}</p>` : ''}
        ${both.length ? html`<div class="plans-field-comments"><h3 class="plans-h-small">${ctx.t('plans.ui.commentsOnField', { n: both.length })}</h3>${listComments(both)}</div>` : ''}
        ${open ? html`<p class="plans-comment-link"><a href="?bagian=${field}#komentar">${ctx.t('plans.ui.commentOnField')}</a></p>` : ''}`;
    };

    const versionOptions = v.versions.map((x) => ({ value: String(x.seq), label: `${ctx.t(`plans.stage.${x.stage}`)} — ${formatDate(ctx.locale, x.created_at)}` }));
    const lastTwo = v.versions.slice(-2);
    const next = nextStage((c.stage ?? 'draft_1') as DraftStage);
    const issueStages = DRAFT_STAGES.filter((s) => !c.stage || DRAFT_STAGES.indexOf(s) > DRAFT_STAGES.indexOf(c.stage as DraftStage)).filter((s) => can(req.actor, 'plans.version.issue', { stage: s }));
    const pending = moderator ? v.comments.filter((k) => k.status === 'pending') : [];
    const latestAssessment = v.assessments[0];
    const live = new Map<string, Awaited<ReturnType<typeof liveState>>>();
    for (const m of v.milestones) for (const e of m.evidence) if (e.kind === 'internal' && e.url) live.set(e.id, await liveState(app, e.url));

    return sendPage(reply, layout(ctx, {
      title: c.title, styles: STYLES,
      breadcrumbs: [{ href: BASE, label: ctx.t('plans.nav') }, { href: `${BASE}/${planSlug}`, label: v.plan.title }, { label: `${ctx.t('plans.ui.commitmentNo', { n: c.number })}` }],
      body: html`<p class="muted">${v.plan.title} · ${ctx.t('plans.ui.commitmentNo', { n: c.number })}</p>
        <h1>${c.title}</h1>
        <p>${stageBadge(ctx, c.stage)} ${open ? badge(ctx.t('plans.ui.consultationOpen'), 'warning') : ''}</p>
        ${progressBar(ctx, v.progress)}
        <nav class="plans-toc" aria-label="${ctx.t('plans.ui.onThisPage')}"><a href="#s-title">${ctx.t('plans.ui.template')}</a> · <a href="#s-milestones">${ctx.t('plans.field.milestones')}</a> · <a href="#versi">${ctx.t('plans.ui.versions')}</a> · <a href="#konsultasi">${ctx.t('plans.ui.consultation')}</a> · <a href="#penilaian">${ctx.t('plans.ui.assessment')}</a></nav>
        <p class="plans-exports">${ctx.t('plans.ui.exports')}: <a href="${url}/ekspor.pdf">PDF</a> · <a href="${url}/ekspor.docx">DOCX</a> · <a href="${url}/ekspor.json">JSON</a></p>
        ${editor ? html`<p class="plans-actions">${linkButton(`${url}/ubah`, ctx.t('plans.ui.edit'))}</p>` : ''}
        ${errors._ ? alert(errors._, 'danger') : ''}

        ${open ? html`<div class="plans-consultation-banner">${alert(html`${ctx.t('plans.ui.consultationOpenOn', { stage: ctx.t(`plans.stage.${open.version_stage}`), until: formatDate(ctx.locale, open.closes_at, true) })} <a href="#komentar">${ctx.t('plans.ui.giveInput')}</a>`, 'warning', ctx.t('plans.ui.consultationOpen'))}</div>` : ''}

        ${commitmentSections(ctx, v.content, v.organisations as OrgMap, extra)}

        <section class="plans-section" id="s-milestones"><h2><span class="plans-secno">17.</span> ${ctx.t('plans.field.milestones')}</h2>
        ${v.milestones.map((m) => html`<article class="plans-milestone" id="m-${m.key}">
          <h3>${m.position}. ${m.output}</h3>
          <p>${statusBadge(ctx, m.status)} ${m.progress.overdue ? badge(ctx.t('plans.progress.overdue', { days: m.progress.daysOverdue }), 'danger') : ''} ${m.progress.lateStart ? badge(ctx.t('plans.progress.lateStart'), 'warning') : ''} ${m.reported_percent !== null ? html`<span>${m.reported_percent}%</span>` : ''}</p>
          <dl class="plans-dl">
            <dt>${ctx.t('plans.ui.period')}</dt><dd>${month(ctx, m.start_month)} – ${month(ctx, m.end_month)}</dd>
            <dt>${ctx.t('plans.field.responsible')}</dt><dd>${m.responsible_note || m.responsible.map((s) => v.organisations.get(s)?.name ?? s).join('; ')}</dd>
            <dt>${ctx.t('plans.field.contactRoles')}</dt><dd>${m.contact_roles.length ? html`<ul class="plans-plain">${m.contact_roles.map((r) => html`<li>${r}</li>`)}</ul>` : '—'}</dd>
          </dl>
          ${m.updates.length ? html`<h4>${ctx.t('plans.ui.updates')}</h4><ol class="plans-updates">${m.updates.map((u) => html`<li><strong>${formatDate(ctx.locale, u.reported_on)}</strong> ${statusBadge(ctx, u.status)}${u.percent !== null ? ` ${u.percent}%` : ''} ${u.note ? html`— ${u.note}` : ''}</li>`)}</ol>` : ''}
          ${m.evidence.length ? html`<h4>${ctx.t('plans.ui.evidence')}</h4><ul class="plans-evidence">${m.evidence.map((e) => {
            if (e.kind === 'file') return html`<li><a href="${BASE}/bukti/${e.id}">${e.title}</a> <span class="muted">(${e.file_name})</span></li>`;
            if (e.kind === 'link') return html`<li><a href="${e.url}" rel="noopener nofollow">${e.title}</a> <span class="muted">${ctx.t('plans.ui.externalLink')}</span></li>`;
            const ls = live.get(e.id) ?? { ok: false };
            return html`<li><a href="${e.url}">${e.title}</a> ${badge(ctx.t(`plans.evidenceType.${e.internal_type ?? 'other'}`), 'info')}
              ${ls.ok ? html`<span class="plans-live">${ctx.t('plans.ui.liveState')}: ${[ls.title, ls.state, ls.updated ? formatDate(ctx.locale, ls.updated) : ''].filter(Boolean).join(' · ')}</span>` : html`<span class="plans-live muted">${ctx.t('plans.ui.liveUnavailable')}</span>`}</li>`;
          })}</ul>` : ''}
          ${can(req.actor, 'plans.milestone.report', { responsibleOrgIds: (req.actor?.memberships ?? []).filter((x) => m.responsible.includes(x.organisationSlug)).map((x) => x.organisationId) }) ? html`<details class="plans-details"><summary>${ctx.t('plans.ui.reportProgress')}</summary>${form(ctx, { action: `${BASE}/tonggak/${m.id}/laporan`, multipart: true, novalidate: true, body: html`
            ${select({ name: 'status', id: `f-status-${m.id}`, label: ctx.t('plans.field.status'), value: m.status ?? '', options: MILESTONE_STATUSES.map((s) => ({ value: s, label: ctx.t(`plans.status.${s}`) })), required: true })}
            ${input({ name: 'percent', id: `f-percent-${m.id}`, type: 'number', min: 0, max: 100, label: ctx.t('plans.ui.percent') })}
            ${input({ name: 'reportedOn', id: `f-reportedOn-${m.id}`, type: 'date', label: ctx.t('plans.ui.reportedOn') })}
            ${textarea({ name: 'note', id: `f-unote-${m.id}`, label: ctx.t('plans.ui.updateNote'), rows: 2 })}
            <fieldset class="plans-fieldset"><legend>${ctx.t('plans.ui.evidence')}</legend>
              ${input({ name: 'evidenceTitle', id: `f-etitle-${m.id}`, label: ctx.t('plans.ui.evidenceTitle') })}
              ${select({ name: 'evidenceKind', id: `f-ekind-${m.id}`, label: ctx.t('plans.ui.evidenceKind'), options: ['file', 'link', 'internal'].map((k) => ({ value: k, label: ctx.t(`plans.evidenceKind.${k}`) })), placeholder: '—' })}
              ${input({ name: 'evidenceFile', id: `f-efile-${m.id}`, type: 'file', label: ctx.t('plans.evidenceKind.file'), accept: '.pdf,.docx,.xlsx,.csv,image/*' })}
              ${input({ name: 'evidenceUrl', id: `f-eurl-${m.id}`, label: ctx.t('plans.ui.evidenceUrl'), hint: ctx.t('plans.ui.evidenceUrlHint') })}
              ${select({ name: 'internalType', id: `f-eitype-${m.id}`, label: ctx.t('plans.ui.internalType'), options: svc.INTERNAL_EVIDENCE_TYPES.map((k) => ({ value: k, label: ctx.t(`plans.evidenceType.${k}`) })), placeholder: '—' })}
            </fieldset>
            ${button(ctx.t('action.save'))}` })}</details>` : ''}
        </article>`)}
        ${commentsFor('milestones').length ? html`<div class="plans-field-comments"><h3 class="plans-h-small">${ctx.t('plans.ui.commentsOnField', { n: commentsFor('milestones').length })}</h3>${listComments(commentsFor('milestones'))}</div>` : ''}
        ${open ? html`<p class="plans-comment-link"><a href="?bagian=milestones#komentar">${ctx.t('plans.ui.commentOnField')}</a></p>` : ''}
        </section>

        <section class="plans-section" id="versi"><h2>${ctx.t('plans.ui.versions')}</h2>
          <p class="hint">${ctx.t('plans.ui.versionsIntro')}</p>
          ${table({ columns: [
            { label: ctx.t('plans.ui.stage'), cell: (x: repo.VersionRow) => html`<a href="${url}/versi/${x.seq}">${ctx.t(`plans.stage.${x.stage}`)}</a>` },
            { label: ctx.t('plans.ui.date'), cell: (x: repo.VersionRow) => formatDate(ctx.locale, x.created_at, true) },
            { label: ctx.t('plans.ui.authors'), cell: (x: repo.VersionRow) => x.authors.map((a) => `${v.organisations.get(a.organisation)?.name ?? a.organisation} (${ctx.t(`plans.authorGroup.${a.group}`)})`).join('; ') || '—' },
            { label: ctx.t('plans.ui.note'), cell: (x: repo.VersionRow) => x.note || '—' },
          ], rows: v.versions, empty: ctx.t('plans.ui.noVersions') })}
          ${v.versions.length > 1 ? form(ctx, { method: 'get', action: `${url}/beda`, class: 'plans-diff-form', body: html`
            ${select({ name: 'dari', label: ctx.t('plans.ui.from'), options: versionOptions, value: String(lastTwo[0].seq) })}
            ${select({ name: 'ke', label: ctx.t('plans.ui.to'), options: versionOptions, value: String(lastTwo[1].seq) })}
            ${button(ctx.t('plans.ui.compare'), { variant: 'secondary' })}` }) : ''}
          ${v.versions.length ? html`<p><a href="${url}/beda?dari=${v.versions.at(-1)!.seq}&amp;ke=kerja">${ctx.t('plans.ui.compareWorking')}</a></p>` : ''}
          ${issueStages.length ? html`<details class="plans-details"><summary>${ctx.t('plans.ui.issueVersion')}</summary>${form(ctx, { action: `${url}/versi`, novalidate: true, body: html`
            ${select({ name: 'stage', label: ctx.t('plans.ui.stage'), options: issueStages.map((s) => ({ value: s, label: ctx.t(`plans.stage.${s}`) })), value: next ?? issueStages[0], error: errors.stage })}
            <p class="hint">${ctx.t(`plans.stage.${next ?? 'draft_1'}.desc`)}</p>
            ${[0, 1, 2].map((i) => html`<div class="plans-row">${select({ name: `author_org_${i}`, id: `f-author_org_${i}`, label: `${ctx.t('plans.ui.author')} ${i + 1}`, options: [...v.organisations.values()].map((o) => ({ value: o.slug, label: o.name })), placeholder: '—' })}
              ${select({ name: `author_group_${i}`, id: `f-author_group_${i}`, label: ctx.t('plans.ui.authorGroup'), options: DRAFT_AUTHOR_GROUPS.map((g) => ({ value: g, label: ctx.t(`plans.authorGroup.${g}`) })), placeholder: '—' })}</div>`)}
            ${textarea({ name: 'note', label: ctx.t('plans.ui.note'), rows: 2 })}
            ${button(ctx.t('plans.ui.issue'))}` })}</details>` : ''}
        </section>

        <section class="plans-section" id="konsultasi"><h2>${ctx.t('plans.ui.consultation')}</h2>
          ${v.consultations.length ? html`<ul>${v.consultations.map((k) => html`<li>${ctx.t(`plans.stage.${k.version_stage}`)}: ${formatDate(ctx.locale, k.opens_at, true)} – ${formatDate(ctx.locale, k.closes_at, true)} ${badge(ctx.t(`plans.consultationState.${k.state}`), k.state === 'open' ? 'warning' : 'neutral')}
            ${k.state !== 'closed' && can(req.actor, 'plans.consultation.manage') ? form(ctx, { action: `${BASE}/konsultasi/${k.id}/tutup`, class: 'inline-form', body: button(ctx.t('plans.ui.closeNow'), { variant: 'secondary' }) }) : ''}</li>`)}</ul>` : html`<p class="empty">${ctx.t('plans.ui.noConsultation')}</p>`}
          ${can(req.actor, 'plans.consultation.manage') && v.versions.length && !open ? html`<details class="plans-details"><summary>${ctx.t('plans.ui.openConsultation')}</summary>${form(ctx, { action: `${url}/konsultasi`, novalidate: true, body: html`
            ${select({ name: 'versionSeq', label: ctx.t('plans.ui.stage'), options: versionOptions, value: String(v.versions.at(-1)!.seq) })}
            ${input({ name: 'opensAt', type: 'date', label: ctx.t('plans.ui.opensAt'), hint: ctx.t('plans.ui.opensAtHint'), error: errors.opensAt })}
            ${input({ name: 'closesAt', type: 'date', label: ctx.t('plans.ui.closesAt'), required: true, error: errors.closesAt })}
            ${button(ctx.t('plans.ui.open'))}` })}</details>` : ''}
          ${open ? html`<div id="komentar" class="plans-comment-box"><h3>${ctx.t('plans.ui.giveInput')}</h3>
            ${req.actor ? '' : html`<p class="hint">${ctx.t('plans.ui.anonHint')} <a href="/masuk?next=${encodeURIComponent(url)}">${ctx.t('nav.login')}</a></p>`}
            ${commentForm(ctx, open.id, requestedField || null, null, formValues, errors)}</div>` : ''}
          ${pending.length ? html`<h3>${ctx.t('plans.ui.moderationQueue')} (${pending.length})</h3>${pending.map((k) => html`<div class="plans-queue-item">${commentItem(ctx, k, [], { showField: true })}${moderationForms(ctx, k)}</div>`)}` : ''}
          <h3>${ctx.t('plans.ui.generalComments')}</h3>
          ${commentsFor(null).length ? listComments(commentsFor(null)) : html`<p class="empty">${ctx.t('plans.ui.noComments')}</p>`}
          <p><a href="${url}/komentar">${ctx.t('plans.ui.allComments', { n: published.filter((k) => !k.parent_id).length })}</a></p>
        </section>

        <section class="plans-section" id="penilaian"><h2>${ctx.t('plans.ui.assessment')}</h2>
          <p class="hint">${ctx.t('plans.ui.suggestedCompletion')}: ${ctx.t(`plans.irm.completion.${suggestedCompletion(v.progress)}`)}</p>
          ${latestAssessment ? html`<dl class="plans-dl">
            <dt>${ctx.t('plans.irm.verifiable')}</dt><dd>${latestAssessment.verifiable ? ctx.t('plans.secured.yes') : ctx.t('plans.secured.no')}</dd>
            <dt>${ctx.t('plans.irm.relevance')}</dt><dd>${latestAssessment.relevant_values.map((x) => ctx.t(`plans.value.${x}`)).join('; ') || '—'}</dd>
            <dt>${ctx.t('plans.irm.potential')}</dt><dd>${ctx.t(`plans.irm.potential.${latestAssessment.potential}`)}</dd>
            <dt>${ctx.t('plans.irm.completion')}</dt><dd>${latestAssessment.completion ? ctx.t(`plans.irm.completion.${latestAssessment.completion}`) : '—'}</dd>
            <dt>${ctx.t('plans.irm.early')}</dt><dd>${latestAssessment.early_results ? ctx.t(`plans.irm.early.${latestAssessment.early_results}`) : '—'}</dd>
            <dt>${ctx.t('plans.irm.assessor')}</dt><dd>${latestAssessment.assessor} · ${formatDate(ctx.locale, latestAssessment.assessed_on)}</dd>
            ${latestAssessment.note ? html`<dt>${ctx.t('plans.ui.note')}</dt><dd>${latestAssessment.note}</dd>` : ''}</dl>` : html`<p class="empty">${ctx.t('plans.ui.noAssessment')}</p>`}
          ${can(req.actor, 'plans.assessment.record') ? html`<details class="plans-details"><summary>${ctx.t('plans.ui.recordAssessment')}</summary>${form(ctx, { action: `${url}/penilaian`, novalidate: true, body: html`
            ${select({ name: 'verifiable', label: ctx.t('plans.irm.verifiable'), options: [{ value: 'yes', label: ctx.t('plans.secured.yes') }, { value: 'no', label: ctx.t('plans.secured.no') }], required: true })}
            <fieldset class="plans-fieldset"><legend>${ctx.t('plans.irm.relevance')}</legend>${OGP_VALUES.map((x) => checkbox({ name: 'relevantValues', value: x, label: ctx.t(`plans.value.${x}`) }))}</fieldset>
            ${select({ name: 'potential', label: ctx.t('plans.irm.potential'), options: IRM_POTENTIAL.map((x) => ({ value: x, label: ctx.t(`plans.irm.potential.${x}`) })), required: true, error: errors.potential })}
            ${select({ name: 'completion', label: ctx.t('plans.irm.completion'), options: IRM_COMPLETION.map((x) => ({ value: x, label: ctx.t(`plans.irm.completion.${x}`) })), placeholder: '—', value: suggestedCompletion(v.progress) })}
            ${select({ name: 'earlyResults', label: ctx.t('plans.irm.early'), options: IRM_EARLY_RESULTS.map((x) => ({ value: x, label: ctx.t(`plans.irm.early.${x}`) })), placeholder: '—' })}
            ${input({ name: 'assessor', label: ctx.t('plans.irm.assessor'), required: true, error: errors.assessor })}
            ${input({ name: 'assessedOn', type: 'date', label: ctx.t('plans.ui.date'), required: true, error: errors.assessedOn })}
            ${textarea({ name: 'note', id: 'f-anote', label: ctx.t('plans.ui.note'), rows: 2 })}
            ${button(ctx.t('action.save'))}` })}</details>` : ''}
        </section>`,
    }), status);
  }

  function commentForm(ctx: PageContext, consultationId: string, field: string | null, parentId: string | null, values: Record<string, string>, errors: FieldErrors): SafeHtml {
    const suffix = parentId ? `-${parentId}` : '';
    return form(ctx, { action: `${BASE}/konsultasi/${consultationId}/komentar`, novalidate: true, class: 'plans-comment-form', body: html`
      ${parentId ? '' : errorSummary(ctx, errors)}
      ${parentId ? html`<input type="hidden" name="parentId" value="${parentId}">` : select({ name: 'field', label: ctx.t('plans.ui.onField'), value: field ?? '', options: COMMENTABLE_FIELDS.filter((f) => f !== 'endMonth').map((f) => ({ value: f, label: ctx.t(fieldLabelKey(f)) })), placeholder: ctx.t('plans.field.whole') })}
      ${textarea({ name: 'body', id: `f-body${suffix}`, label: ctx.t('plans.ui.yourInput'), value: values.body ?? '', rows: 4, required: true, error: parentId ? undefined : errors.body, maxlength: svc.COMMENT_LIMITS.body })}
      ${ctx.actor ? '' : html`${input({ name: 'name', id: `f-name${suffix}`, label: ctx.t('plans.ui.yourName'), value: values.name ?? '', required: true, error: parentId ? undefined : errors.name, autocomplete: 'name' })}
        ${input({ name: 'email', id: `f-email${suffix}`, type: 'email', label: ctx.t('plans.ui.yourEmail'), hint: ctx.t('plans.ui.emailHint'), value: values.email ?? '', required: true, error: parentId ? undefined : errors.email, autocomplete: 'email' })}`}
      ${button(parentId ? ctx.t('plans.ui.sendReply') : ctx.t('plans.ui.send'))}` });
  }

  // ------------------------------------------------------------ all comments of a commitment (with their responses)
  app.get(`${BASE}/:plan/:c/komentar`, { schema: { hide: true } }, async (req, reply) => {
    const ctx = req.page();
    const { plan: planSlug, c: slug } = req.params as { plan: string; c: string };
    const v = await svc.getCommitment(pool, req.actor, planSlug, slug, now());
    const published = v.comments.filter((k) => k.status === 'published');
    return sendPage(reply, layout(ctx, {
      title: `${ctx.t('plans.ui.comments')} — ${v.commitment.title}`, styles: STYLES,
      breadcrumbs: [{ href: BASE, label: ctx.t('plans.nav') }, { href: `${BASE}/${planSlug}`, label: v.plan.title }, { href: `${BASE}/${planSlug}/${slug}`, label: ctx.t('plans.ui.commitmentNo', { n: v.commitment.number }) }, { label: ctx.t('plans.ui.comments') }],
      body: html`<h1>${ctx.t('plans.ui.comments')}</h1><p><a href="${BASE}/${planSlug}/${slug}">${v.commitment.title}</a></p>
        ${published.filter((k) => !k.parent_id).map((k) => commentItem(ctx, k, published.filter((r) => r.parent_id === k.id), { showField: true }))}
        ${published.length ? '' : html`<p class="empty">${ctx.t('plans.ui.noComments')}</p>`}`,
    }));
  });

  // ------------------------------------------------------------ edit
  app.get(`${BASE}/:plan/:c/ubah`, { schema: { hide: true } }, async (req, reply) => editPage(req, reply));
  async function editPage(req: FastifyRequest, reply: FastifyReply, values?: CommitmentInput, errors: FieldErrors = {}, status = 200) {
    const actor = requireActor(req);
    const ctx = req.page();
    const { plan: planSlug, c: slug } = req.params as { plan: string; c: string };
    const v = await svc.getCommitment(pool, actor, planSlug, slug, now());
    if (!can(actor, 'plans.commitment.edit', v.commitment)) throw new NotFoundError();
    return sendPage(reply, layout(ctx, {
      title: `${ctx.t('plans.ui.edit')} — ${v.commitment.title}`, styles: STYLES,
      breadcrumbs: [{ href: BASE, label: ctx.t('plans.nav') }, { href: `${BASE}/${planSlug}`, label: v.plan.title }, { href: `${BASE}/${planSlug}/${slug}`, label: ctx.t('plans.ui.commitmentNo', { n: v.commitment.number }) }, { label: ctx.t('plans.ui.edit') }],
      body: html`<h1>${ctx.t('plans.ui.edit')}</h1><p class="hint">${ctx.t('plans.ui.editIntro')}</p>
        ${commitmentForm(ctx, { action: `${BASE}/${planSlug}/${slug}/ubah`, values: values ?? v.content, errors, organisations: await repo.allOrganisations(pool), submitLabel: ctx.t('action.save') })}`,
    }), status);
  }
  app.post(`${BASE}/:plan/:c/ubah`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const { plan: planSlug, c: slug } = req.params as { plan: string; c: string };
    const c = await repo.findCommitment(pool, planSlug, slug);
    if (!c) throw new NotFoundError();
    const input = parseCommitmentForm(req.body as Record<string, unknown>);
    try {
      await svc.updateCommitment(pool, actor, c.id, input);
      return seeOther(reply, `${BASE}/${planSlug}/${slug}`);
    } catch (err) {
      return editPage(req, reply, { ...emptyCommitment(), ...input } as CommitmentInput, formErrors(req.locale, err), 422);
    }
  });

  // ------------------------------------------------------------ versions and diffs
  app.post(`${BASE}/:plan/:c/versi`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const { plan: planSlug, c: slug } = req.params as { plan: string; c: string };
    const c = await repo.findCommitment(pool, planSlug, slug);
    if (!c) throw new NotFoundError();
    const b = req.body as Record<string, unknown>;
    const authors = [0, 1, 2, 3, 4].map((i) => ({ organisation: str(b, `author_org_${i}`), group: str(b, `author_group_${i}`) })).filter((a) => a.organisation);
    try {
      const v = await svc.issueVersion(pool, actor, c.id, { stage: str(b, 'stage'), authors, note: str(b, 'note') });
      return seeOther(reply, `${BASE}/${planSlug}/${slug}/versi/${v.seq}`);
    } catch (err) {
      return commitmentPage(req, reply, flatten(formErrors(req.locale, err)), 422);
    }
  });

  function flatten(e: FieldErrors): FieldErrors {
    return { ...e, _: Object.entries(e).map(([k, v]) => `${k}: ${v}`).join(' · ') };
  }

  app.get(`${BASE}/:plan/:c/versi/:seq`, { schema: { hide: true } }, async (req, reply) => {
    const ctx = req.page();
    const { plan: planSlug, c: slug, seq } = req.params as { plan: string; c: string; seq: string };
    const v = await svc.getCommitment(pool, req.actor, planSlug, slug, now());
    const ver = v.versions.find((x) => String(x.seq) === seq);
    if (!ver) throw new NotFoundError();
    const orgs = await repo.organisationsBySlug(pool, [...ver.content.leadAgencies, ...ver.content.leadNonGov, ...ver.content.otherStakeholders].map((r) => r.organisation).concat(ver.authors.map((a) => a.organisation)));
    const prev = v.versions.find((x) => x.seq === ver.seq - 1);
    const published = v.comments.filter((k) => k.status === 'published' && !k.parent_id);
    return sendPage(reply, layout(ctx, {
      title: `${ctx.t(`plans.stage.${ver.stage}`)} — ${ver.content.title}`, styles: STYLES,
      breadcrumbs: [{ href: BASE, label: ctx.t('plans.nav') }, { href: `${BASE}/${planSlug}`, label: v.plan.title }, { href: `${BASE}/${planSlug}/${slug}`, label: ctx.t('plans.ui.commitmentNo', { n: v.commitment.number }) }, { label: ctx.t(`plans.stage.${ver.stage}`) }],
      body: html`<h1>${ver.content.title}</h1>
        <p>${stageBadge(ctx, ver.stage)} ${ctx.t('plans.ui.frozenOn', { date: formatDate(ctx.locale, ver.created_at, true) })}</p>
        <p>${ctx.t('plans.ui.authors')}: ${ver.authors.map((a) => `${orgs.get(a.organisation)?.name ?? a.organisation} (${ctx.t(`plans.authorGroup.${a.group}`)})`).join('; ') || '—'}</p>
        ${ver.note ? html`<p>${ver.note}</p>` : ''}
        ${prev ? html`<p>${linkButton(`${BASE}/${planSlug}/${slug}/beda?dari=${prev.seq}&ke=${ver.seq}`, ctx.t('plans.ui.changesSince', { stage: ctx.t(`plans.stage.${prev.stage}`) }))}</p>` : ''}
        ${commitmentSections(ctx, ver.content, orgs, (f) => {
          const list = published.filter((k) => k.field === f);
          return list.length ? html`<div class="plans-field-comments">${list.map((k) => commentItem(ctx, k, []))}</div>` : '';
        })}
        <section class="plans-section"><h2><span class="plans-secno">17.</span> ${ctx.t('plans.field.milestones')}</h2>
          ${table({ columns: [
            { label: ctx.t('plans.field.output'), cell: (m: any) => m.output },
            { label: ctx.t('plans.ui.period'), cell: (m: any) => `${month(ctx, m.startMonth)} – ${month(ctx, m.endMonth)}` },
            { label: ctx.t('plans.field.responsible'), cell: (m: any) => m.responsibleNote || m.responsible.join('; ') },
            { label: ctx.t('plans.field.status'), cell: (m: any) => statusBadge(ctx, m.status) },
          ], rows: ver.content.milestones, empty: '—' })}</section>`,
    }));
  });

  app.get(`${BASE}/:plan/:c/beda`, { schema: { hide: true } }, async (req, reply) => {
    const ctx = req.page();
    const { plan: planSlug, c: slug } = req.params as { plan: string; c: string };
    const q = req.query as { dari?: string; ke?: string };
    const v = await svc.getCommitment(pool, req.actor, planSlug, slug, now());
    const pick = (s: string | undefined) => (s === 'kerja' ? { seq: 0, stage: 'working', content: v.content, id: null as string | null } : v.versions.find((x) => String(x.seq) === s));
    const a = pick(q.dari);
    const b = pick(q.ke);
    if (!a || !b) throw new NotFoundError();
    const d = diffVersions(a.content, b.content);
    const label = (x: { stage: string }) => (x.stage === 'working' ? ctx.t('plans.ui.workingText') : ctx.t(`plans.stage.${x.stage}`));
    const landedHere = v.comments.filter((k) => k.status === 'published' && b.id && k.response_landed_version_id === b.id);
    const changed = d.fields.filter((f) => f.status !== 'unchanged');
    const unchanged = d.fields.filter((f) => f.status === 'unchanged');
    return sendPage(reply, layout(ctx, {
      title: `${label(a)} → ${label(b)} — ${v.commitment.title}`, styles: STYLES,
      breadcrumbs: [{ href: BASE, label: ctx.t('plans.nav') }, { href: `${BASE}/${planSlug}`, label: v.plan.title }, { href: `${BASE}/${planSlug}/${slug}`, label: ctx.t('plans.ui.commitmentNo', { n: v.commitment.number }) }, { label: ctx.t('plans.ui.diff') }],
      body: html`<h1>${ctx.t('plans.ui.diffTitle', { from: label(a), to: label(b) })}</h1>
        <p><a href="${BASE}/${planSlug}/${slug}">${v.commitment.title}</a></p>
        <p class="plans-diff-summary">${ctx.t('plans.ui.diffSummary', { fields: changed.length, added: d.wordsAdded, removed: d.wordsRemoved })}</p>
        <p class="plans-legend"><ins class="diff-added">${ctx.t('plans.diff.added')}</ins> <del class="diff-removed">${ctx.t('plans.diff.removed')}</del></p>
        ${landedHere.length ? html`<section class="plans-section"><h2>${ctx.t('plans.ui.inputLandedHere')}</h2>${landedHere.map((k) => commentItem(ctx, k, [], { showField: true }))}</section>` : ''}
        ${changed.map((f) => renderFieldDiff(ctx, f))}
        ${unchanged.length ? html`<section class="plans-section"><h2>${ctx.t('plans.ui.unchangedSections')}</h2><p>${unchanged.map((f) => `${f.section}. ${ctx.t(fieldLabelKey(f.field))}`).filter((x, i, all) => all.indexOf(x) === i).join(' · ')}</p></section>` : ''}`,
    }));
  });

  // ------------------------------------------------------------ consultation
  app.post(`${BASE}/:plan/:c/konsultasi`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const { plan: planSlug, c: slug } = req.params as { plan: string; c: string };
    const c = await repo.findCommitment(pool, planSlug, slug);
    if (!c) throw new NotFoundError();
    const b = req.body as Record<string, unknown>;
    const wita = (d: string, end: boolean) => (d ? new Date(`${d}T${end ? '23:59:59' : '00:00:00'}+08:00`) : undefined);
    try {
      await svc.openConsultation(pool, actor, c.id, { versionSeq: Number(str(b, 'versionSeq')) || undefined, opensAt: wita(str(b, 'opensAt'), false), closesAt: wita(str(b, 'closesAt'), true) ?? 'invalid' }, now());
      return seeOther(reply, `${BASE}/${planSlug}/${slug}#konsultasi`);
    } catch (err) {
      return commitmentPage(req, reply, flatten(formErrors(req.locale, err)), 422);
    }
  });

  app.post(`${BASE}/konsultasi/:id/tutup`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const k = await repo.findConsultation(pool, String((req.params as any).id));
    if (!k) throw new NotFoundError();
    await svc.closeConsultation(pool, actor, k.id, now());
    const c = (await repo.findCommitmentById(pool, k.commitment_id))!;
    return seeOther(reply, `${BASE}/${c.plan_slug}/${c.slug}#konsultasi`);
  });

  app.post(`${BASE}/konsultasi/:id/komentar`, { schema: { hide: true }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (req, reply) => {
    const k = await repo.findConsultation(pool, String((req.params as any).id));
    if (!k) throw new NotFoundError();
    const c = (await repo.findCommitmentById(pool, k.commitment_id))!;
    const b = req.body as Record<string, unknown>;
    const values = { body: str(b, 'body'), name: str(b, 'name'), email: str(b, 'email'), field: str(b, 'field') };
    try {
      const r = await svc.submitComment(pool, req.actor, { consultationId: k.id, field: values.field || null, parentId: str(b, 'parentId') || null, body: values.body, name: values.name, email: values.email },
        { now: now(), ipHash: svc.hashIp(req.ip, config.sessionSecret), baseUrl: config.baseUrl, locale: req.locale });
      return seeOther(reply, `${BASE}/${c.plan_slug}/${c.slug}/terkirim?status=${r.status}`);
    } catch (err) {
      (req.params as any).plan = c.plan_slug;
      (req.params as any).c = c.slug;
      return commitmentPage(req, reply, formErrors(req.locale, err), 422, values);
    }
  });

  app.get(`${BASE}/:plan/:c/terkirim`, { schema: { hide: true } }, async (req, reply) => {
    const ctx = req.page();
    const { plan: planSlug, c: slug } = req.params as { plan: string; c: string };
    const c = await repo.findCommitment(pool, planSlug, slug);
    if (!c) throw new NotFoundError();
    const status = String((req.query as any)?.status ?? 'pending');
    const key = status === 'unverified' ? 'plans.ui.sentCheckEmail' : status === 'published' ? 'plans.ui.sentPublished' : 'plans.ui.sentModeration';
    return sendPage(reply, layout(ctx, {
      title: ctx.t('plans.ui.thanks'), styles: STYLES,
      body: html`<h1>${ctx.t('plans.ui.thanks')}</h1>${alert(ctx.t(key), 'success')}<p><a href="${BASE}/${planSlug}/${slug}">${c.title}</a></p>`,
    }));
  });

  app.post(`${BASE}/komentar/:id/moderasi`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const id = String((req.params as any).id);
    const c = await repo.findCommentById(pool, id);
    if (!c) throw new NotFoundError();
    const b = req.body as Record<string, unknown>;
    try {
      await svc.moderateComment(pool, actor, id, { decision: str(b, 'decision'), note: str(b, 'note') }, config.baseUrl);
      return seeOther(reply, String(req.headers.referer ?? '').includes('/kelola') ? `${BASE}/kelola` : `${BASE}/${c.plan_slug}/${c.commitment_slug}#konsultasi`);
    } catch (err) {
      (req.params as any).plan = c.plan_slug;
      (req.params as any).c = c.commitment_slug;
      return commitmentPage(req, reply, flatten(formErrors(req.locale, err)), 422);
    }
  });

  app.post(`${BASE}/komentar/:id/tanggapan`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const id = String((req.params as any).id);
    const c = await repo.findCommentById(pool, id);
    if (!c) throw new NotFoundError();
    const b = req.body as Record<string, unknown>;
    try {
      await svc.respondToComment(pool, actor, id, { outcome: str(b, 'outcome'), reason: str(b, 'reason'), landed: str(b, 'landed') || null }, now(), config.baseUrl);
      return seeOther(reply, `${BASE}/${c.plan_slug}/${c.commitment_slug}#k-${id}`);
    } catch (err) {
      (req.params as any).plan = c.plan_slug;
      (req.params as any).c = c.commitment_slug;
      return commitmentPage(req, reply, flatten(formErrors(req.locale, err)), 422);
    }
  });

  // ------------------------------------------------------------ milestone progress
  app.post(`${BASE}/tonggak/:id/laporan`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const m = await repo.findMilestone(pool, String((req.params as any).id));
    if (!m) throw new NotFoundError();
    const c = (await repo.findCommitmentById(pool, m.commitment_id))!;
    let saved: Record<string, string> = {};
    try {
      const { fields, fileIds } = await readMultipart(req, actor.id, ['pdf', 'docx', 'xlsx', 'csv', 'image']);
      saved = fileIds;
      const kind = fields.get('evidenceKind') as 'file' | 'link' | 'internal' | undefined;
      const title = fields.get('evidenceTitle') ?? '';
      const evidence = kind ? [{ kind, title, url: fields.get('evidenceUrl') || undefined, fileId: fileIds.evidenceFile, internalType: fields.get('internalType') || undefined }] : [];
      await svc.reportMilestone(pool, actor, m.id, { status: fields.get('status') ?? '', percent: fields.get('percent') ?? null, reportedOn: fields.get('reportedOn') || undefined, note: fields.get('note') ?? '', evidence }, now());
      return seeOther(reply, `${BASE}/${c.plan_slug}/${c.slug}#m-${m.key}`);
    } catch (err) {
      await files.discard(pool, Object.values(saved));
      (req.params as any).plan = c.plan_slug;
      (req.params as any).c = c.slug;
      return commitmentPage(req, reply, flatten(formErrors(req.locale, err)), 422);
    }
  });

  // ------------------------------------------------------------ assessment
  app.post(`${BASE}/:plan/:c/penilaian`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const { plan: planSlug, c: slug } = req.params as { plan: string; c: string };
    const c = await repo.findCommitment(pool, planSlug, slug);
    if (!c) throw new NotFoundError();
    const b = req.body as Record<string, unknown>;
    const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v ? [String(v)] : []);
    try {
      await svc.recordAssessment(pool, actor, c.id, { verifiable: str(b, 'verifiable') === 'yes', relevantValues: list(b.relevantValues), potential: str(b, 'potential'), completion: str(b, 'completion') || null, earlyResults: str(b, 'earlyResults') || null, assessor: str(b, 'assessor'), assessedOn: str(b, 'assessedOn'), note: str(b, 'note') });
      return seeOther(reply, `${BASE}/${planSlug}/${slug}#penilaian`);
    } catch (err) {
      return commitmentPage(req, reply, flatten(formErrors(req.locale, err)), 422);
    }
  });

  // ------------------------------------------------------------ exports of one commitment
  async function exportData(req: FastifyRequest): Promise<{ e: ExportCommitment; slug: string }> {
    const { plan: planSlug, c: slug } = req.params as { plan: string; c: string };
    const v = await svc.getCommitment(pool, null, planSlug, slug, now());
    const all = await repo.allOrganisations(pool);
    return { slug, e: { planTitle: v.plan.title, number: v.commitment.number, stage: v.commitment.stage, content: v.content, orgName: (s) => all.find((o) => o.slug === s)?.name ?? s } };
  }
  app.get(`${BASE}/:plan/:c/ekspor.pdf`, { schema: { hide: true } }, async (req, reply) => {
    const { e, slug } = await exportData(req);
    return reply.type('application/pdf').header('content-disposition', contentDisposition(`${slug}.pdf`, 'inline')).send(await commitmentPdf(req.locale, e));
  });
  app.get(`${BASE}/:plan/:c/ekspor.docx`, { schema: { hide: true } }, async (req, reply) => {
    const { e, slug } = await exportData(req);
    return reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').header('content-disposition', contentDisposition(`${slug}.docx`)).send(await commitmentDocx(req.locale, e));
  });
  app.get(`${BASE}/:plan/:c/ekspor.json`, { schema: { hide: true } }, async (req, reply) => {
    const { plan: planSlug, c: slug } = req.params as { plan: string; c: string };
    const v = await svc.getCommitment(pool, null, planSlug, slug, now());
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(presentCommitmentFull(v), null, 2));
  });
}

/** JSON of a plan with its commitments and milestones (export and API). */
export async function planExport(v: Awaited<ReturnType<typeof svc.getPlan>>) {
  return {
    slug: v.plan.slug, title: v.plan.title, titleEn: v.plan.title_en, programme: v.plan.programme,
    startMonth: v.plan.start_month, endMonth: v.plan.end_month, description: v.plan.description,
    progress: v.progress,
    forum: v.forum.map((f) => ({ organisation: f.slug, name: f.name, part: f.part })),
    commitments: v.commitments.map(({ commitment: c, milestones, progress }) => ({
      id: c.id, slug: c.slug, number: c.number, title: c.title, stage: c.stage, progress,
      milestones: milestones.map(presentMilestone),
    })),
    workingGroups: v.workingGroups.map((g) => ({ id: g.id, name: g.name, theme: g.theme, members: g.members.map((m) => ({ organisation: m.organisation, role: m.member_role })) })),
    events: v.events.map((e) => ({ id: e.id, method: e.method, heldOn: e.held_on, title: e.title, organisations: e.organisations, participants: e.participants, outcomes: e.outcomes, minutes: e.minutes_file_id ? `/rencana-aksi/kegiatan/${e.id}/notulen` : null, commitmentId: e.commitment_id })),
  };
}

export function presentMilestone(m: repo.MilestoneRow & { progress: { overdue: boolean; daysOverdue: number; lateStart: boolean; percent: number } }) {
  return {
    id: m.id, key: m.key, number: m.position, output: m.output, startMonth: m.start_month, endMonth: m.end_month,
    responsible: m.responsible, responsibleUnit: m.responsible_note, contactRoles: m.contact_roles, status: m.status,
    reportedPercent: m.reported_percent, overdue: m.progress.overdue, daysOverdue: m.progress.daysOverdue, lateStart: m.progress.lateStart,
  };
}

export function presentComment(k: repo.CommentRow) {
  return {
    id: k.id, field: k.field, parentId: k.parent_id, body: k.body, author: k.author_name, createdAt: new Date(k.created_at).toISOString(),
    status: k.status, version: { seq: k.version_seq, stage: k.version_stage },
    response: k.response_outcome ? { outcome: k.response_outcome, reason: k.response_reason, landedIn: k.response_landed_stage ? { seq: k.response_landed_seq, stage: k.response_landed_stage } : null, respondedAt: k.responded_at ? new Date(k.responded_at).toISOString() : null } : null,
  };
}

export function presentCommitmentFull(v: Awaited<ReturnType<typeof svc.getCommitment>>) {
  return {
    id: v.commitment.id, plan: v.plan.slug, slug: v.commitment.slug, number: v.commitment.number, stage: v.commitment.stage,
    content: v.content,
    progress: v.progress,
    milestones: v.milestones.map((m) => ({
      ...presentMilestone(m),
      updates: m.updates.map((u) => ({ reportedOn: u.reported_on, status: u.status, percent: u.percent, note: u.note })),
      evidence: m.evidence.map((e) => ({ id: e.id, kind: e.kind, title: e.title, url: e.kind === 'file' ? `/rencana-aksi/bukti/${e.id}` : e.url, internalType: e.internal_type })),
    })),
    versions: v.versions.map((x) => ({ seq: x.seq, stage: x.stage, authors: x.authors, note: x.note, createdAt: new Date(x.created_at).toISOString() })),
    consultations: v.consultations.map((k) => ({ id: k.id, versionSeq: k.version_seq, stage: k.version_stage, opensAt: new Date(k.opens_at).toISOString(), closesAt: new Date(k.closes_at).toISOString(), state: k.state })),
    comments: v.comments.filter((k) => k.status === 'published').map(presentComment),
    assessments: v.assessments.map((a) => ({ verifiable: a.verifiable, relevantValues: a.relevant_values, potential: a.potential, completion: a.completion, earlyResults: a.early_results, assessor: a.assessor, assessedOn: a.assessed_on, note: a.note })),
  };
}
