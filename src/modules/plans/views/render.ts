/** Rendering pieces shared by the Rencana Aksi pages: template sections, milestones, diffs, comments. */
import { html, type SafeHtml, type HtmlValue } from '../../../core/views/html.ts';
import { badge } from '../../../core/views/components.ts';
import type { PageContext } from '../../../core/views/layout.ts';
import { formatDate, formatNumber } from '../../../core/i18n/i18n.ts';
import { FIELD_SECTIONS, type CommitmentInput, type StakeholderInput } from '../commitment.schema.ts';
import type { FieldDiff, RowsDiff, Segment, SetDiff, TextDiff } from '../draft-diff.ts';
import type { CommentRow } from '../plans.repo.ts';
import type { ProgressSummary } from '../progress.ts';

export type OrgMap = Map<string, { slug: string; name: string; short_name: string | null }>;

/** Multi-line text: one paragraph per line, escaped. */
export function para(text: string | null | undefined): SafeHtml {
  const lines = (text ?? '').split('\n').filter((l) => l.trim() !== '');
  if (!lines.length) return html`<p class="muted">—</p>`;
  return html`${lines.map((l) => html`<p>${l}</p>`)}`;
}

export function month(ctx: PageContext, m: string | null | undefined): string {
  if (!m) return '—';
  const [y, mo] = m.split('-').map(Number);
  return new Intl.DateTimeFormat(ctx.locale === 'id' ? 'id-ID' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, mo - 1, 1)));
}

export function statusBadge(ctx: PageContext, status: string | null | undefined): SafeHtml {
  const tone = status === 'finished' ? 'success' : status === 'in_progress' ? 'info' : status === 'stuck' || status === 'incomplete' ? 'danger' : 'neutral';
  return badge(ctx.t(`plans.status.${status ?? 'unstated'}`), tone);
}

export function stageBadge(ctx: PageContext, stage: string | null | undefined): SafeHtml {
  return stage ? badge(ctx.t(`plans.stage.${stage}`), stage === 'final' ? 'success' : 'info') : badge(ctx.t('plans.ui.noVersionYet'), 'neutral');
}

export function progressBar(ctx: PageContext, p: ProgressSummary): SafeHtml {
  return html`<div class="plans-progress">
    <progress max="100" value="${p.percent}" aria-label="${ctx.t('plans.ui.progress')}">${p.percent}%</progress>
    <span><strong>${formatNumber(ctx.locale, p.percent)}%</strong> · ${ctx.t('plans.ui.finishedOf', { n: p.finished, total: p.total })}${p.overdue ? html` · ${badge(ctx.t('plans.ui.overdueCount', { n: p.overdue }), 'danger')}` : ''}</span>
  </div>`;
}

function orgName(orgs: OrgMap, slug: string, written?: string | null): string {
  const o = orgs.get(slug);
  return written || o?.name || slug;
}

