/**
 * Reading other portals: a CKAN Action API source (package_search paged with rows/start, sorted by
 * metadata_modified, incremental with `fq=metadata_modified:[since TO *]`) or a DCAT catalogue (Turtle /
 * N-Triples via n3, basic JSON-LD; Hydra paging followed). Every request has a timeout; network errors,
 * timeouts and 5xx/429 answers are retried with exponential back-off; malformed bodies are reported as such.
 */
import dns from 'node:dns/promises';
import net from 'node:net';
import { Parser, type Quad } from 'n3';
import { parseCkanTimestamp } from './ckan-envelope.ts';
import { NS, parseJsonLd, type Triple, type Term } from './rdf-writer.ts';
import { parseRdfXml } from './rdf-xml-reader.ts';

export type FetchErrorKind = 'timeout' | 'network' | 'http' | 'malformed' | 'ckan';
export class HarvestFetchError extends Error {
  constructor(public readonly kind: FetchErrorKind, public readonly url: string, message: string, public readonly status?: number) {
    super(message);
  }
}

/**
 * Harvest sources are URLs typed by walidata and fetched by the server: by default only public addresses
 * are reached (no loopback, private, link-local or metadata addresses — SSRF). Tests and closed networks
 * that harvest portals on private addresses turn this off.
 */
let allowPrivateDefault = false;
export function allowPrivateHarvestHosts(allow: boolean): void {
  allowPrivateDefault = allow;
}

/** Whether an IP address is loopback, private, link-local, CGNAT, multicast or unspecified. */
export function isPrivateAddress(ip: string): boolean {
  if (net.isIPv4(ip)) {
    const [a, b] = ip.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
  }
  const x = ip.toLowerCase();
  if (x.startsWith('::ffff:')) return isPrivateAddress(x.slice(7));
  return x === '::' || x === '::1' || x.startsWith('fc') || x.startsWith('fd') || x.startsWith('fe80') || x.startsWith('ff');
}

async function checkHost(url: string, allowPrivate: boolean): Promise<void> {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new HarvestFetchError('network', url, `protocol ${u.protocol} not allowed`);
  if (allowPrivate) return;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const addrs = net.isIP(host) ? [host] : (await dns.lookup(host, { all: true }).catch(() => { throw new HarvestFetchError('network', url, `cannot resolve ${host}`); })).map((a) => a.address);
  if (addrs.some(isPrivateAddress)) throw new HarvestFetchError('network', url, `${host} is a private address; harvesting it is not allowed`);
}

export interface HttpOptions {
  /** Allow loopback/private addresses (default: off, see allowPrivateHarvestHosts). */
  allowPrivate?: boolean;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  /** Injected in tests to make back-off instant while still counting it. */
  sleep?: (ms: number) => Promise<void>;
  userAgent?: string;
  /** Called for every attempt (for the run report). */
  onAttempt?: (info: { url: string; attempt: number; ms: number; error?: HarvestFetchError }) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function fetchOnce(url: string, timeoutMs: number, accept: string, ua: string, allowPrivate: boolean): Promise<{ status: number; text: string; contentType: string }> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  try {
    let current = url;
    // redirects are followed by hand so every hop's host is checked
    for (let hop = 0; ; hop++) {
      await checkHost(current, allowPrivate);
      const res = await fetch(current, { headers: { accept, 'user-agent': ua }, signal: ac.signal, redirect: 'manual' });
      const loc = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && loc && hop < 5) { await res.body?.cancel(); current = new URL(loc, current).toString(); continue; }
      const text = await res.text();
      return { status: res.status, text, contentType: res.headers.get('content-type') ?? '' };
    }
  } catch (e) {
    if (e instanceof HarvestFetchError) throw e;
    if (ac.signal.aborted) throw new HarvestFetchError('timeout', url, `no answer within ${timeoutMs} ms`);
    throw new HarvestFetchError('network', url, (e as Error).message);
  } finally {
    clearTimeout(timer);
  }
}

