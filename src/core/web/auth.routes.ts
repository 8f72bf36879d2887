/** Login, logout, password reset, first-admin setup and the account page (with personal API tokens). */
import type { FastifyInstance } from 'fastify';
import { html } from '../views/html.ts';
import { layout } from '../views/layout.ts';
import { alert, button, errorSummary, form, input, table, badge, type FieldErrors } from '../views/components.ts';
import { sendPage, seeOther } from '../http/reply.ts';
import * as users from '../auth/users.service.ts';
import { clearSessionCookie, requireActor, sessionToken, setSessionCookie } from '../http/request-context.ts';
import { formErrors, safeNext, str } from './forms.ts';
import { TooManyRequestsError } from '../http/errors.ts';
import { t } from '../i18n/i18n.ts';
import { formatDate } from '../i18n/i18n.ts';
import { MIN_PASSWORD_LENGTH } from '../auth/password.ts';

export async function authRoutes(app: FastifyInstance) {
  const { pool, config } = app.ctx;
  const loginLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };

  function loginPage(req: any, values: { email?: string; next?: string }, errors: FieldErrors = {}, notice?: string, status = 200, reply?: any) {
    const ctx = req.page();
    const page = layout(ctx, {
      title: ctx.t('auth.login.title'),
      body: html`<section class="narrow">
        <h1>${ctx.t('auth.login.title')}</h1>
        ${config.seedDemo ? alert(ctx.t('auth.login.demoNotice'), 'info', ctx.t('auth.login.demoTitle')) : ''}
        ${notice ? alert(notice, 'success') : ''}
        ${errors._ ? alert(errors._, 'danger') : ''}
        ${form(ctx, {
          action: '/masuk',
          novalidate: true,
          body: html`
            <input type="hidden" name="next" value="${values.next ?? ''}">
            ${input({ name: 'email', type: 'email', label: ctx.t('auth.email'), value: values.email, required: true, autocomplete: 'username', error: errors.email })}
            ${input({ name: 'password', type: 'password', label: ctx.t('auth.password'), required: true, autocomplete: 'current-password', error: errors.password })}
            ${button(ctx.t('auth.login.submit'))}
            <p><a href="/lupa-sandi">${ctx.t('auth.login.forgot')}</a></p>`,
        })}
      </section>`,
    });
    return sendPage(reply, page, status);
  }

  app.get('/masuk', { schema: { hide: true } }, async (req, reply) => {
    if (req.actor) return seeOther(reply, safeNext((req.query as any).next));
    const notice = (req.query as any).reset === '1' ? req.page().t('auth.reset.done') : undefined;
    return loginPage(req, { next: safeNext((req.query as any).next) }, {}, notice, 200, reply);
  });

  app.post('/masuk', { schema: { hide: true }, config: loginLimit }, async (req, reply) => {
    const body = req.body as Record<string, string>;
    const email = str(body, 'email');
    const next = safeNext(str(body, 'next'));
    try {
      const result = await users.login(pool, { email, password: typeof body?.password === 'string' ? body.password : '', ip: req.ip, userAgent: req.headers['user-agent'] });
      setSessionCookie(reply, config.secureCookies, result.sessionToken, result.expiresAt);
      if (!req.cookies.lang) reply.setCookie('lang', result.user.locale, { path: '/', maxAge: 365 * 86400, sameSite: 'lax', secure: config.secureCookies });
      return seeOther(reply, next);
    } catch (err) {
      if (err instanceof TooManyRequestsError) {
        reply.header('retry-after', String(err.retryAfterSeconds));
        return loginPage(req, { email, next }, { _: t(req.locale, err.key, err.params) }, undefined, 429, reply);
      }
      const errors = formErrors(req.locale, err);
      return loginPage(req, { email, next }, errors, undefined, 422, reply);
    }
  });

  app.post('/keluar', { schema: { hide: true } }, async (req, reply) => {
    const tok = sessionToken(req, config.secureCookies);
    if (tok) await users.logout(pool, tok);
    clearSessionCookie(reply, config.secureCookies);
    return seeOther(reply, '/');
  });

  app.get('/lupa-sandi', { schema: { hide: true } }, async (req, reply) => {
    const ctx = req.page();
    const sent = (req.query as any).sent === '1';
    return sendPage(reply, layout(ctx, {
      title: ctx.t('auth.forgot.title'),
      body: html`<section class="narrow"><h1>${ctx.t('auth.forgot.title')}</h1>
        ${sent ? alert(ctx.t('auth.forgot.sent'), 'success') : html`<p>${ctx.t('auth.forgot.intro')}</p>
        ${form(ctx, { action: '/lupa-sandi', body: html`${input({ name: 'email', type: 'email', label: ctx.t('auth.email'), required: true, autocomplete: 'username' })}${button(ctx.t('auth.forgot.submit'))}` })}`}
      </section>`,
    }));
  });

  app.post('/lupa-sandi', { schema: { hide: true }, config: loginLimit }, async (req, reply) => {
    await users.requestPasswordReset(pool, str(req.body, 'email'), config.baseUrl);
    return seeOther(reply, '/lupa-sandi?sent=1');
  });

  function resetPage(req: any, reply: any, token: string, errors: FieldErrors = {}, status = 200) {
    const ctx = req.page();
    return sendPage(reply, layout(ctx, {
      title: ctx.t('auth.reset.title'),
      body: html`<section class="narrow"><h1>${ctx.t('auth.reset.title')}</h1>
        ${errors.token ? alert(errors.token, 'danger') : ''}
        ${form(ctx, { action: '/atur-sandi', novalidate: true, body: html`<input type="hidden" name="token" value="${token}">
          ${input({ name: 'password', type: 'password', label: ctx.t('auth.newPassword'), hint: ctx.t('auth.passwordHint', { min: MIN_PASSWORD_LENGTH }), required: true, autocomplete: 'new-password', error: errors.password })}
          ${input({ name: 'confirm', type: 'password', label: ctx.t('auth.confirmPassword'), required: true, autocomplete: 'new-password', error: errors.confirm })}
          ${button(ctx.t('auth.reset.submit'))}` })}
      </section>`,
    }), status);
  }

  app.get('/atur-sandi', { schema: { hide: true } }, async (req, reply) => resetPage(req, reply, String((req.query as any).token ?? '')));
  app.post('/atur-sandi', { schema: { hide: true }, config: loginLimit }, async (req, reply) => {
    const body = req.body as Record<string, string>;
    try {
      await users.resetPassword(pool, str(body, 'token'), body.password ?? '', body.confirm ?? '');
      return seeOther(reply, '/masuk?reset=1');
    } catch (err) {
      return resetPage(req, reply, str(body, 'token'), formErrors(req.locale, err), 422);
    }
  });

  // First-admin setup, reachable only with the one-time link printed in the log.
  function setupPage(req: any, reply: any, token: string, values: Record<string, string> = {}, errors: FieldErrors = {}, status = 200) {
    const ctx = req.page();
    return sendPage(reply, layout(ctx, {
      title: ctx.t('auth.setup.title'),
      body: html`<section class="narrow"><h1>${ctx.t('auth.setup.title')}</h1><p>${ctx.t('auth.setup.intro')}</p>
        ${errorSummary(ctx, errors)}
        ${form(ctx, { action: '/admin/setup', novalidate: true, body: html`<input type="hidden" name="token" value="${token}">
          ${input({ name: 'name', label: ctx.t('user.name'), value: values.name, required: true, error: errors.name })}
          ${input({ name: 'email', type: 'email', label: ctx.t('auth.email'), value: values.email, required: true, error: errors.email })}
          ${input({ name: 'password', type: 'password', label: ctx.t('auth.password'), hint: ctx.t('auth.passwordHint', { min: MIN_PASSWORD_LENGTH }), required: true, autocomplete: 'new-password', error: errors.password })}
          ${button(ctx.t('auth.setup.submit'))}` })}
      </section>`,
    }), status);
  }
  app.get('/admin/setup', { schema: { hide: true } }, async (req, reply) => {
    const token = String((req.query as any).token ?? '');
    if (!(await users.setupTokenValid(pool, token))) return sendPage(reply, layout(req.page(), { title: req.page().t('auth.setup.title'), body: alert(req.page().t('auth.reset.invalidToken'), 'danger') }), 404);
    return setupPage(req, reply, token);
  });
  app.post('/admin/setup', { schema: { hide: true }, config: loginLimit }, async (req, reply) => {
    const body = req.body as Record<string, string>;
    const values = { name: str(body, 'name'), email: str(body, 'email') };
    try {
      await users.completeSetup(pool, str(body, 'token'), { ...values, password: body.password ?? '' });
      return seeOther(reply, '/masuk');
    } catch (err) {
      return setupPage(req, reply, str(body, 'token'), values, formErrors(req.locale, err), 422);
    }
  });

  // The account page: memberships, notifications, personal API tokens.
  async function accountPage(req: any, reply: any, created?: string) {
    const actor = requireActor(req);
    const ctx = req.page();
    const tokens = await users.listApiTokens(pool, actor);
    const notes = (await pool.query('SELECT title, url, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY created_at DESC LIMIT 20', [actor.id])).rows;
    return sendPage(reply, layout(ctx, {
      title: ctx.t('account.title'),
      breadcrumbs: [{ label: ctx.t('account.title') }],
      body: html`<h1>${ctx.t('account.title')}</h1>
      <p>${actor.name} · ${actor.email}</p>
      <h2>${ctx.t('account.memberships')}</h2>
      ${table({ columns: [
        { label: ctx.t('admin.organisation'), cell: (m: any) => m.organisationName },
        { label: ctx.t('admin.role'), cell: (m: any) => ctx.t(`role.${m.role}`) },
      ], rows: actor.memberships, empty: ctx.t('account.noMemberships') })}
      <h2>${ctx.t('account.notifications')}</h2>
      ${notes.length ? html`<ul class="notifications">${notes.map((n: any) => html`<li>${n.url ? html`<a href="${n.url}">${n.title}</a>` : n.title} <span class="muted">${formatDate(ctx.locale, n.created_at, true)}</span></li>`)}</ul>` : html`<p class="empty">${ctx.t('account.noNotifications')}</p>`}
      <h2 id="token">${ctx.t('account.tokens')}</h2>
      <p>${ctx.t('account.tokensIntro')}</p>
      ${created ? alert(html`<p>${ctx.t('account.tokenCreated')}</p><p><code class="token">${created}</code></p>`, 'success') : ''}
      ${table({ columns: [
        { label: ctx.t('account.tokenName'), cell: (r: any) => r.name },
        { label: ctx.t('account.tokenPrefix'), cell: (r: any) => html`<code>${r.prefix}…</code>` },
        { label: ctx.t('account.tokenCreatedAt'), cell: (r: any) => formatDate(ctx.locale, r.created_at) },
        { label: ctx.t('account.tokenLastUsed'), cell: (r: any) => formatDate(ctx.locale, r.last_used_at) },
        { label: '', cell: (r: any) => r.revoked_at ? badge(ctx.t('account.tokenRevoked')) : form(ctx, { action: `/akun/token/${r.id}/cabut`, body: button(ctx.t('account.tokenRevoke'), { variant: 'danger' }) }) },
      ], rows: tokens, empty: ctx.t('account.noTokens') })}
      ${form(ctx, { action: '/akun/token', body: html`${input({ name: 'name', label: ctx.t('account.tokenName'), required: true, maxlength: 80 })}${button(ctx.t('account.tokenCreate'))}` })}
      `,
    }));
  }
  app.get('/akun', { schema: { hide: true } }, async (req, reply) => accountPage(req, reply));

  app.post('/akun/token', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const { token } = await users.createApiToken(pool, actor, str(req.body, 'name'));
    return accountPage(req, reply, token); // the token is shown once, on this response only
  });

  app.post('/akun/token/:id/cabut', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    await users.revokeApiToken(pool, actor, (req.params as any).id);
    return seeOther(reply, '/akun#token');
  });
}
