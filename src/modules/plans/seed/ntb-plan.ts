/**
 * The action plan the seeded commitments belong to. Seeds 000/001 are the NTB submission to
 * OGP Local; their commitments run July/August 2021 – December 2023, which gives the cycle.
 */
import type { CommitmentInput, DraftStage } from '../commitment.schema.ts';
import { NTB_CARE_COMMITMENT, NTB_CARE_SLUG } from './commitment-ntb-care.ts';
import { SATU_DATA_COMMITMENT, SATU_DATA_SLUG } from './commitment-satu-data.ts';

export interface SeedPlan {
  slug: string;
  title: string;
  titleEn: string;
  programme: 'ogp_local' | 'ogi';
  startMonth: string;
  endMonth: string;
  description: string;
  descriptionEn: string;
  /** Multi-stakeholder forum: organisation slugs with their part in it. */
  forum: { organisation: string; part: 'secretariat' | 'government' | 'cso' }[];
  commitments: { slug: string; number: number; stage: DraftStage; content: CommitmentInput }[];
}

export const NTB_PLAN: SeedPlan = {
  slug: 'ogp-local-ntb-2021-2023',
  title: 'OGP Local Provinsi NTB 2021–2023',
  titleEn: 'OGP Local — Province of Nusa Tenggara Barat, 2021–2023',
  programme: 'ogp_local',
  startMonth: '2021-07',
  endMonth: '2023-12',
  description: 'Rencana aksi Pemerintah Provinsi Nusa Tenggara Barat sebagai anggota OGP Local, disusun bersama organisasi masyarakat sipil.',
  descriptionEn: 'Action plan of the Provincial Government of Nusa Tenggara Barat as a member of OGP Local, co-created with civil society organisations.',
  forum: [
    { organisation: 'diskominfotik', part: 'secretariat' },
    { organisation: 'somasi-ntb', part: 'cso' },
    { organisation: 'pwyp-indonesia', part: 'cso' },
  ],
  commitments: [
    { slug: SATU_DATA_SLUG, number: 1, stage: 'final', content: SATU_DATA_COMMITMENT },
    { slug: NTB_CARE_SLUG, number: 2, stage: 'final', content: NTB_CARE_COMMITMENT },
  ],
};

/** Every organisation slug the seed refers to (for the registry to match). */
export function seedOrganisationSlugs(plan: SeedPlan = NTB_PLAN): string[] {
  const s = new Set<string>();
  plan.forum.forEach((f) => s.add(f.organisation));
  for (const c of plan.commitments) {
    for (const r of [...c.content.leadAgencies, ...c.content.leadNonGov, ...c.content.otherStakeholders]) s.add(r.organisation);
    for (const m of c.content.milestones) m.responsible.forEach((o) => s.add(o));
  }
  return [...s].sort();
}
