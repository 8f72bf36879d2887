/** The HTML edit form of a commitment (all 17 sections) and its parsing. Works without JavaScript. */
import { html, type SafeHtml } from '../../core/views/html.ts';
import { button, checkbox, errorSummary, form, input, radios, select, textarea, type FieldErrors } from '../../core/views/components.ts';
import type { PageContext } from '../../core/views/layout.ts';
import {
  BRANCHES, LIMITS, MILESTONE_STATUSES, OGP_VALUES, POLICY_AREAS, ROLES, SECTORS, SECURED_OPTIONS, TEXT_FIELDS,
  type CommitmentInput, type StakeholderInput,
} from './commitment.schema.ts';

const STAKEHOLDER_FIELDS = ['leadAgencies', 'leadNonGov', 'otherStakeholders'] as const;
const arr = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);
const s = (b: Record<string, unknown>, k: string): string => (typeof b[k] === 'string' ? (b[k] as string) : Array.isArray(b[k]) ? String((b[k] as unknown[])[0] ?? '') : '');

/** Form fields → commitment input (service normalises and validates). */
export function parseCommitmentForm(b: Record<string, unknown>): Partial<CommitmentInput> {
  const rows = (prefix: string): StakeholderInput[] => {
    const out: StakeholderInput[] = [];
    for (let i = 0; i < 30; i++) {
      const org = s(b, `${prefix}_org_${i}`);
      if (!(`${prefix}_org_${i}` in b)) break;
      if (!org) continue;
      out.push({ organisation: org, organisationName: s(b, `${prefix}_name_${i}`), branch: (s(b, `${prefix}_branch_${i}`) || null) as never, contactRole: s(b, `${prefix}_contact_${i}`), role: (s(b, `${prefix}_role_${i}`) || null) as never });
    }
    return out;
  };
  const milestones: CommitmentInput['milestones'] = [];
  for (let i = 0; i < 60; i++) {
    if (!(`ms_output_${i}` in b)) break;
    const output = s(b, `ms_output_${i}`);
    if (!output.trim() && !s(b, `ms_key_${i}`)) continue;
    if (s(b, `ms_delete_${i}`)) continue;
    milestones.push({
      key: s(b, `ms_key_${i}`) || null, output, startMonth: s(b, `ms_start_${i}`) || null, endMonth: s(b, `ms_end_${i}`) || null,
      responsible: arr(b[`ms_resp_${i}`]).filter(Boolean), responsibleNote: s(b, `ms_respnote_${i}`),
      contactRoles: s(b, `ms_contacts_${i}`).split('\n').map((x) => x.trim()).filter(Boolean), status: (s(b, `ms_status_${i}`) || null) as never,
    });
  }
  return {
    title: s(b, 'title'), startMonth: s(b, 'startMonth'), endMonth: s(b, 'endMonth'),
    leadAgencies: rows('leadAgencies'), leadNonGov: rows('leadNonGov'), otherStakeholders: rows('otherStakeholders'),
    problem: s(b, 'problem'), statusQuo: s(b, 'statusQuo'), action: s(b, 'action'), howSolves: s(b, 'howSolves'),
    longTermGoal: s(b, 'longTermGoal'), additionalInfo: s(b, 'additionalInfo'),
    policyAreas: arr(b.policyAreas), sectors: arr(b.sectors),
    values: OGP_VALUES.filter((v) => s(b, `value_${v}`)).map((v) => ({ value: v, reason: s(b, `reason_${v}`) })),
    resources: { budgetAmount: s(b, 'res_budgetAmount') as never, currency: s(b, 'res_currency'), budgetNote: s(b, 'res_budgetNote'), staff: s(b, 'res_staff') as never, months: s(b, 'res_months') as never, other: s(b, 'res_other') },
    secured: (s(b, 'secured') || null) as never,
    milestones,
  };
}