function stakeholderTable(ctx: PageContext, rows: StakeholderInput[], orgs: OrgMap, withBranch: boolean): SafeHtml {
  if (!rows.length) return html`<p class="muted">—</p>`;
  return html`<div class="table-wrap" tabindex="0"><table>
    <thead><tr><th scope="col">${ctx.t('plans.field.organisation')}</th>${withBranch ? html`<th scope="col">${ctx.t('plans.field.branch')}</th>` : ''}<th scope="col">${ctx.t('plans.field.contactRole')}</th><th scope="col">${ctx.t('plans.field.role')}</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr><td>${orgName(orgs, r.organisation, r.organisationName)}</td>${withBranch ? html`<td>${r.branch ? ctx.t(`plans.branch.${r.branch}`) : html`<span class="muted">${ctx.t('plans.ui.notStated')}</span>`}</td>` : ''}<td>${r.contactRole ?? '—'}</td><td>${r.role ? ctx.t(`plans.role.${r.role}`) : '—'}</td></tr>`)}</tbody>
  </table></div>`;
}

export function budget(ctx: PageContext, r: CommitmentInput['resources']): string {
  if (r.budgetAmount === null || r.budgetAmount === undefined) return '—';
  return `${r.currency ?? ''} ${formatNumber(ctx.locale, r.budgetAmount)}`.trim() + (r.budgetNote ? ` (${r.budgetNote})` : '');
}

/**
 * Sections 1–16 of a commitment in template order. `extra(field)` adds content under a section
 * (comments, a "comment on this section" link).
 */
export function commitmentSections(ctx: PageContext, c: CommitmentInput, orgs: OrgMap, extra: (field: keyof CommitmentInput) => HtmlValue = () => ''): SafeHtml {
  const sec = (field: keyof CommitmentInput, labelKey: string, body: HtmlValue) => html`<section class="plans-section" id="s-${field}">
    <h2><span class="plans-secno">${FIELD_SECTIONS[field]}.</span> ${ctx.t(labelKey)}</h2>${body}${extra(field)}</section>`;
  const r = c.resources ?? {};
  return html`
    ${sec('title', 'plans.field.title', html`<p class="plans-title-text">${c.title}</p>`)}
    ${sec('startMonth', 'plans.field.timeframe', html`<p>${month(ctx, c.startMonth)} – ${month(ctx, c.endMonth)}</p>`)}
    ${sec('leadAgencies', 'plans.field.leadAgencies', stakeholderTable(ctx, c.leadAgencies, orgs, true))}
    ${sec('leadNonGov', 'plans.field.leadNonGov', stakeholderTable(ctx, c.leadNonGov, orgs, false))}
    ${sec('otherStakeholders', 'plans.field.otherStakeholders', stakeholderTable(ctx, c.otherStakeholders, orgs, false))}
    ${sec('problem', 'plans.field.problem', para(c.problem))}
    ${sec('statusQuo', 'plans.field.statusQuo', para(c.statusQuo))}
    ${sec('action', 'plans.field.action', para(c.action))}
    ${sec('howSolves', 'plans.field.howSolves', para(c.howSolves))}
    ${sec('longTermGoal', 'plans.field.longTermGoal', para(c.longTermGoal))}
    ${sec('policyAreas', 'plans.field.policyAreas', c.policyAreas.length ? html`<ul>${c.policyAreas.map((p) => html`<li>${ctx.t(`plans.policyArea.${p}`)}</li>`)}</ul>` : html`<p class="muted">—</p>`)}
    ${sec('sectors', 'plans.field.sectors', c.sectors.length ? html`<ul>${c.sectors.map((p) => html`<li>${ctx.t(`plans.sector.${p}`)}</li>`)}</ul>` : html`<p class="muted">—</p>`)}
    ${sec('values', 'plans.field.values', c.values.length ? html`<dl class="plans-dl">${c.values.map((v) => html`<dt>${ctx.t(`plans.value.${v.value}`)}</dt><dd>${v.reason || '—'}</dd>`)}</dl>` : html`<p class="muted">—</p>`)}
    ${sec('resources', 'plans.field.resources', html`<dl class="plans-dl">
      <dt>${ctx.t('plans.field.resources.budgetAmount')}</dt><dd>${budget(ctx, r)}</dd>
      <dt>${ctx.t('plans.field.resources.staff')}</dt><dd>${r.staff ?? '—'}</dd>
      <dt>${ctx.t('plans.field.resources.months')}</dt><dd>${r.months ?? '—'}</dd>
      <dt>${ctx.t('plans.field.resources.other')}</dt><dd>${r.other ?? '—'}</dd></dl>`)}
    ${sec('secured', 'plans.field.secured', html`<p>${c.secured ? ctx.t(`plans.secured.${c.secured}`) : '—'}</p>`)}
    ${sec('additionalInfo', 'plans.field.additionalInfo', para(c.additionalInfo))}`;
}

function segments(segs: Segment[]): SafeHtml {
  return html`${segs.map((s) => (s.op === 'added' ? html`<ins class="diff-added">${s.text}</ins>` : s.op === 'removed' ? html`<del class="diff-removed">${s.text}</del>` : html`<span>${s.text}</span>`))}`;
}

function diffStatusBadge(ctx: PageContext, status: string): SafeHtml {
  return badge(ctx.t(`plans.diff.${status}`), status === 'unchanged' ? 'neutral' : status === 'removed' ? 'danger' : status === 'added' ? 'success' : 'warning');
}

function subLabel(ctx: PageContext, parent: string, sub: string): string {
  const k = parent === 'resources' ? `plans.field.resources.${sub}` : `plans.field.${sub}`;
  return ctx.t(k);
}

function vocabLabel(ctx: PageContext, field: string, value: string): string {
  if (field === 'policyAreas') return ctx.t(`plans.policyArea.${value}`);
  if (field === 'sectors') return ctx.t(`plans.sector.${value}`);
  return value;
}

/** One field of a diff, rendered with <ins>/<del>. */
export function renderFieldDiff(ctx: PageContext, d: FieldDiff): SafeHtml {
  const head = html`<h2><span class="plans-secno">${d.section}.</span> ${ctx.t(`plans.field.${d.field === 'startMonth' || d.field === 'endMonth' ? d.field : d.field}`)} ${diffStatusBadge(ctx, d.status)}</h2>`;
  let body: SafeHtml;
  if (d.kind === 'text') body = html`<div class="plans-diff-text">${(d as TextDiff).segments.length ? segments((d as TextDiff).segments) : html`<span class="muted">—</span>`}</div>`;
  else if (d.kind === 'set') body = html`<ul>${(d as SetDiff).items.map((i) => html`<li>${i.op === 'added' ? html`<ins class="diff-added">${vocabLabel(ctx, d.field, i.value)}</ins>` : i.op === 'removed' ? html`<del class="diff-removed">${vocabLabel(ctx, d.field, i.value)}</del>` : vocabLabel(ctx, d.field, i.value)}</li>`)}</ul>`;
  else {
    const rd = d as RowsDiff;
    body = html`${rd.rows.map((row) => html`<div class="plans-diff-row plans-diff-${row.status}">
      <p class="plans-diff-rowhead">${rd.field === 'resources' ? '' : html`<code>${row.key}</code> `}${diffStatusBadge(ctx, row.status)}</p>
      <dl class="plans-dl">${row.fields.filter((f) => row.status !== 'unchanged' || f.kind !== 'text' || (f as TextDiff).after).map((f) => html`<dt>${subLabel(ctx, rd.field, f.field)}</dt><dd>${f.kind === 'text' ? segments((f as TextDiff).segments) : html`${(f as SetDiff).items.map((i) => html`${i.op === 'added' ? html`<ins class="diff-added">${i.value}</ins>` : i.op === 'removed' ? html`<del class="diff-removed">${i.value}</del>` : i.value}; `)}`}</dd>`)}</dl>
    </div>`)}`;
  }
  return html`<section class="plans-section plans-diff-field${d.status === 'unchanged' ? ' plans-unchanged' : ''}" id="d-${d.field}">${head}${body}</section>`;
}

export function commentItem(ctx: PageContext, c: CommentRow, replies: CommentRow[], opts: { showField?: boolean; moderator?: boolean; replyForm?: (c: CommentRow) => HtmlValue; responseForm?: (c: CommentRow) => HtmlValue } = {}): SafeHtml {
  return html`<article class="plans-comment" id="k-${c.id}">
    <p class="plans-comment-meta"><strong>${c.author_name}</strong> · ${formatDate(ctx.locale, c.created_at, true)} · ${ctx.t('plans.ui.onVersion', { stage: ctx.t(`plans.stage.${c.version_stage}`) })}
      ${opts.showField ? html` · ${ctx.t('plans.ui.onField')}: ${c.field ? ctx.t(`plans.field.${c.field === 'startMonth' ? 'timeframe' : c.field}`) : ctx.t('plans.field.whole')}` : ''}
      ${c.status !== 'published' ? html` ${badge(ctx.t(`plans.commentStatus.${c.status}`), 'warning')}` : ''}</p>
    <div class="plans-comment-body">${para(c.body)}</div>
    ${c.response_outcome ? html`<div class="plans-response plans-response-${c.response_outcome}">
      <p class="plans-comment-meta"><strong>${ctx.t('plans.ui.secretariatResponse')}</strong>: ${badge(ctx.t(`plans.response.${c.response_outcome}`), c.response_outcome === 'accepted' ? 'success' : c.response_outcome === 'partly_accepted' ? 'info' : 'neutral')}
      ${c.response_landed_stage ? html` · ${ctx.t('plans.ui.landedIn', { stage: ctx.t(`plans.stage.${c.response_landed_stage}`) })}` : ''}</p>
      ${para(c.response_reason)}</div>` : ''}
    ${replies.length ? html`<div class="plans-replies">${replies.map((r) => commentItem(ctx, r, [], { moderator: opts.moderator }))}</div>` : ''}
    ${opts.replyForm ? opts.replyForm(c) : ''}
    ${opts.responseForm ? opts.responseForm(c) : ''}
  </article>`;
}
