/**
 * A cookie-keeping client over `app.inject`: behaves like a browser for forms (CSRF token taken from the
 * page, as a browser would submit it) and like an API client for JSON.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export class TestAgent {
  cookies = new Map<string, string>();
  csrf = '';

  constructor(private app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse): void {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1];
  }

  async request(opts: { method: string; url: string; headers?: Record<string, string>; payload?: any; body?: any }): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method: opts.method as any, url: opts.url, payload: opts.payload ?? opts.body,
      headers: { accept: 'text/html', cookie: this.cookieHeader(), ...(opts.headers ?? {}) },
    });
    this.keep(res);
    return res;
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.request({ method: 'GET', url, headers });
  }

  /** Makes sure a CSRF token is at hand (loads a page once). */
  async ensureCsrf(): Promise<string> {
    if (!this.csrf) await this.get('/masuk');
    if (!this.csrf) await this.get('/akun');
    return this.csrf;
  }

  /** Submits an HTML form (urlencoded) with the page's CSRF token. */
  async postForm(url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
    await this.ensureCsrf();
    const params = new URLSearchParams();
    params.set('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
    return this.request({ method: 'POST', url, payload: params.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  }

  /** Sends JSON as a logged-in browser script would (CSRF header included). */
  async json(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    await this.ensureCsrf();
    return this.request({ method, url, payload: body === undefined ? undefined : JSON.stringify(body), headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'x-csrf-token': this.csrf, ...headers } });
  }

  async login(email: string, password: string): Promise<LightMyRequestResponse> {
    await this.get('/masuk');
    const res = await this.postForm('/masuk', { email, password });
    if (res.statusCode !== 303) throw new Error(`login failed for ${email}: ${res.statusCode}`);
    this.csrf = '';
    await this.ensureCsrf();
    return res;
  }
}

/** Builds a multipart/form-data body (for uploads through inject). */
export function multipartBody(fields: Record<string, string>, files: Array<{ field: string; filename: string; content: Buffer; contentType?: string }>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----ntbtest${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
