/** The walidata's settings page (/data/kerja/pengaturan): automatic publication after validation. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { html } from '../../core/views/html.ts';
import { layout } from '../../core/views/layout.ts';
import { alert, badge, button, checkbox, errorSummary, form, input, table, textarea, type FieldErrors } from '../../core/views/components.ts';
import { sendPage, seeOther } from '../../core/http/reply.ts';
import { requireActor } from '../../core/http/request-context.ts';
import { authorize } from '../../core/policy.ts';
import { formatDate, formatNumber } from '../../core/i18n/i18n.ts';
import { formErrors, str } from '../../core/web/forms.ts';
import { autoPublishSetting, pendingAutoPublications, updateAutoPublishSetting, MAX_DELAY_MINUTES, MAX_REASON_LENGTH, SOP_DELAY_MINUTES } from './settings.service.ts';

const STYLES = ['/assets/css/data.css'];
export const SETTINGS_PATH = '/data/kerja/pengaturan';

interface FormValues { enabled: boolean; delayMinutes: string; reason: string }

export async function settingsRoutes(app: FastifyInstance) {
  const { pool } = app.ctx;

  async function page(req: FastifyRequest, values?: FormValues, errors: FieldErrors = {}, notice?: string) {
    const ctx = req.page();
    const current = await autoPublishSetting(pool);
    const pending = await pendingAutoPublications(pool);
    const v: FormValues = values ?? { enabled: current.enabled, delayMinutes: String(current.delayMinutes), reason: '' };
    const labels = { delayMinutes: ctx.t('data.settings.delay'), reason: ctx.t('data.settings.reason') };
    return layout(ctx, {
      title: ctx.t('data.settings.title'), styles: STYLES,
      breadcrumbs: [{ href: '/data/kerja', label: ctx.t('data.ws.title') }, { label: ctx.t('data.settings.title') }],
      body: html`<h1>${ctx.t('data.settings.title')}</h1>
      ${notice ? alert(notice, 'success') : ''}
      <h2>${ctx.t('data.settings.autoPublish')}</h2>
      <p>${ctx.t('data.settings.autoPublishLead', { sop: SOP_DELAY_MINUTES })}</p>
      <p>${ctx.t('data.settings.current')}: ${current.enabled
        ? badge(ctx.t('data.settings.on', { minutes: formatNumber(ctx.locale, current.delayMinutes) }), 'success')
        : badge(ctx.t('data.settings.off'), 'neutral')}${current.updatedAt ? html` · ${ctx.t('data.settings.updatedAt', { at: formatDate(ctx.locale, current.updatedAt, true) })}` : ''}</p>
      ${errorSummary(ctx, errors, labels)}
      ${form(ctx, { action: SETTINGS_PATH, novalidate: true, body: html`
        ${checkbox({ name: 'enabled', value: '1', label: ctx.t('data.settings.enabled'), checked: v.enabled, hint: ctx.t('data.settings.enabledHint') })}
        ${input({ name: 'delayMinutes', type: 'number', label: labels.delayMinutes, hint: ctx.t('data.settings.delayHint', { sop: SOP_DELAY_MINUTES, max: MAX_DELAY_MINUTES }), value: v.delayMinutes, min: 0, max: MAX_DELAY_MINUTES, step: '1', inputmode: 'numeric', required: true, error: errors.delayMinutes })}
        ${textarea({ name: 'reason', label: labels.reason, hint: ctx.t('data.settings.reasonHint', { max: MAX_REASON_LENGTH }), value: v.reason, rows: 3, maxlength: MAX_REASON_LENGTH, error: errors.reason })}
        ${button(ctx.t('data.settings.save'))}` })}
      <h2>${ctx.t('data.settings.pending')}</h2>
      ${table({ rows: pending, empty: ctx.t('data.settings.noPending'), columns: [
        { label: ctx.t('data.f.title'), cell: (r) => html`<a href="/data/kerja/revisi/${r.revision_id}">${r.title}</a>` },
        { label: ctx.t('data.f.organisation'), cell: (r) => r.organisation },
        { label: ctx.t('data.settings.validatedAt'), cell: (r) => formatDate(ctx.locale, r.validated_at, true) },
        { label: ctx.t('data.settings.publishAt'), cell: (r) => formatDate(ctx.locale, r.auto_publish_at, true) },
      ] })}`,
    });
  }

  app.get(SETTINGS_PATH, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    authorize(actor, 'data.settings.manage');
    const saved = (req.query as { disimpan?: string }).disimpan === '1';
    return sendPage(reply, await page(req, undefined, {}, saved ? req.page().t('data.settings.saved') : undefined));
  });

  app.post(SETTINGS_PATH, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    authorize(actor, 'data.settings.manage');
    const b = req.body as Record<string, unknown>;
    const values: FormValues = { enabled: str(b, 'enabled') !== '', delayMinutes: str(b, 'delayMinutes'), reason: str(b, 'reason') };
    try {
      await updateAutoPublishSetting(pool, actor, { enabled: str(b, 'enabled'), delayMinutes: values.delayMinutes, reason: values.reason });
      return seeOther(reply, `${SETTINGS_PATH}?disimpan=1`);
    } catch (err) {
      return sendPage(reply, await page(req, values, formErrors(req.locale, err)), 422);
    }
  });
}