/** GET with timeout and retries (network, timeout, 429, 5xx). 4xx other than 429 is not retried. */
export async function fetchText(url: string, opts: HttpOptions = {}, accept = '*/*'): Promise<{ status: number; text: string; contentType: string }> {
  const retries = opts.retries ?? 3;
  const sleep = opts.sleep ?? defaultSleep;
  let last: HarvestFetchError | null = null;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep((opts.backoffMs ?? 500) * 2 ** (attempt - 1));
    const t0 = Date.now();
    try {
      const r = await fetchOnce(url, opts.timeoutMs ?? 15_000, accept, opts.userAgent ?? 'NTB-Terbuka-harvester/1', opts.allowPrivate ?? allowPrivateDefault);
      if (r.status === 429 || r.status >= 500) {
        last = new HarvestFetchError('http', url, `HTTP ${r.status}`, r.status);
        opts.onAttempt?.({ url, attempt, ms: Date.now() - t0, error: last });
        continue;
      }
      opts.onAttempt?.({ url, attempt, ms: Date.now() - t0 });
      if (r.status >= 400 && !(r.status === 404 || r.status === 409 || r.status === 403) ) throw new HarvestFetchError('http', url, `HTTP ${r.status}`, r.status);
      return r;
    } catch (e) {
      if (!(e instanceof HarvestFetchError)) throw e;
      if (e.kind === 'http' && e.status && e.status < 500 && e.status !== 429) throw e;
      if (/not allowed/.test(e.message)) throw e;
      last = e;
      opts.onAttempt?.({ url, attempt, ms: Date.now() - t0, error: e });
    }
  }
  throw last ?? new HarvestFetchError('network', url, 'failed');
}

/** Calls a CKAN action (GET) and returns `result`; CKAN error envelopes become `ckan` errors. */
export async function ckanAction<T = unknown>(baseUrl: string, action: string, params: Record<string, string | number>, opts: HttpOptions = {}): Promise<T> {
  const u = new URL(`${baseUrl.replace(/\/+$/, '')}/api/3/action/${action}`);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, String(v));
  const url = u.toString();
  const retries = opts.retries ?? 3;
  // malformed JSON is retried too (a proxy may have cut the answer), then reported as malformed
  for (let attempt = 0; ; attempt++) {
    const r = await fetchText(url, opts, 'application/json');
    let body: any;
    try {
      body = JSON.parse(r.text);
    } catch {
      if (attempt < retries) { await (opts.sleep ?? defaultSleep)((opts.backoffMs ?? 500) * 2 ** attempt); continue; }
      throw new HarvestFetchError('malformed', url, `malformed JSON (${r.text.length} bytes, HTTP ${r.status})`, r.status);
    }
    if (!body || typeof body !== 'object' || typeof body.success !== 'boolean') throw new HarvestFetchError('malformed', url, 'not a CKAN Action API answer', r.status);
    if (!body.success) throw new HarvestFetchError('ckan', url, `${body.error?.__type ?? 'Error'}: ${body.error?.message ?? ''}`.trim(), r.status);
    return body.result as T;
  }
}

/** A dataset as read from a source, normalised. */
export interface HarvestedDataset {
  /** The id at the source (CKAN id or DCAT dataset IRI). */
  remoteId: string;
  name: string;
  title: string;
  notes: string;
  tags: string[];
  organisation: { name: string; title: string } | null;
  groups: string[];
  licenceId: string;
  created: Date | null;
  modified: Date | null;
  temporalStart: string | null;
  temporalEnd: string | null;
  originalUrl: string;
  extras: Record<string, string>;
  resources: Array<{ remoteId: string; name: string; description: string; url: string; format: string; size: number | null; lastModified: Date | null }>;
}

