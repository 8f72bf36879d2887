/** Input schemas of Satu Data (TypeBox), shared by forms, the JSON API and OpenAPI. */
import { Type, type Static } from '@sinclair/typebox';

export const SECTORS = ['sosial', 'ekonomi', 'infrastruktur'] as const;
export const FREQUENCIES = ['tahunan', 'semesteran', 'triwulanan', 'bulanan', 'sekali'] as const;
export const LEVELS = ['provinsi', 'kabupaten_kota', 'kecamatan', 'desa'] as const;
export const LICENCES = ['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'ODC-BY-1.0'] as const;

const lit = <T extends readonly string[]>(vals: T) => Type.Union(vals.map((v) => Type.Literal(v)));

export const RevisionInput = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.String({ maxLength: 10_000, default: '' }),
  sector: lit(SECTORS),
  topic: Type.String({ maxLength: 200, default: '' }),
  tags: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 30, default: [] }),
  licence: lit(LICENCES),
  temporalStart: Type.Union([Type.String({ format: 'date' }), Type.Null()], { default: null }),
  temporalEnd: Type.Union([Type.String({ format: 'date' }), Type.Null()], { default: null }),
  regionCodes: Type.Array(Type.String({ pattern: '^\\d{2}(\\.\\d{2}(\\.\\d{2}(\\.\\d{4})?)?)?$' }), { maxItems: 1200, default: [] }),
  frequency: lit(FREQUENCIES),
  level: lit(LEVELS),
  contactRole: Type.String({ maxLength: 200, default: '' }),
  source: Type.String({ maxLength: 1000, default: '' }),
  notes: Type.String({ maxLength: 4000, default: '' }),
  msInd: Type.Record(Type.String(), Type.String({ maxLength: 4000 }), { default: {} }),
  msKeg: Type.Record(Type.String(), Type.String({ maxLength: 4000 }), { default: {} }),
});
export type RevisionInput = Static<typeof RevisionInput>;

export const CreateDatasetInput = Type.Intersect([
  RevisionInput,
  Type.Object({
    organisationId: Type.String({ format: 'uuid' }),
    slug: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 120 })),
    dataListItemId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  }),
]);
export type CreateDatasetInput = Static<typeof CreateDatasetInput>;

export const LinkResourceInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 300 }),
  url: Type.String({ format: 'uri', maxLength: 2000 }),
  format: Type.String({ maxLength: 20, default: '' }),
  description: Type.String({ maxLength: 2000, default: '' }),
});
export type LinkResourceInput = Static<typeof LinkResourceInput>;

export const MS_IND_KEYS = ['concept', 'definition', 'interpretation', 'method', 'unit', 'classification'] as const;
export const MS_KEG_KEYS = ['activity', 'method', 'period'] as const;
