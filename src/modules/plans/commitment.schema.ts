/**
 * The OGP Local commitment template (seeds 000/001) and the Open Government Indonesia
 * co-creation vocabulary (seed 002) as data, plus the validation of a commitment input.
 *
 * Codes are stable identifiers stored in the database; labels live in `messages.ts`
 * under `plans.<vocabulary>.<code>` so that the UI shows Bahasa Indonesia first, English second.
 */
import { format, messages, type Lang } from './messages.ts';

/** Section 11 — primary policy areas (select up to two). */
export const POLICY_AREAS = [
  'asset-disclosure', 'audits-controls', 'beneficial-ownership', 'civic-space', 'conflict-of-interest',
  'crisis-response', 'digital-governance', 'e-petitions', 'elections-political-finance', 'fiscal-openness',
  'inclusion', 'legislative-openness', 'lobbying', 'open-contracting', 'open-data', 'public-procurement',
  'regulatory-governance', 'right-to-information', 'safety-nets-economic-inclusion', 'social-accountability',
  'stimulus-economic-recovery', 'tax', 'whistleblower-protection', 'other',
] as const;
export type PolicyArea = (typeof POLICY_AREAS)[number];

/** Section 12 — primary sectors (select up to two). */
export const SECTORS = [
  'aid', 'citizenship-immigration', 'cross-sectoral', 'education', 'environment-climate', 'extractive-industries',
  'health-nutrition', 'infrastructure-transport', 'justice', 'land-spatial-planning', 'legislature',
  'media-telecommunications', 'policing-corrections', 'private-sector', 'public-services', 'science-technology',
  'security-public-safety', 'wash', 'other',
] as const;
export type Sector = (typeof SECTORS)[number];

/** Section 13 — OGP values. */
export const OGP_VALUES = [
  'transparency', 'participation', 'accountability',
  'tech-transparency', 'tech-participation', 'tech-accountability',
] as const;
export type OgpValue = (typeof OGP_VALUES)[number];

/** Section 3 — branch of government. */
export const BRANCHES = ['executive', 'judicial', 'legislative', 'independent'] as const;
export type Branch = (typeof BRANCHES)[number];

/** Sections 3–5 — role in implementation. */
export const ROLES = ['lead', 'support', 'oversight', 'coordinate'] as const;
export type Role = (typeof ROLES)[number];

/** Section 15 — are the resources secured. */
export const SECURED_OPTIONS = ['yes', 'no', 'partially'] as const;
export type Secured = (typeof SECURED_OPTIONS)[number];

