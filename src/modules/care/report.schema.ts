/** Input and output schemas of NTB Care (TypeBox): one schema per input, reused for OpenAPI. */
import { Type, type Static } from '@sinclair/typebox';
import { privacyOptions, reportTypes } from './report.model.ts';
import { rejectReasons, reportStates } from './report-workflow.ts';

const lit = <T extends readonly string[]>(xs: T) => Type.Union(xs.map((x) => Type.Literal(x)));

export const IntakeSchema = Type.Object({
  type: lit(reportTypes),
  categoryCode: Type.String({ minLength: 1, maxLength: 60 }),
  title: Type.String({ minLength: 1, maxLength: 150 }),
  description: Type.String({ minLength: 1, maxLength: 5000 }),
  regencyCode: Type.Optional(Type.String({ pattern: '^52\\.\\d{2}$' })),
  kecamatanCode: Type.Optional(Type.String({ pattern: '^52\\.\\d{2}\\.\\d{2}$' })),
  desa: Type.Optional(Type.String({ maxLength: 100 })),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  privacy: lit(privacyOptions),
  name: Type.Optional(Type.String({ maxLength: 100 })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  phone: Type.Optional(Type.String({ maxLength: 30 })),
  attributes: Type.Optional(Type.Record(Type.String({ maxLength: 60 }), Type.Union([Type.String({ maxLength: 500 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })]))),
  locale: Type.Optional(Type.Union([Type.Literal('id'), Type.Literal('en')])),
});
export type IntakeInput = Static<typeof IntakeSchema>;

export const TransitionSchema = Type.Object({
  action: Type.String({ minLength: 1, maxLength: 40 }),
  organisationId: Type.Optional(Type.String({ maxLength: 100 })),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
  rejectReason: Type.Optional(lit(rejectReasons)),
  duplicateOf: Type.Optional(Type.String({ maxLength: 20 })),
  referral: Type.Optional(Type.String({ maxLength: 500 })),
  message: Type.Optional(Type.String({ maxLength: 5000 })),
  rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  internalNote: Type.Optional(Type.String({ maxLength: 5000 })),
});
export type TransitionInput = Static<typeof TransitionSchema>;

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ReportOut = Type.Object({
  id: Type.String(),
  trackingCode: Type.String(),
  type: Type.String(),
  categoryCode: Type.String(),
  categoryName: Type.String(),
  title: Nullable(Type.String()),
  description: Nullable(Type.String()),
  privacy: Type.String(),
  state: lit(reportStates),
  regionCode: Nullable(Type.String()),
  regionName: Nullable(Type.String()),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lng: Type.Union([Type.Number(), Type.Null()]),
  address: Nullable(Type.String()),
  reporter: Type.Union([Type.Object({ name: Nullable(Type.String()), email: Nullable(Type.String()), phone: Nullable(Type.String()) }), Type.Null()]),
  reporterHidden: Type.Boolean(),
  organisationName: Nullable(Type.String()),
  rejectReason: Nullable(Type.String()),
  duplicateOfCode: Nullable(Type.String()),
  referral: Nullable(Type.String()),
  rating: Type.Union([Type.Integer(), Type.Null()]),
  isDemo: Type.Boolean(),
  sla: Type.Optional(Type.Union([Type.Object({ stage: Nullable(Type.String()), level: Type.String(), dueAt: Nullable(Type.String()) }), Type.Null()])),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const CreatedOut = Type.Object({
  id: Type.String(),
  trackingCode: Type.String(),
  trackingUrl: Type.String({ description: 'Personal link of the reporter (holds the secret): show it once, keep it private.' }),
  publicUrl: Type.String(),
  state: Type.String(),
});
