/**
 * Bridges the template validation (bilingual, pure) to the core's error shape (catalogue keys translated
 * when the response is written). One catalogue key per (error code × field pattern), generated from the
 * field labels, e.g. `plans.err.maxLength:milestones[].output` → "Tonggak capaian #{n} — Keluaran paling
 * banyak {limit} karakter (saat ini {actual})."
 */
import type { FieldProblem } from '../../core/http/errors.ts';
import { fieldLabel, type ErrorCode, type FieldError } from './commitment.schema.ts';
import { format, type Lang } from './messages.ts';

const CODES: ErrorCode[] = ['required', 'maxLength', 'maxItems', 'notInVocabulary', 'duplicate', 'month', 'monthOrder', 'nonNegative', 'currency', 'slug'];
const STAKEHOLDER_SUBS = ['organisation', 'organisationName', 'branch', 'contactRole', 'role'];
const PATTERNS = [
  'title', 'startMonth', 'endMonth', 'leadAgencies', 'leadNonGov', 'otherStakeholders', 'problem', 'statusQuo', 'action',
  'howSolves', 'longTermGoal', 'policyAreas', 'sectors', 'values', 'secured', 'additionalInfo', 'milestones',
  ...['leadAgencies', 'leadNonGov', 'otherStakeholders'].flatMap((f) => STAKEHOLDER_SUBS.map((s) => `${f}[].${s}`)),
  'values[].value', 'values[].reason',
  ...['budgetAmount', 'currency', 'budgetNote', 'staff', 'months', 'other'].map((s) => `resources.${s}`),
  ...['output', 'startMonth', 'endMonth', 'responsible', 'responsibleNote', 'contactRoles', 'status'].map((s) => `milestones[].${s}`),
];

/** `milestones[2].output` → `milestones[].output` */
export function fieldPattern(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

function buildCatalogue(): Record<Lang, Record<string, string>> {
  const out: Record<Lang, Record<string, string>> = { id: {}, en: {} };
  for (const lang of ['id', 'en'] as const) {
    for (const pattern of PATTERNS) {
      // Label with a placeholder for the row number.
      const label = fieldLabel(pattern.replace('[]', '[0]'), lang).replace('#1', '#{n}');
      for (const code of CODES) {
        out[lang][`plans.err.${code}:${pattern}`] = format(lang, `plans.error.${code}`, { field: label });
      }
    }
  }
  return out;
}

export const validationMessages = buildCatalogue();

/** Converts template validation errors into core field problems (translated by the error handler). */
export function toFieldProblems(errors: FieldError[]): FieldProblem[] {
  return errors.map((e) => {
    const pattern = fieldPattern(e.field);
    const n = /\[(\d+)\]/.exec(e.field);
    const key = `plans.err.${e.code}:${pattern}`;
    const params: Record<string, string | number> = { n: n ? Number(n[1]) + 1 : '', limit: e.limit ?? '', actual: e.actual ?? '', value: e.value ?? '' };
    return validationMessages.id[key] ? { field: e.field, key, params } : { field: e.field, key: `plans.error.${e.code}`, params: { ...params, field: e.field } };
  });
}