export function normaliseCkanPackage(baseUrl: string, p: any): HarvestedDataset {
  if (!p || typeof p !== 'object' || typeof p.id !== 'string' || typeof p.name !== 'string') throw new Error('package without id/name');
  const extras: Record<string, string> = {};
  for (const e of Array.isArray(p.extras) ? p.extras : []) if (e && typeof e.key === 'string') extras[e.key] = String(e.value ?? '');
  return {
    remoteId: p.id,
    name: p.name,
    title: String(p.title || p.name),
    notes: String(p.notes ?? ''),
    tags: (Array.isArray(p.tags) ? p.tags : []).map((t: any) => String(t?.name ?? t)).filter(Boolean),
    organisation: p.organization && typeof p.organization === 'object' ? { name: String(p.organization.name), title: String(p.organization.title ?? p.organization.name) } : null,
    groups: (Array.isArray(p.groups) ? p.groups : []).map((g: any) => String(g?.name ?? g)).filter(Boolean),
    licenceId: String(p.license_id ?? 'notspecified') || 'notspecified',
    created: parseCkanTimestamp(p.metadata_created),
    modified: parseCkanTimestamp(p.metadata_modified),
    temporalStart: extras.temporal_start ?? null,
    temporalEnd: extras.temporal_end ?? null,
    originalUrl: `${baseUrl.replace(/\/+$/, '')}/dataset/${p.name}`,
    extras,
    resources: (Array.isArray(p.resources) ? p.resources : []).map((r: any, i: number) => ({
      remoteId: String(r.id ?? `${p.id}-${i}`),
      name: String(r.name || r.url || `Resource ${i + 1}`),
      description: String(r.description ?? ''),
      url: String(r.url ?? ''),
      format: String(r.format ?? '').toUpperCase(),
      size: typeof r.size === 'number' ? r.size : r.size && /^\d+$/.test(String(r.size)) ? Number(r.size) : null,
      lastModified: parseCkanTimestamp(r.last_modified ?? r.metadata_modified),
    })),
  };
}

export interface CkanGatherOptions {
  /** Only datasets modified at or after this instant. */
  since?: Date | null;
  rows?: number;
  /** Safety stop for runaway sources. */
  maxDatasets?: number;
}

/**
 * Pages through `package_search` sorted by metadata_modified (oldest first), with `start`. Yields each
 * dataset once (a dataset modified during the walk can move pages; ids already seen are skipped).
 * Per-package problems are reported through `onBadRecord`, not thrown.
 */
export async function* ckanGather(baseUrl: string, opts: CkanGatherOptions, http: HttpOptions = {}, onBadRecord?: (reason: string, raw: unknown) => void): AsyncGenerator<HarvestedDataset> {
  const rows = opts.rows ?? 100;
  const seen = new Set<string>();
  let start = 0;
  const max = opts.maxDatasets ?? 100_000;
  for (;;) {
    const params: Record<string, string | number> = { rows, start, sort: 'metadata_modified asc' };
    if (opts.since) params.fq = `metadata_modified:[${opts.since.toISOString()} TO *]`;
    const res = await ckanAction<{ count: number; results: unknown[] }>(baseUrl, 'package_search', params, http);
    if (!res || !Array.isArray(res.results)) throw new HarvestFetchError('malformed', baseUrl, 'package_search result without results[]');
    for (const raw of res.results) {
      try {
        const d = normaliseCkanPackage(baseUrl, raw);
        if (seen.has(d.remoteId)) continue;
        seen.add(d.remoteId);
        yield d;
      } catch (e) {
        onBadRecord?.((e as Error).message, raw);
      }
    }
    start += rows;
    if (res.results.length < rows || start >= res.count || seen.size >= max) return;
  }
}

/** All dataset ids currently public at a CKAN source (for removal detection). */
export async function ckanAllIds(baseUrl: string, http: HttpOptions = {}): Promise<Set<string>> {
  const ids = new Set<string>();
  let start = 0;
  const rows = 1000;
  for (;;) {
    const res = await ckanAction<{ count: number; results: Array<{ id: string }> }>(baseUrl, 'package_search', { rows, start, fl: 'id,name', sort: 'metadata_created asc' }, http);
    if (!res || !Array.isArray(res.results)) throw new HarvestFetchError('malformed', baseUrl, 'package_search result without results[]');
    for (const r of res.results) if (r && typeof r.id === 'string') ids.add(r.id);
    start += rows;
    if (res.results.length < rows || start >= res.count) return ids;
  }
}

// ---- DCAT

