/**
 * Public data requests (usulan data): the walidata's follow-up. Status moves diajukan → ditinjau →
 * dipenuhi | ditolak (a decline needs a reason; a fulfilment may name the published dataset). Audited; the
 * requester, who has no account, is told by e-mail when they left an address.
 */
import type pg from 'pg';
import { withTransaction } from '../../core/db.ts';
import { audit } from '../../core/audit.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { NotFoundError, ValidationError, type FieldProblem } from '../../core/http/errors.ts';
import { queueMail } from '../../core/mail.ts';
import { t } from '../../core/i18n/i18n.ts';

export const REQUEST_STATUSES = ['ditinjau', 'dipenuhi', 'ditolak'] as const;

export async function respondToRequest(pool: pg.Pool, actor: Actor, code: string, input: { status: string; response: string; datasetSlug?: string }, baseUrl: string): Promise<void> {
  authorize(actor, 'data.request.respond', undefined, { hide: true });
  const status = String(input.status ?? '');
  const response = String(input.response ?? '').trim();
  const slug = String(input.datasetSlug ?? '').trim();
  const problems: FieldProblem[] = [];
  if (!(REQUEST_STATUSES as readonly string[]).includes(status)) problems.push({ field: 'status', key: 'validation.enum' });
  if (response.length > 2000) problems.push({ field: 'response', key: 'validation.maxLength', params: { limit: 2000 } });
  if (status === 'ditolak' && !response) problems.push({ field: 'response', key: 'data.request.respond.reasonRequired' });
  await withTransaction(pool, async (tx) => {
    const { rows } = await tx.query('SELECT * FROM data_requests WHERE tracking_code = $1 FOR UPDATE', [String(code).toUpperCase()]);
    const before = rows[0];
    if (!before) throw new NotFoundError();
    let datasetId: string | null = null;
    if (slug) {
      const d = await tx.query('SELECT id FROM data_datasets WHERE slug = $1 AND published_revision_id IS NOT NULL', [slug]);
      if (!d.rows[0]) problems.push({ field: 'datasetSlug', key: 'data.request.respond.unknownDataset' });
      else datasetId = d.rows[0].id;
    }
    if (problems.length) throw new ValidationError(problems);
    await tx.query('UPDATE data_requests SET status = $2, response = $3, dataset_id = coalesce($4, dataset_id), updated_at = now() WHERE id = $1', [before.id, status, response, datasetId]);
    await audit(tx, actor, { action: 'data.request.respond', entityType: 'data_request', entityId: before.id, organisationId: before.organisation_id,
      before: { status: before.status, response: before.response }, after: { status, response, dataset: slug || null } });
    if (before.requester_email && before.status !== status) {
      const statusLabel = t('id', `data.request.s.${status}`);
      await queueMail(tx, {
        to: before.requester_email,
        subject: `[NTB Terbuka] ${t('id', 'data.request.respond.mailSubject', { code: before.tracking_code, status: statusLabel })}`,
        text: `${t('id', 'data.request.respond.mailBody', { title: before.title, status: statusLabel })}\n\n${response}\n\n${baseUrl}/data/usulan/${before.tracking_code}\n`,
      });
    }
  });
}
