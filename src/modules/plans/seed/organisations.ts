/**
 * Organisations the seeded commitments refer to, by slug. The platform's organisation
 * registry (core) is the owner of organisations; these entries tell it which slugs the
 * Rencana Aksi seed needs and what they are called.
 */
export type OrganisationKind = 'agency' | 'bureau' | 'vertical' | 'cso';

export interface SeedOrganisation {
  slug: string;
  name: string;
  shortName: string;
  kind: OrganisationKind;
}

export const PLAN_ORGANISATIONS: readonly SeedOrganisation[] = [
  { slug: 'diskominfotik', name: 'Dinas Komunikasi, Informatika dan Statistik Provinsi Nusa Tenggara Barat', shortName: 'Diskominfotik Provinsi NTB', kind: 'agency' },
  { slug: 'bappeda', name: 'Badan Perencanaan Pembangunan dan Penelitian Daerah Provinsi Nusa Tenggara Barat', shortName: 'Bappeda Provinsi NTB', kind: 'agency' },
  { slug: 'bps-ntb', name: 'Badan Pusat Statistik Provinsi Nusa Tenggara Barat', shortName: 'BPS Provinsi NTB', kind: 'vertical' },
  { slug: 'inspektorat', name: 'Inspektorat Provinsi Nusa Tenggara Barat', shortName: 'Inspektorat Provinsi NTB', kind: 'agency' },
  { slug: 'biro-organisasi', name: 'Biro Organisasi Sekretariat Daerah Provinsi Nusa Tenggara Barat', shortName: 'Biro Organisasi Setda Provinsi NTB', kind: 'bureau' },
  { slug: 'somasi-ntb', name: 'Solidaritas Masyarakat untuk Transparansi (Somasi) NTB', shortName: 'Somasi NTB', kind: 'cso' },
  { slug: 'pwyp-indonesia', name: 'Publish What You Pay (PWYP) Indonesia', shortName: 'PWYP Indonesia', kind: 'cso' },
];

export function seedOrganisation(slug: string): SeedOrganisation | undefined {
  return PLAN_ORGANISATIONS.find((o) => o.slug === slug);
}