/** Section 17 — milestone status. */
export const MILESTONE_STATUSES = ['not_started', 'in_progress', 'stuck', 'finished', 'incomplete'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** Seed 002 — co-creation methods (FD, IW, TC, PC, PCD). */
export const COCREATION_METHODS = [
  'formal_discussion', 'internal_workshop', 'teleconference', 'public_consultation', 'public_consultation_digital',
] as const;
export type CocreationMethod = (typeof COCREATION_METHODS)[number];

/** Seed 002 — the journey of a commitment: Draft 1 → Draft 2 → Draft 3 → Draft 4 → Final. */
export const DRAFT_STAGES = ['draft_1', 'draft_2', 'draft_3', 'draft_4', 'final'] as const;
export type DraftStage = (typeof DRAFT_STAGES)[number];

/** Who drafts at each stage (seed 002 "Penyusun"). */
export const DRAFT_AUTHOR_GROUPS = ['cso', 'secretariat', 'agency', 'public'] as const;
export type DraftAuthorGroup = (typeof DRAFT_AUTHOR_GROUPS)[number];
export const STAGE_AUTHORS: Record<DraftStage, readonly DraftAuthorGroup[]> = {
  draft_1: ['cso', 'secretariat'],
  draft_2: ['cso', 'secretariat'],
  draft_3: ['cso', 'agency', 'secretariat'],
  draft_4: ['cso', 'agency', 'secretariat', 'public'],
  final: ['cso', 'agency', 'secretariat', 'public'],
};

/** The stage that follows `stage`, or null after Final. */
export function nextStage(stage: DraftStage): DraftStage | null {
  const i = DRAFT_STAGES.indexOf(stage);
  return i >= 0 && i < DRAFT_STAGES.length - 1 ? DRAFT_STAGES[i + 1] : null;
}

/** IRM assessment scales. */
export const IRM_POTENTIAL = ['unclear', 'modest', 'substantial'] as const;
export type IrmPotential = (typeof IRM_POTENTIAL)[number];
export const IRM_COMPLETION = ['no_evidence', 'not_started', 'limited', 'substantial', 'complete'] as const;
export type IrmCompletion = (typeof IRM_COMPLETION)[number];
/** "Did it open government?" */
export const IRM_EARLY_RESULTS = ['worsened', 'did_not_change', 'marginal', 'major', 'outstanding'] as const;
export type IrmEarlyResults = (typeof IRM_EARLY_RESULTS)[number];

/** Reasoned-response outcomes for consultation comments. */
export const RESPONSE_OUTCOMES = ['accepted', 'partly_accepted', 'not_accepted'] as const;
export type ResponseOutcome = (typeof RESPONSE_OUTCOMES)[number];

/** Character limits of the template. Counted in Unicode code points. */
export const LIMITS = {
  title: 250,
  text: 1000,
  policyAreas: 2,
  sectors: 2,
  /** Not in the template; generous bounds so a row stays a row. */
  shortText: 250,
  currency: 3,
} as const;

/** The long-text fields of sections 6–10 and 16, in template order. */
export const TEXT_FIELDS = ['problem', 'statusQuo', 'action', 'howSolves', 'longTermGoal', 'additionalInfo'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** One row of sections 3, 4 or 5. `organisation` is a slug of the organisation registry. */
export interface StakeholderInput {
  organisation: string;
  /** Name as written in the commitment (the registry name is shown when this is absent). */
  organisationName?: string | null;
  branch?: Branch | null;
  /** Contact given as a role/title, never a person's name. */
  contactRole?: string | null;
  role?: Role | null;
}

export interface ValueInput {
  value: OgpValue;
  reason: string;
}

export interface ResourcesInput {
  budgetAmount?: number | null;
  /** ISO 4217, e.g. IDR. */
  currency?: string | null;
  budgetNote?: string | null;
  staff?: number | null;
  months?: number | null;
  other?: string | null;
}

/** Section 17 row. `key` is stable across draft versions so diffs can match milestones. */
export interface MilestoneInput {
  key?: string | null;
  output: string;
  /** YYYY-MM */
  startMonth?: string | null;
  /** YYYY-MM */
  endMonth?: string | null;
  responsible: string[];
  /** Name(s) of the responsible unit as written, when more precise than the organisation. */
  responsibleNote?: string | null;
  contactRoles: string[];
  /** null when the source leaves the status blank. */
  status?: MilestoneStatus | null;
}

/** The content of a commitment: sections 1–17 of the template. */
export interface CommitmentInput {
  title: string;
  startMonth?: string | null;
  endMonth?: string | null;
  leadAgencies: StakeholderInput[];
  leadNonGov: StakeholderInput[];
  otherStakeholders: StakeholderInput[];
  problem: string;
  statusQuo: string;
  action: string;
  howSolves: string;
  longTermGoal: string;
  policyAreas: string[];
  sectors: string[];
  values: ValueInput[];
  resources: ResourcesInput;
  secured?: Secured | null;
  additionalInfo: string;
  milestones: MilestoneInput[];
}

/** Template section number of each top-level field (for ordering, exports and diffs). */
export const FIELD_SECTIONS: Record<keyof CommitmentInput, number> = {
  title: 1, startMonth: 2, endMonth: 2, leadAgencies: 3, leadNonGov: 4, otherStakeholders: 5,
  problem: 6, statusQuo: 7, action: 8, howSolves: 9, longTermGoal: 10, policyAreas: 11, sectors: 12,
  values: 13, resources: 14, secured: 15, additionalInfo: 16, milestones: 17,
};

/** Top-level fields in template order. */
export const FIELD_ORDER = (Object.keys(FIELD_SECTIONS) as (keyof CommitmentInput)[])
  .sort((a, b) => FIELD_SECTIONS[a] - FIELD_SECTIONS[b]);

/** Fields a public comment may target (besides the whole commitment). */
export const COMMENTABLE_FIELDS = FIELD_ORDER;

export type ErrorCode =
  | 'required' | 'maxLength' | 'maxItems' | 'notInVocabulary' | 'duplicate' | 'month' | 'monthOrder'
  | 'nonNegative' | 'currency' | 'slug';

/** A validation problem on one field, with the message in both languages. */
export interface FieldError {
  /** Path of the field, e.g. `title`, `policyAreas`, `milestones[2].output`. */
  field: string;
  code: ErrorCode;
  limit?: number;
  actual?: number;
  value?: string;
  message: Record<Lang, string>;
}

/** Length in Unicode code points (what a person counts as characters). */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Label of a field path in a language, e.g. `milestones[2].output` → "Tonggak #3 — Keluaran". */
export function fieldLabel(path: string, lang: Lang): string {
  const cat = messages[lang] as Record<string, string>;
  const m = /^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?$/.exec(path);
  if (!m) return path;
  const [, top, idx, sub] = m;
  let label = cat[`plans.field.${top}`] ?? top;
  if (idx !== undefined) label += ` #${Number(idx) + 1}`;
  if (sub) label += ` — ${cat[`plans.field.${top}.${sub}`] ?? cat[`plans.field.${sub}`] ?? sub}`;
  return label;
}

function err(field: string, code: ErrorCode, extra: { limit?: number; actual?: number; value?: string } = {}): FieldError {
  const msg = {} as Record<Lang, string>;
  for (const lang of ['id', 'en'] as const) {
    msg[lang] = format(lang, `plans.error.${code}`, {
      field: fieldLabel(field, lang),
      limit: extra.limit ?? '',
      actual: extra.actual ?? '',
      value: extra.value ?? '',
    });
  }
  return { field, code, ...extra, message: msg };
}

function checkText(errors: FieldError[], field: string, value: unknown, limit: number, required = false): void {
  if (value === undefined || value === null || value === '') {
    if (required) errors.push(err(field, 'required'));
    return;
  }
  if (typeof value !== 'string') { errors.push(err(field, 'required')); return; }
  if (required && value.trim() === '') { errors.push(err(field, 'required')); return; }
  const n = charCount(value);
  if (n > limit) errors.push(err(field, 'maxLength', { limit, actual: n }));
}

function checkMonth(errors: FieldError[], field: string, value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (typeof value !== 'string' || !MONTH_RE.test(value)) {
    errors.push(err(field, 'month', { value: String(value) }));
    return false;
  }
  return true;
}

function checkVocab(errors: FieldError[], field: string, value: unknown, vocab: readonly string[], required = false): void {
  if (value === undefined || value === null || value === '') {
    if (required) errors.push(err(field, 'required'));
    return;
  }
  if (typeof value !== 'string' || !vocab.includes(value)) errors.push(err(field, 'notInVocabulary', { value: String(value) }));
}

function checkSelection(errors: FieldError[], field: string, values: unknown, vocab: readonly string[], max: number): void {
  const list = Array.isArray(values) ? values : [];
  if (list.length > max) errors.push(err(field, 'maxItems', { limit: max, actual: list.length }));
  const seen = new Set<unknown>();
  for (const v of list) {
    if (typeof v !== 'string' || !vocab.includes(v)) errors.push(err(field, 'notInVocabulary', { value: String(v) }));
    else if (seen.has(v)) errors.push(err(field, 'duplicate', { value: v }));
    seen.add(v);
  }
}

function checkStakeholders(errors: FieldError[], field: string, rows: unknown): void {
  const list = Array.isArray(rows) ? (rows as StakeholderInput[]) : [];
  list.forEach((r, i) => {
    const p = `${field}[${i}]`;
    if (!r || typeof r.organisation !== 'string' || r.organisation === '') errors.push(err(`${p}.organisation`, 'required'));
    else if (!SLUG_RE.test(r.organisation)) errors.push(err(`${p}.organisation`, 'slug', { value: r.organisation }));
    checkText(errors, `${p}.organisationName`, r?.organisationName, LIMITS.shortText);
    checkVocab(errors, `${p}.branch`, r?.branch, BRANCHES);
    checkText(errors, `${p}.contactRole`, r?.contactRole, LIMITS.shortText);
    checkVocab(errors, `${p}.role`, r?.role, ROLES);
  });
}

export interface ValidateOptions {
  /** Require every mandatory section to be filled (for Final); drafts may be partial. */
  complete?: boolean;
  /**
   * The version this input revises. A text already over its limit there and left unchanged
   * is not refused: the seeded Satu Data commitment (seed 000) was submitted with a problem of
   * 1009 and a status quo of 1084 characters, and editing another field must stay possible.
   * Any edit to such a text must bring it within the limit.
   */
  previous?: Partial<CommitmentInput> | null;
}

/** Value at a path such as `milestones[2].output` or `resources.other`. */
export function valueAtPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    const m = /^(\w+)(?:\[(\d+)\])?$/.exec(part);
    if (!m || cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[m[1]];
    if (m[2] !== undefined) cur = Array.isArray(cur) ? cur[Number(m[2])] : undefined;
  }
  return cur;
}

/** Fields over their limit, e.g. to flag them on a seeded commitment. */
export function overLimitFields(input: Partial<CommitmentInput>): FieldError[] {
  return validateCommitment(input).filter((e) => e.code === 'maxLength' || e.code === 'maxItems');
}

/**
 * Validate a commitment against the OGP Local template: limits, vocabularies, months.
 * Returns an empty array when valid. Pure; never throws on malformed input.
 */
export function validateCommitment(input: Partial<CommitmentInput>, opts: ValidateOptions = {}): FieldError[] {
  const errors: FieldError[] = [];
  const c = (input ?? {}) as Partial<CommitmentInput>;
  const complete = opts.complete === true;

  checkText(errors, 'title', c.title, LIMITS.title, true);

  const hasStart = checkMonth(errors, 'startMonth', c.startMonth);
  const hasEnd = checkMonth(errors, 'endMonth', c.endMonth);
  if (complete && !c.startMonth) errors.push(err('startMonth', 'required'));
  if (complete && !c.endMonth) errors.push(err('endMonth', 'required'));
  if (hasStart && hasEnd && (c.endMonth as string) < (c.startMonth as string)) errors.push(err('endMonth', 'monthOrder'));

  checkStakeholders(errors, 'leadAgencies', c.leadAgencies);
  if (complete && (!Array.isArray(c.leadAgencies) || c.leadAgencies.length === 0)) errors.push(err('leadAgencies', 'required'));
  checkStakeholders(errors, 'leadNonGov', c.leadNonGov);
  checkStakeholders(errors, 'otherStakeholders', c.otherStakeholders);

  for (const f of TEXT_FIELDS) checkText(errors, f, c[f], LIMITS.text, complete && f !== 'additionalInfo');

  checkSelection(errors, 'policyAreas', c.policyAreas, POLICY_AREAS, LIMITS.policyAreas);
  checkSelection(errors, 'sectors', c.sectors, SECTORS, LIMITS.sectors);
  if (complete && (!Array.isArray(c.policyAreas) || c.policyAreas.length === 0)) errors.push(err('policyAreas', 'required'));
  if (complete && (!Array.isArray(c.sectors) || c.sectors.length === 0)) errors.push(err('sectors', 'required'));

  const values = Array.isArray(c.values) ? c.values : [];
  const seenValues = new Set<string>();
  values.forEach((v, i) => {
    checkVocab(errors, `values[${i}].value`, v?.value, OGP_VALUES, true);
    if (v?.value && seenValues.has(v.value)) errors.push(err(`values[${i}].value`, 'duplicate', { value: v.value }));
    if (v?.value) seenValues.add(v.value);
    checkText(errors, `values[${i}].reason`, v?.reason, LIMITS.text, complete);
  });
  if (complete && values.length === 0) errors.push(err('values', 'required'));

  const r = (c.resources ?? {}) as ResourcesInput;
  for (const k of ['budgetAmount', 'staff', 'months'] as const) {
    const v = r[k];
    if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      errors.push(err(`resources.${k}`, 'nonNegative', { value: String(v) }));
    }
  }
  if (r.currency !== undefined && r.currency !== null && r.currency !== '' && !/^[A-Z]{3}$/.test(r.currency)) {
    errors.push(err('resources.currency', 'currency', { value: String(r.currency) }));
  }
  checkText(errors, 'resources.budgetNote', r.budgetNote, LIMITS.shortText);
  checkText(errors, 'resources.other', r.other, LIMITS.text);

  checkVocab(errors, 'secured', c.secured, SECURED_OPTIONS, complete);

  const milestones = Array.isArray(c.milestones) ? c.milestones : [];
  milestones.forEach((m, i) => {
    const p = `milestones[${i}]`;
    checkText(errors, `${p}.output`, m?.output, LIMITS.text, true);
    const s = checkMonth(errors, `${p}.startMonth`, m?.startMonth);
    const e = checkMonth(errors, `${p}.endMonth`, m?.endMonth);
    if (s && e && (m.endMonth as string) < (m.startMonth as string)) errors.push(err(`${p}.endMonth`, 'monthOrder'));
    const resp = Array.isArray(m?.responsible) ? m.responsible : [];
    resp.forEach((o) => { if (typeof o !== 'string' || !SLUG_RE.test(o)) errors.push(err(`${p}.responsible`, 'slug', { value: String(o) })); });
    if (complete && resp.length === 0) errors.push(err(`${p}.responsible`, 'required'));
    checkText(errors, `${p}.responsibleNote`, m?.responsibleNote, LIMITS.shortText);
    (Array.isArray(m?.contactRoles) ? m.contactRoles : []).forEach((cr) => checkText(errors, `${p}.contactRoles`, cr, LIMITS.shortText));
    checkVocab(errors, `${p}.status`, m?.status, MILESTONE_STATUSES);
  });
  if (complete && milestones.length === 0) errors.push(err('milestones', 'required'));

  const prev = opts.previous;
  if (prev) {
    return errors.filter((e) => !(e.code === 'maxLength' && valueAtPath(prev, e.field) === valueAtPath(c, e.field)));
  }
  return errors;
}

/** An empty commitment, the starting point of Draft 1. */
export function emptyCommitment(title = ''): CommitmentInput {
  return {
    title, startMonth: null, endMonth: null, leadAgencies: [], leadNonGov: [], otherStakeholders: [],
    problem: '', statusQuo: '', action: '', howSolves: '', longTermGoal: '', policyAreas: [], sectors: [],
    values: [], resources: {}, secured: null, additionalInfo: '', milestones: [],
  };
}
