import type { FastifyReply } from 'fastify';
import type { SafeHtml } from '../views/html.ts';

export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.toString());
}

/** Redirect after a successful POST (303: the browser follows with GET). */
export function seeOther(reply: FastifyReply, url: string): FastifyReply {
  return reply.redirect(url, 303);
}
