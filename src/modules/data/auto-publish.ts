/** Automatic publication after validation (optional setting; the SOP norm is 3 minutes). */
import type { AppContext } from '../../core/app-context.ts';
import { SYSTEM_ACTOR, type Actor } from '../../core/policy.ts';
import { transition } from './dataset.service.ts';

const SYSTEM_WALIDATA: Actor = { ...SYSTEM_ACTOR, memberships: [{ organisationId: '00000000-0000-0000-0000-000000000000', organisationSlug: 'ntb-terbuka', organisationName: 'Sistem', role: 'walidata' }] };

export async function publishDue(ctx: AppContext, now = new Date()): Promise<number> {
  const { rows } = await ctx.pool.query(`SELECT id FROM data_revisions WHERE state = 'validated' AND auto_publish_at IS NOT NULL AND auto_publish_at <= $1 LIMIT 100`, [now]);
  let n = 0;
  for (const r of rows) {
    try { await transition(ctx, SYSTEM_WALIDATA, r.id, 'auto_publish'); n++; } catch (err) { ctx.log.warn({ err, revision: r.id }, 'auto-publish failed'); }
  }
  return n;
}