export function commitmentForm(ctx: PageContext, opts: { action: string; values: CommitmentInput; errors: FieldErrors; organisations: { slug: string; name: string }[]; submitLabel: string; extra?: SafeHtml }): SafeHtml {
  const v = opts.values;
  const e = opts.errors;
  const orgOptions = opts.organisations.map((o) => ({ value: o.slug, label: o.name }));
  const text = (f: (typeof TEXT_FIELDS)[number], section: number) => textarea({
    name: f, id: `f-${f}`, label: `${section}. ${ctx.t(`plans.field.${f}`)}`, value: v[f], rows: 6, error: e[f],
    hint: ctx.t('plans.ui.maxChars', { limit: LIMITS.text }),
  });
  const stakeholderRows = (f: (typeof STAKEHOLDER_FIELDS)[number], section: number) => {
    const rows = [...v[f], { organisation: '' } as StakeholderInput, { organisation: '' } as StakeholderInput];
    return html`<fieldset class="plans-fieldset"><legend>${section}. ${ctx.t(`plans.field.${f}`)}</legend>
      ${e[f] ? html`<p class="error-message">${e[f]}</p>` : ''}
      ${rows.map((r, i) => html`<div class="plans-row">
        ${select({ name: `${f}_org_${i}`, id: `f-${f}[${i}].organisation`, label: ctx.t('plans.field.organisation'), value: r.organisation, options: orgOptions, placeholder: '—', error: e[`${f}[${i}].organisation`] })}
        ${input({ name: `${f}_name_${i}`, id: `f-${f}[${i}].organisationName`, label: ctx.t('plans.field.organisationName'), value: r.organisationName ?? '', error: e[`${f}[${i}].organisationName`] })}
        ${f === 'leadAgencies' ? select({ name: `${f}_branch_${i}`, id: `f-${f}[${i}].branch`, label: ctx.t('plans.field.branch'), value: r.branch ?? '', options: BRANCHES.map((x) => ({ value: x, label: ctx.t(`plans.branch.${x}`) })), placeholder: '—' }) : ''}
        ${input({ name: `${f}_contact_${i}`, id: `f-${f}[${i}].contactRole`, label: ctx.t('plans.field.contactRole'), hint: ctx.t('plans.ui.contactHint'), value: r.contactRole ?? '', error: e[`${f}[${i}].contactRole`] })}
        ${select({ name: `${f}_role_${i}`, id: `f-${f}[${i}].role`, label: ctx.t('plans.field.role'), value: r.role ?? '', options: ROLES.map((x) => ({ value: x, label: ctx.t(`plans.role.${x}`) })), placeholder: '—' })}
      </div>`)}
    </fieldset>`;
  };
  const ms = [...v.milestones, { key: '', output: '', responsible: [], contactRoles: [] }, { key: '', output: '', responsible: [], contactRoles: [] }];
  const body = html`
    ${errorSummary(ctx, e)}
    ${input({ name: 'title', id: 'f-title', label: `1. ${ctx.t('plans.field.title')}`, value: v.title, required: true, error: e.title, hint: ctx.t('plans.ui.maxChars', { limit: LIMITS.title }) })}
    <fieldset class="plans-fieldset"><legend>2. ${ctx.t('plans.field.timeframe')}</legend><div class="plans-row">
      ${input({ name: 'startMonth', id: 'f-startMonth', type: 'month', label: ctx.t('plans.field.startMonth'), value: v.startMonth ?? '', error: e.startMonth, placeholder: '2021-07' })}
      ${input({ name: 'endMonth', id: 'f-endMonth', type: 'month', label: ctx.t('plans.field.endMonth'), value: v.endMonth ?? '', error: e.endMonth, placeholder: '2023-12' })}
    </div></fieldset>
    ${stakeholderRows('leadAgencies', 3)}${stakeholderRows('leadNonGov', 4)}${stakeholderRows('otherStakeholders', 5)}
    ${text('problem', 6)}${text('statusQuo', 7)}${text('action', 8)}${text('howSolves', 9)}${text('longTermGoal', 10)}
    <fieldset class="plans-fieldset${e.policyAreas ? ' has-error' : ''}" id="f-policyAreas"><legend>11. ${ctx.t('plans.field.policyAreas')}</legend>
      <p class="hint">${ctx.t('plans.ui.upToTwo')}</p>${e.policyAreas ? html`<p class="error-message">${e.policyAreas}</p>` : ''}
      <div class="plans-checks">${POLICY_AREAS.map((p) => checkbox({ name: 'policyAreas', value: p, label: ctx.t(`plans.policyArea.${p}`), checked: v.policyAreas.includes(p) }))}</div></fieldset>
    <fieldset class="plans-fieldset${e.sectors ? ' has-error' : ''}" id="f-sectors"><legend>12. ${ctx.t('plans.field.sectors')}</legend>
      <p class="hint">${ctx.t('plans.ui.upToTwo')}</p>${e.sectors ? html`<p class="error-message">${e.sectors}</p>` : ''}
      <div class="plans-checks">${SECTORS.map((p) => checkbox({ name: 'sectors', value: p, label: ctx.t(`plans.sector.${p}`), checked: v.sectors.includes(p) }))}</div></fieldset>
    <fieldset class="plans-fieldset"><legend>13. ${ctx.t('plans.field.values')}</legend>
      ${OGP_VALUES.map((val) => {
        const cur = v.values.find((x) => x.value === val);
        return html`<div class="plans-value">${checkbox({ name: `value_${val}`, value: '1', label: ctx.t(`plans.value.${val}`), checked: !!cur })}
          ${textarea({ name: `reason_${val}`, id: `f-reason_${val}`, label: ctx.t('plans.field.reason'), value: cur?.reason ?? '', rows: 2 })}</div>`;
      })}</fieldset>
    <fieldset class="plans-fieldset"><legend>14. ${ctx.t('plans.field.resources')}</legend><div class="plans-row">
      ${input({ name: 'res_budgetAmount', id: 'f-resources.budgetAmount', label: ctx.t('plans.field.resources.budgetAmount'), inputmode: 'numeric', value: v.resources.budgetAmount ?? '', error: e['resources.budgetAmount'] })}
      ${input({ name: 'res_currency', id: 'f-resources.currency', label: ctx.t('plans.field.resources.currency'), value: v.resources.currency ?? 'IDR', error: e['resources.currency'] })}
      ${input({ name: 'res_budgetNote', id: 'f-resources.budgetNote', label: ctx.t('plans.field.resources.budgetNote'), value: v.resources.budgetNote ?? '' })}
      ${input({ name: 'res_staff', id: 'f-resources.staff', label: ctx.t('plans.field.resources.staff'), inputmode: 'numeric', value: v.resources.staff ?? '', error: e['resources.staff'] })}
      ${input({ name: 'res_months', id: 'f-resources.months', label: ctx.t('plans.field.resources.months'), inputmode: 'numeric', value: v.resources.months ?? '', error: e['resources.months'] })}
      ${input({ name: 'res_other', id: 'f-resources.other', label: ctx.t('plans.field.resources.other'), value: v.resources.other ?? '' })}
    </div></fieldset>
    ${radios({ name: 'secured', label: `15. ${ctx.t('plans.field.secured')}`, value: v.secured ?? '', error: e.secured, options: SECURED_OPTIONS.map((x) => ({ value: x, label: ctx.t(`plans.secured.${x}`) })) })}
    ${text('additionalInfo', 16)}
    <fieldset class="plans-fieldset"><legend>17. ${ctx.t('plans.field.milestones')}</legend>
      ${ms.map((m, i) => html`<div class="plans-milestone-edit">
        <input type="hidden" name="ms_key_${i}" value="${m.key ?? ''}">
        ${textarea({ name: `ms_output_${i}`, id: `f-milestones[${i}].output`, label: `#${i + 1} ${ctx.t('plans.field.output')}`, value: m.output, rows: 2, error: e[`milestones[${i}].output`] })}
        <div class="plans-row">
        ${input({ name: `ms_start_${i}`, id: `f-milestones[${i}].startMonth`, type: 'month', label: ctx.t('plans.field.startMonth'), value: m.startMonth ?? '', error: e[`milestones[${i}].startMonth`] })}
        ${input({ name: `ms_end_${i}`, id: `f-milestones[${i}].endMonth`, type: 'month', label: ctx.t('plans.field.endMonth'), value: m.endMonth ?? '', error: e[`milestones[${i}].endMonth`] })}
        ${select({ name: `ms_resp_${i}`, id: `f-milestones[${i}].responsible`, label: ctx.t('plans.field.responsible'), value: m.responsible, options: orgOptions, multiple: true, error: e[`milestones[${i}].responsible`] })}
        ${input({ name: `ms_respnote_${i}`, id: `f-milestones[${i}].responsibleNote`, label: ctx.t('plans.field.responsibleNote'), value: m.responsibleNote ?? '' })}
        ${select({ name: `ms_status_${i}`, id: `f-milestones[${i}].status`, label: ctx.t('plans.field.status'), value: m.status ?? '', options: MILESTONE_STATUSES.map((x) => ({ value: x, label: ctx.t(`plans.status.${x}`) })), placeholder: ctx.t('plans.status.unstated') })}
        </div>
        ${textarea({ name: `ms_contacts_${i}`, id: `f-milestones[${i}].contactRoles`, label: ctx.t('plans.field.contactRoles'), hint: ctx.t('plans.ui.contactLinesHint'), value: m.contactRoles.join('\n'), rows: 2 })}
        ${m.key ? checkbox({ name: `ms_delete_${i}`, value: '1', label: ctx.t('plans.ui.deleteMilestone') }) : ''}
      </div>`)}
    </fieldset>
    ${opts.extra ?? ''}
    ${button(opts.submitLabel)}`;
  return form(ctx, { action: opts.action, body, novalidate: true, class: 'plans-form' });
}
