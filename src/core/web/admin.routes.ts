/** Admin pages: users, memberships and roles; the audit trail with filters. */
import type { FastifyInstance } from 'fastify';
import { html } from '../views/html.ts';
import { layout } from '../views/layout.ts';
import { alert, badge, button, errorSummary, form, input, pagination, select, table, type FieldErrors } from '../views/components.ts';
import { sendPage, seeOther } from '../http/reply.ts';
import { authorize, can, ROLES } from '../policy.ts';
import { requireActor } from '../http/request-context.ts';
import * as users from '../auth/users.service.ts';
import { formErrors, str } from './forms.ts';
import { NotFoundError } from '../http/errors.ts';
import { formatDate } from '../i18n/i18n.ts';
import { decodeCursor, encodeCursor } from '../http/pagination.ts';
import { listAudit } from './audit-query.ts';

export async function adminRoutes(app: FastifyInstance) {
  const { pool } = app.ctx;

  app.get('/admin', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!can(actor, 'admin.users.manage') && !can(actor, 'admin.audit.read')) authorize(actor, 'admin.users.manage');
    const ctx = req.page();
    return sendPage(reply, layout(ctx, {
      title: ctx.t('admin.title'),
      breadcrumbs: [{ label: ctx.t('admin.title') }],
      body: html`<h1>${ctx.t('admin.title')}</h1><ul class="link-list">
        ${can(actor, 'admin.users.manage') ? html`<li><a href="/admin/pengguna">${ctx.t('admin.users')}</a></li>` : ''}
        ${can(actor, 'admin.audit.read') ? html`<li><a href="/admin/audit">${ctx.t('admin.audit')}</a></li>` : ''}
      </ul>`,
    }));
  });

  async function orgOptions() {
    const { rows } = await pool.query('SELECT id, name FROM organisations ORDER BY name');
    return rows.map((r) => ({ value: r.id, label: r.name }));
  }

  async function usersPage(req: any, reply: any, values: Record<string, string> = {}, errors: FieldErrors = {}, status = 200) {
    const actor = requireActor(req);
    authorize(actor, 'admin.users.manage');
    const ctx = req.page();
    const q = String(req.query?.q ?? '').trim();
    const { rows } = await pool.query(
      `SELECT u.id, u.name, u.email, u.is_active, u.last_login_at,
              coalesce(string_agg(DISTINCT m.role, ','), '') AS roles, count(DISTINCT m.organisation_id)::int AS orgs
       FROM users u LEFT JOIN memberships m ON m.user_id = u.id
       WHERE ($1 = '' OR u.name ILIKE '%' || $1 || '%' OR u.email ILIKE '%' || $1 || '%')
       GROUP BY u.id ORDER BY u.name LIMIT 200`, [q]);
    const orgs = await orgOptions();
    return sendPage(reply, layout(ctx, {
      title: ctx.t('admin.users'),
      breadcrumbs: [{ href: '/admin', label: ctx.t('admin.title') }, { label: ctx.t('admin.users') }],
      body: html`<h1>${ctx.t('admin.users')}</h1>
      ${form(ctx, { method: 'get', action: '/admin/pengguna', class: 'search-form', body: html`${input({ name: 'q', type: 'search', label: ctx.t('admin.searchUsers'), value: q })}${button(ctx.t('action.search'), { variant: 'secondary' })}` })}
      ${table({ columns: [
        { label: ctx.t('user.name'), cell: (r: any) => html`<a href="/admin/pengguna/${r.id}">${r.name}</a>` },
        { label: ctx.t('auth.email'), cell: (r: any) => r.email },
        { label: ctx.t('admin.roles'), cell: (r: any) => r.roles ? r.roles.split(',').map((x: string) => badge(ctx.t(`role.${x}`), 'info')) : '' },
        { label: ctx.t('admin.status'), cell: (r: any) => r.is_active ? badge(ctx.t('admin.active'), 'success') : badge(ctx.t('admin.inactive'), 'danger') },
        { label: ctx.t('admin.lastLogin'), cell: (r: any) => formatDate(ctx.locale, r.last_login_at, true) },
      ], rows, empty: ctx.t('admin.noUsers') })}
      <h2 id="baru">${ctx.t('admin.newUser')}</h2>
      ${errorSummary(ctx, errors)}
      ${form(ctx, { action: '/admin/pengguna', novalidate: true, body: html`
        ${input({ name: 'name', label: ctx.t('user.name'), value: values.name, required: true, error: errors.name })}
        ${input({ name: 'email', type: 'email', label: ctx.t('auth.email'), value: values.email, required: true, error: errors.email })}
        ${input({ name: 'password', type: 'password', label: ctx.t('auth.password'), hint: ctx.t('admin.passwordHint'), autocomplete: 'new-password', error: errors.password })}
        ${select({ name: 'organisationId', label: ctx.t('admin.organisation'), value: values.organisationId, options: orgs, placeholder: '—', error: errors.organisationId })}
        ${select({ name: 'role', label: ctx.t('admin.role'), value: values.role, options: ROLES.map((r) => ({ value: r, label: ctx.t(`role.${r}`) })), placeholder: '—', error: errors.role })}
        ${button(ctx.t('admin.createUser'))}` })}`,
    }), status);
  }

  app.get('/admin/pengguna', { schema: { hide: true } }, async (req, reply) => usersPage(req, reply));
  app.post('/admin/pengguna', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const b = req.body as Record<string, string>;
    const values = { name: str(b, 'name'), email: str(b, 'email'), organisationId: str(b, 'organisationId'), role: str(b, 'role') };
    try {
      const u = await users.createUser(pool, actor, { name: values.name, email: values.email, password: b.password || undefined });
      if (values.organisationId && values.role) await users.addMembership(pool, actor, u.id, values.organisationId, values.role);
      if (!b.password) await users.requestPasswordReset(pool, u.email, app.ctx.config.baseUrl); // the user sets a password by e-mail
      return seeOther(reply, `/admin/pengguna/${u.id}`);
    } catch (err) {
      return usersPage(req, reply, values, formErrors(req.locale, err), 422);
    }
  });

  async function userPage(req: any, reply: any, errors: FieldErrors = {}, status = 200) {
    const actor = requireActor(req);
    authorize(actor, 'admin.users.manage');
    const ctx = req.page();
    const id = String(req.params.id);
    const u = /^[0-9a-f-]{36}$/i.test(id) ? (await pool.query('SELECT * FROM users WHERE id = $1', [id])).rows[0] : null;
    if (!u) throw new NotFoundError();
    const ms = (await pool.query('SELECT m.role, m.organisation_id, o.name FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE m.user_id = $1 ORDER BY o.name, m.role', [id])).rows;
    const orgs = await orgOptions();
    return sendPage(reply, layout(ctx, {
      title: u.name,
      breadcrumbs: [{ href: '/admin', label: ctx.t('admin.title') }, { href: '/admin/pengguna', label: ctx.t('admin.users') }, { label: u.name }],
      body: html`<h1>${u.name}</h1><p>${u.email} · ${u.is_active ? badge(ctx.t('admin.active'), 'success') : badge(ctx.t('admin.inactive'), 'danger')} ${u.is_demo ? badge(ctx.t('admin.demoAccount'), 'warning') : ''}</p>
      ${errors._ ? alert(errors._, 'danger') : ''}
      <h2>${ctx.t('admin.memberships')}</h2>
      ${table({ columns: [
        { label: ctx.t('admin.organisation'), cell: (m: any) => m.name },
        { label: ctx.t('admin.role'), cell: (m: any) => ctx.t(`role.${m.role}`) },
        { label: '', cell: (m: any) => form(ctx, { action: `/admin/pengguna/${id}/peran/hapus`, body: html`<input type="hidden" name="organisationId" value="${m.organisation_id}"><input type="hidden" name="role" value="${m.role}">${button(ctx.t('action.remove'), { variant: 'danger' })}` }) },
      ], rows: ms, empty: ctx.t('account.noMemberships') })}
      <h3>${ctx.t('admin.addMembership')}</h3>
      ${form(ctx, { action: `/admin/pengguna/${id}/peran`, novalidate: true, body: html`
        ${select({ name: 'organisationId', label: ctx.t('admin.organisation'), options: orgs, placeholder: '—', required: true, error: errors.organisationId })}
        ${select({ name: 'role', label: ctx.t('admin.role'), options: ROLES.map((r) => ({ value: r, label: ctx.t(`role.${r}`) })), placeholder: '—', required: true, error: errors.role })}
        ${button(ctx.t('action.add'))}` })}
      <h2>${ctx.t('admin.status')}</h2>
      ${form(ctx, { action: `/admin/pengguna/${id}/status`, body: html`<input type="hidden" name="active" value="${u.is_active ? 'false' : 'true'}">${button(u.is_active ? ctx.t('admin.deactivate') : ctx.t('admin.activate'), { variant: u.is_active ? 'danger' : 'primary' })}` })}
      <p><a href="/admin/audit?entityType=user&entityId=${id}">${ctx.t('admin.auditOfUser')}</a></p>`,
    }), status);
  }

  app.get('/admin/pengguna/:id', { schema: { hide: true } }, async (req, reply) => userPage(req, reply));
  app.post('/admin/pengguna/:id/peran', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const id = String((req.params as any).id);
    try {
      await users.addMembership(pool, actor, id, str(req.body, 'organisationId'), str(req.body, 'role'));
      return seeOther(reply, `/admin/pengguna/${id}`);
    } catch (err) {
      return userPage(req, reply, formErrors(req.locale, err), 422);
    }
  });
  app.post('/admin/pengguna/:id/peran/hapus', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const id = String((req.params as any).id);
    try {
      await users.removeMembership(pool, actor, id, str(req.body, 'organisationId'), str(req.body, 'role'));
      return seeOther(reply, `/admin/pengguna/${id}`);
    } catch (err) {
      const e = formErrors(req.locale, err);
      return userPage(req, reply, { _: Object.values(e)[0] }, 422);
    }
  });
  app.post('/admin/pengguna/:id/status', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const id = String((req.params as any).id);
    try {
      await users.setUserActive(pool, actor, id, str(req.body, 'active') === 'true');
      return seeOther(reply, `/admin/pengguna/${id}`);
    } catch (err) {
      const e = formErrors(req.locale, err);
      return userPage(req, reply, { _: Object.values(e)[0] }, 422);
    }
  });

  app.get('/admin/audit', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    authorize(actor, 'admin.audit.read');
    const ctx = req.page();
    const q = req.query as Record<string, string>;
    const filters = { action: q.action?.trim() || undefined, entityType: q.entityType?.trim() || undefined, entityId: q.entityId?.trim() || undefined, actor: q.actor?.trim() || undefined, from: q.from || undefined, to: q.to || undefined };
    const cursor = decodeCursor(q.cursor, 1) as [number] | null;
    const { rows, next } = await listAudit(pool, filters, cursor?.[0] ?? null, 50);
    const baseUrl = req.url;
    return sendPage(reply, layout(ctx, {
      title: ctx.t('admin.audit'),
      wide: true,
      breadcrumbs: [{ href: '/admin', label: ctx.t('admin.title') }, { label: ctx.t('admin.audit') }],
      body: html`<h1>${ctx.t('admin.audit')}</h1><p>${ctx.t('admin.auditIntro')}</p>
      ${form(ctx, { method: 'get', action: '/admin/audit', class: 'filter-form', body: html`
        ${input({ name: 'action', label: ctx.t('admin.auditAction'), value: filters.action })}
        ${input({ name: 'entityType', label: ctx.t('admin.auditEntity'), value: filters.entityType })}
        ${input({ name: 'actor', label: ctx.t('admin.auditActor'), value: filters.actor })}
        ${input({ name: 'from', type: 'date', label: ctx.t('filter.from'), value: filters.from })}
        ${input({ name: 'to', type: 'date', label: ctx.t('filter.to'), value: filters.to })}
        ${filters.entityId ? html`<input type="hidden" name="entityId" value="${filters.entityId}">` : ''}
        ${button(ctx.t('action.filter'), { variant: 'secondary' })}` })}
      ${table({ columns: [
        { label: '#', cell: (r: any) => r.id, numeric: true },
        { label: ctx.t('admin.auditWhen'), cell: (r: any) => formatDate(ctx.locale, r.at, true) },
        { label: ctx.t('admin.auditActor'), cell: (r: any) => r.actor_label },
        { label: ctx.t('admin.auditAction'), cell: (r: any) => html`<code>${r.action}</code>` },
        { label: ctx.t('admin.auditEntity'), cell: (r: any) => html`${r.entity_type} <code>${r.entity_id ?? ''}</code>` },
        { label: ctx.t('admin.auditChange'), cell: (r: any) => html`<details><summary>${ctx.t('admin.auditShow')}</summary><pre>${JSON.stringify({ before: r.before, after: r.after }, null, 2)}</pre></details>` },
        { label: 'IP', cell: (r: any) => r.ip ?? '' },
      ], rows, empty: ctx.t('admin.auditEmpty') })}
      ${pagination(ctx, { baseUrl, nextCursor: next ? encodeCursor([next]) : null, hasPrevious: !!cursor })}`,
    }));
  });
}
