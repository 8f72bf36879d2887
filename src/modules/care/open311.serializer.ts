/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) serializers, JSON and XML, plus
 * FixMyStreet's servicerequestupdates extension. Pure: they take presented values (already
 * redacted and filtered for the public) and return the body and content type.
 */

export type Open311Format = 'json' | 'xml';

export interface Serialized {
  contentType: string;
  body: string;
}

export interface Open311Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: Array<{ specification: string; url: string; changeset: string; type: 'production' | 'test'; formats: string[] }>;
}

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export interface Open311AttributeValue {
  key: string;
  name: string;
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: Open311AttributeValue[];
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export interface Open311Created {
  service_request_id?: string;
  token?: string;
  service_notice: string | null;
  account_id: string | null;
}

export interface Open311Token {
  service_request_id: string | null;
  token: string;
}

export interface Open311Error {
  code: number;
  description: string;
}

/** FixMyStreet extension: one status change of a request. */
export interface Open311RequestUpdate {
  update_id: string;
  service_request_id: string;
  status: string;
  updated_datetime: string;
  description: string;
  media_url: string | null;
  external_status_code?: string | null;
}

const CONTENT_TYPE: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** Names of the repeated child element for each list-valued XML element. */
const LIST_CHILD: Record<string, string> = {
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [k: string]: XmlValue };

function xmlElement(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (value === null) return `<${name}></${name}>`;
  if (Array.isArray(value)) {
    const child = LIST_CHILD[name] ?? 'item';
    return `<${name}>${value.map((v) => xmlElement(child, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value).map(([k, v]) => xmlElement(k, v)).join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function xmlDocument(root: string, item: string | null, value: XmlValue): string {
  let inner = '';
  if (item !== null && Array.isArray(value)) inner = value.map((v) => xmlElement(item, v)).join('');
  else if (value && typeof value === 'object' && !Array.isArray(value)) {
    inner = Object.entries(value).map(([k, v]) => xmlElement(k, v)).join('');
  }
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${inner}</${root}>\n`;
}

function out(format: Open311Format, json: unknown, xml: () => string): Serialized {
  return { contentType: CONTENT_TYPE[format], body: format === 'json' ? JSON.stringify(json) : xml() };
}

export function serializeDiscovery(d: Open311Discovery, format: Open311Format): Serialized {
  return out(format, d, () => xmlDocument('discovery', null, d as unknown as XmlValue));
}

export function serializeServices(list: readonly Open311Service[], format: Open311Format): Serialized {
  return out(format, list, () => xmlDocument('services', 'service', list as unknown as XmlValue));
}

export function serializeServiceDefinition(def: Open311ServiceDefinition, format: Open311Format): Serialized {
  return out(format, def, () => xmlDocument('service_definition', null, def as unknown as XmlValue));
}

export function serializeRequests(list: readonly Open311Request[], format: Open311Format): Serialized {
  return out(format, list, () => xmlDocument('service_requests', 'request', list as unknown as XmlValue));
}

export function serializeCreated(list: readonly Open311Created[], format: Open311Format): Serialized {
  return out(format, list, () => xmlDocument('service_requests', 'request', list as unknown as XmlValue));
}

export function serializeTokens(list: readonly Open311Token[], format: Open311Format): Serialized {
  return out(format, list, () => xmlDocument('service_requests', 'request', list as unknown as XmlValue));
}

export function serializeErrors(list: readonly Open311Error[], format: Open311Format): Serialized {
  return out(format, list, () => xmlDocument('errors', 'error', list as unknown as XmlValue));
}

export function serializeRequestUpdates(list: readonly Open311RequestUpdate[], format: Open311Format): Serialized {
  return out(format, list, () => xmlDocument('service_request_updates', 'request_update', list as unknown as XmlValue));
}

/** Response to a POSTed update (FixMyStreet expects the id it can store). */
export function serializeUpdateCreated(updateId: string, format: Open311Format): Serialized {
  const list = [{ update_id: updateId }];
  return out(format, list, () => xmlDocument('service_request_updates', 'request_update', list));
}

/**
 * W3C datetime with the local offset, as the spec's examples: 2026-11-23T10:00:00+08:00.
 */
export function w3cDatetime(d: Date, offsetMinutes = 480): string {
  const local = new Date(d.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Splits "requests.json" / "services/abc.xml" into the name and the format; null if no format. */
export function splitFormat(path: string): { name: string; format: Open311Format } | null {
  const m = /^(.*)\.(json|xml)$/i.exec(path);
  return m ? { name: m[1]!, format: m[2]!.toLowerCase() as Open311Format } : null;
}

/**
 * Collects `attribute[CODE]` and `attribute[CODE][]` fields of a form-encoded body.
 * Values of repeated or `[]` keys become arrays (multivaluelist).
 */
export function parseAttributeFields(body: Record<string, unknown>): Record<string, string | string[]> {
  const outAttrs: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(k);
    if (!m) continue;
    const code = m[1]!;
    const values = (Array.isArray(v) ? v : [v]).map((x) => String(x));
    outAttrs[code] = m[2] || values.length > 1 ? values : values[0]!;
  }
  return outAttrs;
}

export interface DateRange {
  start: Date;
  end: Date;
}

/**
 * Validates the GET requests date filters: the spec caps the span at 90 days and defaults to the
 * last 90 days. Returns the range or an Open311 error.
 */
export function parseDateRange(
  startRaw: string | undefined,
  endRaw: string | undefined,
  now: Date,
  maxDays = 90,
): DateRange | Open311Error {
  const parse = (s: string | undefined): Date | null | 'bad' => {
    if (s === undefined || s === '') return null;
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? 'bad' : d;
  };
  const s = parse(startRaw);
  const e = parse(endRaw);
  if (s === 'bad') return { code: 400, description: 'start_date is not a valid w3c datetime' };
  if (e === 'bad') return { code: 400, description: 'end_date is not a valid w3c datetime' };
  const span = maxDays * 86_400_000;
  const end = e ?? (s ? new Date(Math.min(now.getTime(), s.getTime() + span)) : now);
  const start = s ?? new Date(end.getTime() - span);
  if (start.getTime() > end.getTime()) return { code: 400, description: 'start_date is after end_date' };
  if (end.getTime() - start.getTime() > span) return { code: 400, description: `the date range may not exceed ${maxDays} days` };
  return { start, end };
}
