/**
 * Routing rules: category × region → organisation (pure). Rules are data the admin edits; the
 * matcher picks the most specific enabled rule:
 *   1. a rule for the category beats a wildcard-category rule;
 *   2. then the longest matching region prefix (desa 52.71.01.1001 ⊂ kecamatan 52.71.01 ⊂ kota 52.71 ⊂ any);
 *   3. then the lower `priority` number; then the rule id (deterministic).
 * No match → the complaint administrator routes by hand.
 */
import type { CategorySeed } from './seed/categories.ts';
import { regionGovernments } from './seed/organisations.ts';

export const ANY = '*';

export interface RoutingRule {
  id: string;
  /** Category code, or '*' for any category. */
  categoryCode: string;
  /** Kemendagri region code prefix (e.g. '52.71', '52.71.01'), or '*' for anywhere. */
  regionCode: string;
  organisationSlug: string;
  priority: number;
  enabled: boolean;
}

export interface RoutingInput {
  categoryCode: string;
  /** The most precise region code known for the report (desa, kecamatan or regency), or null. */
  regionCode: string | null;
}

export type RoutingResult =
  | { kind: 'rule'; organisationSlug: string; ruleId: string }
  | { kind: 'admin' };

/** True if `code` lies within `prefix` (dot-separated Kemendagri codes). */
export function regionWithin(code: string, prefix: string): boolean {
  return code === prefix || code.startsWith(`${prefix}.`);
}

function regionDepth(regionCode: string): number {
  return regionCode === ANY ? 0 : regionCode.split('.').length;
}

export function matchRoutingRule(rules: readonly RoutingRule[], input: RoutingInput): RoutingResult {
  let best: RoutingRule | null = null;
  const key = (r: RoutingRule): [number, number, number] => [r.categoryCode === ANY ? 0 : 1, regionDepth(r.regionCode), -r.priority];
  for (const r of rules) {
    if (!r.enabled) continue;
    if (r.categoryCode !== ANY && r.categoryCode !== input.categoryCode) continue;
    if (r.regionCode !== ANY && (input.regionCode === null || !regionWithin(input.regionCode, r.regionCode))) continue;
    if (!best) { best = r; continue; }
    const a = key(r);
    const b = key(best);
    const cmp = a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || (best.id > r.id ? 1 : best.id < r.id ? -1 : 0);
    if (cmp > 0) best = r;
  }
  return best ? { kind: 'rule', organisationSlug: best.organisationSlug, ruleId: best.id } : { kind: 'admin' };
}

/** Problems in a rule set an admin is about to save: unknown organisations, unknown categories, exact duplicates. */
export function validateRoutingRules(
  rules: readonly Omit<RoutingRule, 'id'>[],
  knownOrganisationSlugs: ReadonlySet<string>,
  knownCategoryCodes: ReadonlySet<string>,
): Array<{ index: number; field: 'organisationSlug' | 'categoryCode' | 'regionCode'; problem: 'unknown' | 'duplicate' | 'invalid' }> {
  const out: Array<{ index: number; field: 'organisationSlug' | 'categoryCode' | 'regionCode'; problem: 'unknown' | 'duplicate' | 'invalid' }> = [];
  const seen = new Map<string, number>();
  rules.forEach((r, i) => {
    if (!knownOrganisationSlugs.has(r.organisationSlug)) out.push({ index: i, field: 'organisationSlug', problem: 'unknown' });
    if (r.categoryCode !== ANY && !knownCategoryCodes.has(r.categoryCode)) out.push({ index: i, field: 'categoryCode', problem: 'unknown' });
    if (r.regionCode !== ANY && !/^52(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(r.regionCode)) out.push({ index: i, field: 'regionCode', problem: 'invalid' });
    const k = `${r.categoryCode}|${r.regionCode}|${r.priority}`;
    if (r.enabled && seen.has(k)) out.push({ index: i, field: 'categoryCode', problem: 'duplicate' });
    if (r.enabled) seen.set(k, i);
  });
  return out;
}

/**
 * The seed rule set: per category either one province-wide rule, or one rule per regency/city
 * government plus a province-wide fallback to the provincial agency for reports without a region.
 */
export function seedRoutingRules(categories: readonly CategorySeed[]): RoutingRule[] {
  const rules: RoutingRule[] = [];
  for (const c of categories) {
    if (c.authority === 'admin') continue;
    rules.push({ id: `${c.code}@${ANY}`, categoryCode: c.code, regionCode: ANY, organisationSlug: c.provincial, priority: 100, enabled: true });
    if (c.authority === 'region') {
      for (const gov of regionGovernments) {
        rules.push({ id: `${c.code}@${gov.regionCode}`, categoryCode: c.code, regionCode: gov.regionCode, organisationSlug: gov.slug, priority: 100, enabled: true });
      }
    }
  }
  return rules;
}
