/**
 * Per-request context: the language, the acting user (session cookie or `Authorization: Bearer` token),
 * the CSRF token, and CSRF enforcement on every state-changing request that relies on cookies.
 */
import fp from 'fastify-plugin';
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLocale, t, type Locale } from '../i18n/i18n.ts';
import type { Actor } from '../policy.ts';
import { actorFromApiToken, actorFromSession } from '../auth/users.service.ts';
import { hmac, safeEqual } from '../auth/tokens.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';
import type { PageContext } from '../views/layout.ts';
import type { AppContext } from '../app-context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    csrfToken: string;
    /** Builds the context pages render with. */
    page(): PageContext;
  }
}

export const LANG_COOKIE = 'lang';
const CSRF_COOKIE = 'ntb_csrf';

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-ntb_sid' : 'ntb_sid';
}

function bearer(req: FastifyRequest): string | null {
  const ckan = req.headers['x-ckan-api-key']; // older CKAN clients send only this header
  const h = req.headers.authorization ?? (typeof ckan === 'string' ? ckan : undefined);
  if (!h) return null;
  const m = /^(?:Bearer|Token)\s+(\S+)$/i.exec(h) ?? /^(ntb_\S+)$/.exec(h); // CKAN clients send the bare token
  return m ? m[1] : null;
}

export const requestContextPlugin = fp(async (app) => {
  const ctx: AppContext = app.ctx;
  const secure = ctx.config.secureCookies;
  const sidName = sessionCookieName(secure);

  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'id');
  // The CSRF token is made on first use (a page with a form, or a check of an unsafe request): API clients
  // that never render a page get no cookie and pay no random bytes or HMAC per request.
  app.decorateRequest('csrfToken', {
    getter(this: FastifyRequest): string {
      const self = this as FastifyRequest & { _csrfToken?: string; _csrfFresh?: boolean; _reply?: FastifyReply };
      if (self._csrfToken !== undefined) return self._csrfToken;
      let csrfCookie = this.cookies[CSRF_COOKIE];
      if (!csrfCookie || !/^[A-Za-z0-9_-]{20,64}$/.test(csrfCookie)) {
        csrfCookie = crypto.randomBytes(24).toString('base64url');
        self._reply?.setCookie(CSRF_COOKIE, csrfCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure });
        self._csrfFresh = true;
      }
      self._csrfToken = hmac(ctx.config.sessionSecret, csrfCookie);
      return self._csrfToken;
    },
  });
  app.decorateRequest('page', function (this: FastifyRequest): PageContext {
    const locale = this.locale;
    return {
      locale, actor: this.actor, csrfToken: this.csrfToken, url: this.url, nav: ctx.nav, demo: ctx.config.seedDemo,
      t: (key, params) => t(locale, key, params),
    };
  });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // Language: ?lang= (remembered in a cookie), then the cookie, then the default.
    const q = (req.query as Record<string, unknown> | undefined)?.lang;
    if (isLocale(q)) {
      req.locale = q;
      reply.setCookie(LANG_COOKIE, q, { path: '/', maxAge: 365 * 86400, sameSite: 'lax', secure, httpOnly: false });
    } else {
      const c = req.cookies[LANG_COOKIE];
      req.locale = isLocale(c) ? c : ctx.config.defaultLocale;
    }
    // CSRF: a random per-visitor cookie; forms carry HMAC(secret, cookie) — made on first use (see above).
    (req as any)._reply = reply;

    const token = bearer(req);
    if (token) {
      req.actor = await actorFromApiToken(ctx.pool, token);
      if (!req.actor && req.url.startsWith('/api/v1')) throw new UnauthenticatedError('auth.invalidToken');
      (req as any)._viaToken = true;
    } else {
      const sid = req.cookies[sidName];
      if (sid) req.actor = await actorFromSession(ctx.pool, sid);
    }
    if (req.actor) {
      req.actor.ip = req.ip;
      req.actor.requestId = req.id;
      if (!isLocale(q) && !isLocale(req.cookies[LANG_COOKIE])) req.locale = req.actor.locale;
    }
  });

  // Enforced before handlers run; token-authenticated and cookieless JSON requests carry no ambient authority.
  app.addHook('preHandler', async (req) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return;
    if ((req as any)._viaToken) return;
    if ((req.routeOptions.config as any)?.csrf === false) return;
    const ct = String(req.headers['content-type'] ?? '');
    const isForm = ct.startsWith('application/x-www-form-urlencoded') || ct.startsWith('multipart/form-data');
    const hasSession = !!req.cookies[sidName];
    if (!isForm && !hasSession) return;
    const body = req.body as Record<string, unknown> | undefined;
    const sent = String((body && typeof body === 'object' && !Buffer.isBuffer(body) ? body._csrf : undefined) ?? req.headers['x-csrf-token'] ?? (req.query as any)?._csrf ?? '');
    const expected = req.csrfToken; // makes the token (and marks a fresh cookie) if this visitor had none
    if ((req as any)._csrfFresh || !sent || !safeEqual(sent, expected)) throw new ForbiddenError('error.csrf');
  });
});

export function setSessionCookie(reply: FastifyReply, secure: boolean, token: string, expires: Date): void {
  reply.setCookie(sessionCookieName(secure), token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires });
}
export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(sessionCookieName(secure), { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
export function sessionToken(req: FastifyRequest, secure: boolean): string | undefined {
  return req.cookies[sessionCookieName(secure)];
}

/** Throws 401 unless someone is logged in; pages redirect to the login form instead (see error handler). */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new UnauthenticatedError();
  return req.actor;
}
