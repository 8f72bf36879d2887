/**
 * What each kind of viewer may see of a report (pure). The rules:
 * - public: only reports past verification, not `rahasia`, not rejected as spam; personal data
 *   (NIK, phone, e-mail) redacted from every text; the reporter is never identified; only
 *   re-encoded images, never PDFs; no internal notes.
 * - tracking (code only): the public view, plus the status of a `rahasia` report without its content.
 * - reporter (tracking link with secret): their own report in full, public timeline.
 * - liaison (assigned organisation): full content; for `anonim` reports no name or contact at all,
 *   and personal data redacted from the texts as for the public; internal notes.
 * - admin (complaint administrator): everything.
 */
import { redact } from './redact.ts';
import type { AttachmentRecord, ReportEventRecord, ReportRecord } from './report.model.ts';
import type { ReportState } from './report-workflow.ts';

export type ViewerKind = 'public' | 'tracking' | 'reporter' | 'liaison' | 'admin';

export interface ReporterView {
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface ReportView {
  id: string;
  trackingCode: string;
  type: ReportRecord['type'];
  categoryCode: string;
  categoryName: string;
  /** null when the viewer may see the status but not the content (rahasia via tracking code). */
  title: string | null;
  description: string | null;
  privacy: ReportRecord['privacy'];
  channel: ReportRecord['channel'] | null;
  state: ReportState;
  regionCode: string | null;
  regionName: string | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
  /** null: the viewer may not know who reported. */
  reporter: ReporterView | null;
  /** True when identity exists but is withheld from this viewer. */
  reporterHidden: boolean;
  organisationName: string | null;
  rejectReason: ReportRecord['rejectReason'];
  duplicateOfCode: string | null;
  referral: string | null;
  rating: number | null;
  ratingComment: string | null;
  isDemo: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** States a report must have reached to be on the public board. */
const PUBLIC_STATES: readonly ReportState[] = ['terverifikasi', 'didisposisi', 'menunggu_pelapor', 'ditindaklanjuti', 'selesai', 'ditolak'];

export function isPubliclyListed(r: Pick<ReportRecord, 'privacy' | 'state' | 'rejectReason'>): boolean {
  return r.privacy !== 'rahasia' && PUBLIC_STATES.includes(r.state) && !(r.state === 'ditolak' && r.rejectReason === 'spam');
}

const clean = (s: string | null): string | null => (s === null ? null : redact(s));

/** The report as `viewer` may see it, or null if it may not see it at all (answer "not found"). */
export function presentReport(r: ReportRecord, viewer: ViewerKind): ReportView | null {
  const base: ReportView = {
    id: r.id, trackingCode: r.trackingCode, type: r.type, categoryCode: r.categoryCode, categoryName: r.categoryName,
    title: r.title, description: r.description, privacy: r.privacy, channel: r.channel, state: r.state,
    regionCode: r.regionCode, regionName: r.regionName, lat: r.lat, lng: r.lng, address: r.address,
    reporter: { name: r.reporterName, email: r.reporterEmail, phone: r.reporterPhone }, reporterHidden: false,
    organisationName: r.assignedOrganisationName, rejectReason: r.rejectReason, duplicateOfCode: r.duplicateOfCode,
    referral: r.referral, rating: r.rating, ratingComment: r.ratingComment, isDemo: r.isDemo, createdAt: r.createdAt, updatedAt: r.updatedAt,
  };
  const hasIdentity = Boolean(r.reporterName || r.reporterEmail || r.reporterPhone);
  switch (viewer) {
    case 'admin':
    case 'reporter':
      return base;
    case 'liaison':
      // An anonymous reporter may have written their number or NIK into the text: redact it too.
      if (r.privacy === 'anonim') {
        return { ...base, title: clean(r.title), description: clean(r.description), address: clean(r.address), ratingComment: clean(r.ratingComment), reporter: null, reporterHidden: hasIdentity };
      }
      return base;
    case 'public':
    case 'tracking': {
      const listed = isPubliclyListed(r);
      if (viewer === 'public' && !listed) return null;
      const showContent = r.privacy !== 'rahasia' && !(r.state === 'ditolak' && r.rejectReason === 'spam');
      return {
        ...base,
        title: showContent ? clean(r.title) : null,
        description: showContent ? clean(r.description) : null,
        address: showContent ? clean(r.address) : null,
        lat: showContent ? r.lat : null,
        lng: showContent ? r.lng : null,
        channel: null,
        reporter: null,
        reporterHidden: hasIdentity,
        ratingComment: clean(r.ratingComment),
        referral: clean(r.referral),
      };
    }
  }
}

export interface EventView {
  id: string;
  kind: ReportEventRecord['kind'];
  action: string | null;
  toState: ReportState | null;
  text: string | null;
  internalText: string | null;
  /** Who acted, as a role/organisation label, never a person. */
  actorRole: ReportEventRecord['actorRole'];
  actorOrganisationName: string | null;
  organisationName: string | null;
  createdAt: Date;
}

/** Timeline entries the viewer may see; internal notes and non-public events only for staff. */
export function presentTimeline(
  events: readonly ReportEventRecord[],
  viewer: ViewerKind,
  publicActions: ReadonlySet<string>,
  opts: { anonymous?: boolean } = {},
): EventView[] {
  const staff = viewer === 'admin' || viewer === 'liaison';
  const redactText = viewer === 'public' || viewer === 'tracking' || (viewer === 'liaison' && opts.anonymous === true);
  const out: EventView[] = [];
  for (const e of events) {
    const isPublicEvent = e.kind === 'created' || e.kind === 'merged' || (e.kind === 'transition' && e.action !== null && publicActions.has(e.action));
    if (!staff && !isPublicEvent) continue;
    out.push({
      id: e.id, kind: e.kind, action: e.action, toState: e.toState,
      text: redactText ? clean(e.publicText) : e.publicText,
      internalText: staff ? e.internalText : null,
      actorRole: e.actorRole, actorOrganisationName: e.actorOrganisationName, organisationName: e.organisationName, createdAt: e.createdAt,
    });
  }
  return out;
}

/** Attachments the viewer may see: staff all; others only re-encoded images. */
export function visibleAttachments(list: readonly AttachmentRecord[], viewer: ViewerKind, r: Pick<ReportRecord, 'privacy'>): AttachmentRecord[] {
  if (viewer === 'admin' || viewer === 'liaison') return [...list];
  if (viewer === 'reporter') return list.filter((a) => a.sanitized);
  if (r.privacy === 'rahasia') return [];
  return list.filter((a) => a.sanitized && a.mime.startsWith('image/'));
}
