/**
 * The report as the care module holds it, and its vocabularies. Repos return these shapes; presenters
 * turn them into what each kind of viewer may see.
 */
import type { RejectReason, ReportState } from './report-workflow.ts';

export const reportTypes = ['pengaduan', 'aspirasi', 'permintaan_informasi'] as const;
export type ReportType = (typeof reportTypes)[number];

/**
 * - publik: content on the public board; the reporter's identity is never shown publicly anyway;
 * - anonim: content public, identity hidden from the public AND from the agency (only the complaint
 *   administrator sees it, to contact the reporter);
 * - rahasia: content not public; the handling agency sees it.
 */
export const privacyOptions = ['publik', 'anonim', 'rahasia'] as const;
export type Privacy = (typeof privacyOptions)[number];

/** Intake channels; each is an adapter producing the same report record. */
export const channels = ['web', 'api', 'open311', 'sms', 'whatsapp', 'instagram', 'facebook', 'email', 'lapor', 'import'] as const;
export type Channel = (typeof channels)[number];

export interface ReportRecord {
  id: string;
  trackingCode: string;
  type: ReportType;
  categoryCode: string;
  categoryName: string;
  title: string;
  description: string;
  privacy: Privacy;
  channel: Channel;
  state: ReportState;
  regionCode: string | null;
  regionName: string | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
  reporterName: string | null;
  reporterEmail: string | null;
  reporterPhone: string | null;
  assignedOrganisationId: string | null;
  assignedOrganisationName: string | null;
  rejectReason: RejectReason | null;
  duplicateOfCode: string | null;
  referral: string | null;
  rating: number | null;
  ratingComment: string | null;
  isDemo: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type EventKind = 'transition' | 'note' | 'created' | 'merged' | 'escalation' | 'reminder';

export interface ReportEventRecord {
  id: string;
  reportId: string;
  kind: EventKind;
  action: string | null;
  fromState: ReportState | null;
  toState: ReportState | null;
  /** Text addressed to the reporter / public (response, question, reason). */
  publicText: string | null;
  /** Staff-only note. */
  internalText: string | null;
  actorRole: 'complaint_admin' | 'complaint_liaison' | 'reporter' | 'system' | 'admin' | null;
  /** The organisation the acting staff member acted for (shown instead of a person's name). */
  actorOrganisationName: string | null;
  organisationName: string | null;
  createdAt: Date;
}

export interface AttachmentRecord {
  id: string;
  reportId: string;
  mime: string;
  size: number;
  /** Image re-encoded without metadata: safe to show beyond staff. PDFs never are. */
  sanitized: boolean;
  width: number | null;
  height: number | null;
  createdAt: Date;
}
