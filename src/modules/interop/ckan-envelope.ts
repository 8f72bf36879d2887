/**
 * CKAN's Action API envelope and error semantics, exactly as CKAN 2.10/2.11 answers (ckan/views/api.py):
 * `{ help, success: true, result }` or `{ help, success: false, error: { __type, message | field: [msgs] } }`,
 * with 403 Authorization Error, 404 Not Found Error, 409 Validation Error, 400 Search Query Error /
 * bad request data. ckanapi maps `__type` back to its NotAuthorized / NotFound / ValidationError exceptions.
 */

export type CkanErrorType =
  | 'Not Found Error'
  | 'Authorization Error'
  | 'Validation Error'
  | 'Search Query Error'
  | 'Search Error'
  | 'Integrity Error'
  | 'Internal Server Error';

/** An error raised by an action; `fields` (Validation Error only) holds CKAN's `{ field: [messages] }`. */
export class CkanActionError extends Error {
  constructor(
    public readonly type: CkanErrorType,
    message: string,
    public readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

export const ckanNotFound = (detail = '') => new CkanActionError('Not Found Error', detail);
export const ckanNotAuthorized = (detail = '') => new CkanActionError('Authorization Error', detail);
export const ckanValidation = (fields: Record<string, string[]>) => new CkanActionError('Validation Error', '', fields);
export const ckanSearchQuery = (detail: string) => new CkanActionError('Search Query Error', detail);

/** A request CKAN refuses before calling the action (unknown action, body not a JSON object): 400, body a JSON string. */
export class CkanBadRequest extends Error {}

const STATUS: Record<CkanErrorType, number> = {
  'Not Found Error': 404,
  'Authorization Error': 403,
  'Validation Error': 409,
  'Search Query Error': 400,
  'Search Error': 409,
  'Integrity Error': 400,
  'Internal Server Error': 500,
};

/** The `help` URL CKAN puts in every answer: always API version 3, external. */
export function helpUrl(baseUrl: string, action: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/3/action/help_show?name=${encodeURIComponent(action)}`;
}

export interface CkanAnswer {
  status: number;
  body: unknown;
}

export function ckanSuccess(baseUrl: string, action: string, result: unknown): CkanAnswer {
  return { status: 200, body: { help: helpUrl(baseUrl, action), success: true, result } };
}

/** Maps an error to CKAN's status and body. Unknown errors become CKAN's opaque 500 (never internals). */
export function ckanFailure(baseUrl: string, action: string, err: unknown): CkanAnswer {
  if (err instanceof CkanBadRequest) return { status: 400, body: `Bad request - ${err.message}` };
  const help = helpUrl(baseUrl, action);
  if (!(err instanceof CkanActionError)) {
    return { status: 500, body: { help, success: false, error: { __type: 'Internal Server Error', message: 'Internal Server Error' } } };
  }
  let error: Record<string, unknown>;
  switch (err.type) {
    case 'Not Found Error':
      error = { __type: err.type, message: err.message ? `Not found: ${err.message}` : 'Not found' };
      break;
    case 'Authorization Error':
      error = { __type: err.type, message: err.message ? `Access denied: ${err.message}` : 'Access denied' };
      break;
    case 'Validation Error':
      error = { ...err.fields, __type: err.type };
      break;
    case 'Search Query Error':
      // CKAN formats the exception's args tuple with Python's %r: ('message',)
      error = { __type: err.type, message: `Search Query is invalid: (${pyRepr(err.message)},)` };
      break;
    default:
      error = { __type: err.type, message: err.message };
  }
  return { status: STATUS[err.type], body: { help, success: false, error } };
}

/** Python's repr() of a str (what CKAN's `%r` of an exception's args prints). */
export function pyRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q;
}

/** CKAN timestamps: UTC, no zone designator, microseconds ("2024-03-01T08:15:00.123000"). */
export function ckanTimestamp(d: Date | string | null | undefined): string | null {
  if (d == null) return null;
  const date = typeof d === 'string' ? new Date(d) : d;
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().replace('Z', '000');
}

/** Parses a CKAN timestamp (zone-less = UTC) or an ISO date. */
export function parseCkanTimestamp(s: unknown): Date | null {
  if (typeof s !== 'string' || !s) return null;
  const withZone = /(Z|[+-]\d\d:?\d\d)$/.test(s) ? s : /T/.test(s) ? `${s}Z` : s;
  const d = new Date(withZone.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * Reads action parameters the way CKAN does: GET → query params (repeated keys become lists); POST → a JSON
 * object body (or a form whose single key is the JSON, as old clients send). Throws CkanBadRequest otherwise.
 */
export function requestData(method: string, query: Record<string, unknown> | undefined, body: unknown, contentType = ''): Record<string, unknown> {
  if (method === 'GET' || method === 'HEAD') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(query ?? {})) out[k] = Array.isArray(v) && v.length === 1 ? v[0] : v;
    return out;
  }
  if (body == null || body === '') return { ...(query ?? {}) };
  let data: unknown = body;
  if (Buffer.isBuffer(body) || typeof body === 'string') {
    const text = body.toString();
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new CkanBadRequest(`JSON Error: Error decoding JSON data. Error: ${(e as Error).message}`);
    }
  } else if (contentType.startsWith('application/x-www-form-urlencoded') && typeof body === 'object') {
    const entries = Object.entries(body as Record<string, unknown>);
    if (entries.length === 1 && (entries[0][1] === '' || entries[0][1] === '1')) {
      try { data = JSON.parse(entries[0][0]); } catch (e) { throw new CkanBadRequest(`JSON Error: Error decoding JSON data. Error: ${(e as Error).message}`); }
    }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new CkanBadRequest(`JSON Error: Request data JSON decoded to ${JSON.stringify(data)} but it needs to be a dictionary.`);
  }
  return data as Record<string, unknown>;
}
