/**
 * Automatic publication after validation (optional setting managed at /data/kerja/pengaturan; the SOP
 * norm is 3 minutes). Publishes validated revisions whose `auto_publish_at` has passed — and nothing while
 * the setting is off, even a revision scheduled before it was turned off.
 */
import type { AppContext } from '../../core/app-context.ts';
import { SYSTEM_ACTOR, type Actor } from '../../core/policy.ts';
import { transition } from './dataset.service.ts';
import { autoPublishSetting } from './settings.service.ts';

const SYSTEM_WALIDATA: Actor = { ...SYSTEM_ACTOR, memberships: [{ organisationId: '00000000-0000-0000-0000-000000000000', organisationSlug: 'ntb-terbuka', organisationName: 'Sistem', role: 'walidata' }] };

export async function publishDue(ctx: AppContext, now = new Date()): Promise<number> {
  if (!(await autoPublishSetting(ctx.pool)).enabled) return 0;
  const { rows } = await ctx.pool.query(`SELECT id FROM data_revisions WHERE state = 'validated' AND auto_publish_at IS NOT NULL AND auto_publish_at <= $1 ORDER BY auto_publish_at LIMIT 100`, [now]);
  let n = 0;
  for (const r of rows) {
    try { await transition(ctx, SYSTEM_WALIDATA, r.id, 'auto_publish'); n++; } catch (err) { ctx.log.warn({ err, revision: r.id }, 'auto-publish failed'); }
  }
  return n;
}