export function parseRdf(text: string, contentType: string, baseIri: string): Triple[] {
  const ct = contentType.split(';')[0].trim().toLowerCase();
  if (ct.includes('json') || /^\s*[[{]/.test(text)) {
    let doc: unknown;
    try { doc = JSON.parse(text); } catch (e) { throw new HarvestFetchError('malformed', baseIri, `malformed JSON-LD: ${(e as Error).message}`); }
    return parseJsonLd(doc);
  }
  if (ct.includes('xml') || /^\s*<(\?xml|rdf:RDF)/.test(text)) {
    try { return parseRdfXml(text, baseIri); } catch (e) { throw new HarvestFetchError('malformed', baseIri, `malformed RDF/XML: ${(e as Error).message}`); }
  }
  let quads: Quad[];
  try {
    quads = new Parser({ baseIRI: baseIri, format: ct.includes('n-triples') ? 'N-Triples' : 'Turtle' }).parse(text);
  } catch (e) {
    throw new HarvestFetchError('malformed', baseIri, `malformed RDF: ${(e as Error).message}`);
  }
  const term = (t: any): Term => t.termType === 'NamedNode' ? { kind: 'iri', value: t.value } : t.termType === 'BlankNode' ? { kind: 'bnode', value: t.value } : { kind: 'literal', value: t.value, lang: t.language || undefined, datatype: t.datatype?.value };
  return quads.map((q) => ({ s: term(q.subject), p: q.predicate.value, o: term(q.object) }));
}

/** Index of triples by subject for lookups. */
class Graph {
  private by = new Map<string, Triple[]>();
  constructor(triples: Triple[]) {
    for (const t of triples) {
      const k = `${t.s.kind}:${t.s.value}`;
      (this.by.get(k) ?? this.by.set(k, []).get(k)!).push(t);
    }
  }
  objects(s: Term, p: string): Term[] {
    return (this.by.get(`${s.kind}:${s.value}`) ?? []).filter((t) => t.p === p).map((t) => t.o);
  }
  value(s: Term, p: string, preferLang = 'id'): string | null {
    const os = this.objects(s, p);
    const pick = os.find((o) => o.kind === 'literal' && o.lang === preferLang) ?? os.find((o) => o.kind === 'literal' && !o.lang) ?? os[0];
    return pick ? pick.value : null;
  }
  subjectsOfType(type: string): Term[] {
    const out: Term[] = [];
    for (const ts of this.by.values()) if (ts.some((t) => t.p === NS.rdf + 'type' && t.o.value === type)) out.push(ts[0].s);
    return out;
  }
}

const LICENCE_BY_URL: Record<string, string> = {
  'https://creativecommons.org/licenses/by/4.0/': 'CC-BY-4.0',
  'http://creativecommons.org/licenses/by/4.0/': 'CC-BY-4.0',
  'https://creativecommons.org/licenses/by-sa/4.0/': 'CC-BY-SA-4.0',
  'https://creativecommons.org/publicdomain/zero/1.0/': 'CC0-1.0',
  'http://www.opendefinition.org/licenses/cc-by': 'cc-by',
  'https://opendatacommons.org/licenses/odbl/1-0/': 'ODbL-1.0',
};

/** dcat:Dataset nodes of a graph, normalised. */
export function datasetsFromDcat(triples: Triple[]): HarvestedDataset[] {
  const g = new Graph(triples);
  const D = (l: string) => NS.dcat + l;
  const DCT = (l: string) => NS.dct + l;
  return g.subjectsOfType(D('Dataset')).map((s) => {
    const id = g.value(s, DCT('identifier')) ?? s.value;
    const pub = g.objects(s, DCT('publisher'))[0];
    const period = g.objects(s, DCT('temporal'))[0];
    const licenceUrl = g.objects(s, DCT('license'))[0]?.value ?? g.objects(g.objects(s, D('distribution'))[0] ?? s, DCT('license'))[0]?.value;
    const modified = g.value(s, DCT('modified'));
    const issued = g.value(s, DCT('issued'));
    const landing = g.objects(s, D('landingPage'))[0]?.value;
    const nameFromIri = s.kind === 'iri' ? decodeURIComponent(s.value.replace(/[#/]+$/, '').split(/[/#]/).pop() ?? '') : '';
    return {
      remoteId: s.kind === 'iri' ? s.value : id,
      name: nameFromIri.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || id,
      title: g.value(s, DCT('title')) ?? id,
      notes: g.value(s, DCT('description')) ?? '',
      tags: g.objects(s, D('keyword')).map((o) => o.value),
      organisation: pub ? { name: (pub.kind === 'iri' ? pub.value.split('/').pop() : '') || 'publisher', title: g.value(pub, NS.foaf + 'name') ?? '' } : null,
      groups: [],
      licenceId: licenceUrl ? LICENCE_BY_URL[licenceUrl] ?? licenceUrl : 'notspecified',
      created: issued ? new Date(issued) : null,
      modified: modified ? new Date(modified) : issued ? new Date(issued) : null,
      temporalStart: period ? g.value(period, D('startDate')) ?? g.value(period, NS.schema + 'startDate') : null,
      temporalEnd: period ? g.value(period, D('endDate')) ?? g.value(period, NS.schema + 'endDate') : null,
      originalUrl: landing ?? (s.kind === 'iri' ? s.value : ''),
      extras: {},
      resources: g.objects(s, D('distribution')).map((d, i) => {
        const fmt = g.objects(d, DCT('format'))[0]?.value ?? g.objects(d, D('mediaType'))[0]?.value ?? '';
        const size = g.value(d, D('byteSize'));
        const lm = g.value(d, DCT('modified'));
        return {
          remoteId: g.value(d, DCT('identifier')) ?? (d.kind === 'iri' ? d.value : `${id}-${i}`),
          name: g.value(d, DCT('title')) ?? `Distribusi ${i + 1}`,
          description: g.value(d, DCT('description')) ?? '',
          url: g.objects(d, D('downloadURL'))[0]?.value ?? g.objects(d, D('accessURL'))[0]?.value ?? '',
          format: fmt.split('/').pop()!.toUpperCase(),
          size: size && /^\d+(\.0+)?$/.test(size) ? Number(size) : null,
          lastModified: lm ? new Date(lm) : null,
        };
      }),
    };
  });
}

/** Reads a DCAT catalogue, following `hydra:nextPage` (up to maxPages). */
export async function dcatGather(url: string, http: HttpOptions = {}, maxPages = 1000): Promise<HarvestedDataset[]> {
  const out = new Map<string, HarvestedDataset>();
  let next: string | null = url;
  const visited = new Set<string>();
  for (let n = 0; next && n < maxPages; n++) {
    if (visited.has(next)) break;
    visited.add(next);
    const r = await fetchText(next, http, 'text/turtle, application/ld+json;q=0.9, application/rdf+xml;q=0.8, application/n-triples;q=0.8');
    if (r.status >= 400) throw new HarvestFetchError('http', next, `HTTP ${r.status}`, r.status);
    const triples = parseRdf(r.text, r.contentType, next);
    for (const d of datasetsFromDcat(triples)) out.set(d.remoteId, d);
    const nx = triples.find((t) => t.p === NS.hydra + 'nextPage' || t.p === 'http://www.w3.org/ns/hydra/core#next');
    next = nx ? new URL(nx.o.value, next).toString() : null;
  }
  return [...out.values()];
}

export interface HarvestFilters {
  includeOrganisations?: string[];
  excludeOrganisations?: string[];
  includeTags?: string[];
  excludeTags?: string[];
}

/** Whether a harvested dataset passes the source's include/exclude filters (names compared case-insensitively). */
export function passesFilters(d: HarvestedDataset, f: HarvestFilters): boolean {
  const lc = (xs?: string[]) => (xs ?? []).map((x) => x.trim().toLowerCase()).filter(Boolean);
  const org = d.organisation?.name.toLowerCase() ?? '';
  const tags = d.tags.map((t) => t.toLowerCase());
  const io = lc(f.includeOrganisations), eo = lc(f.excludeOrganisations), it = lc(f.includeTags), et = lc(f.excludeTags);
  if (io.length && !io.includes(org)) return false;
  if (eo.includes(org)) return false;
  if (it.length && !tags.some((t) => it.includes(t))) return false;
  if (tags.some((t) => et.includes(t))) return false;
  return true;
}
