/**
 * A small RDF model and three streaming writers (Turtle, RDF/XML, JSON-LD). Writers take subjects
 * block by block, so a catalogue is written dataset by dataset and never held in memory whole.
 */
export type Term =
  | { kind: 'iri'; value: string }
  | { kind: 'bnode'; value: string }
  | { kind: 'literal'; value: string; datatype?: string; lang?: string };
export interface Triple { s: Term; p: string; o: Term }

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  adms: 'http://www.w3.org/ns/adms#',
  prov: 'http://www.w3.org/ns/prov#',
  locn: 'http://www.w3.org/ns/locn#',
  schema: 'http://schema.org/',
  dcatap: 'http://data.europa.eu/r5r/',
} as const;
export type Prefix = keyof typeof NS;

export const iri = (value: string): Term => ({ kind: 'iri', value });
export const bnode = (value: string): Term => ({ kind: 'bnode', value: value.replace(/[^A-Za-z0-9_]/g, '_') });
export const lit = (value: string, opts: { lang?: string; datatype?: string } = {}): Term => ({ kind: 'literal', value, ...opts });
export const typed = (value: string | number, dt: 'dateTime' | 'date' | 'decimal' | 'integer' | 'gYear' | 'anyURI'): Term => ({ kind: 'literal', value: String(value), datatype: NS.xsd + dt });
/** `dct:title` → full IRI. */
export function expand(curie: string): string {
  const i = curie.indexOf(':');
  const p = curie.slice(0, i) as Prefix;
  return NS[p] ? NS[p] + curie.slice(i + 1) : curie;
}
function compact(full: string): string | null {
  for (const [p, ns] of Object.entries(NS)) {
    if (full.startsWith(ns)) {
      const local = full.slice(ns.length);
      if (/^[A-Za-z_][\w-]*$/.test(local)) return `${p}:${local}`;
    }
  }
  return null;
}

/** Groups triples by subject, keeping first-seen order. */
export function bySubject(triples: Triple[]): Array<{ s: Term; props: Array<{ p: string; o: Term[] }> }> {
  const out = new Map<string, { s: Term; props: Map<string, Term[]> }>();
  for (const t of triples) {
    const key = `${t.s.kind}:${t.s.value}`;
    let e = out.get(key);
    if (!e) { e = { s: t.s, props: new Map() }; out.set(key, e); }
    const arr = e.props.get(t.p) ?? [];
    arr.push(t.o);
    e.props.set(t.p, arr);
  }
  return [...out.values()].map((e) => ({ s: e.s, props: [...e.props.entries()].map(([p, o]) => ({ p, o })) }));
}

// ---- Turtle
function ttlIri(v: string): string {
  return `<${v.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase())}>`;
}
function ttlString(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/[\u0000-\u001f]/g, '')}"`;
}
function ttlTerm(t: Term, forPredicate = false): string {
  if (t.kind === 'bnode') return `_:${t.value}`;
  if (t.kind === 'iri') {
    const c = forPredicate ? compact(t.value) : null;
    return c ?? ttlIri(t.value);
  }
  let s = ttlString(t.value);
  if (t.lang) s += `@${t.lang}`;
  else if (t.datatype && t.datatype !== NS.xsd + 'string') s += `^^${compact(t.datatype) ?? ttlIri(t.datatype)}`;
  return s;
}
export function turtlePrefixes(): string {
  return Object.entries(NS).map(([p, ns]) => `@prefix ${p}: <${ns}> .`).join('\n') + '\n\n';
}
export function turtleBlock(triples: Triple[]): string {
  let out = '';
  for (const { s, props } of bySubject(triples)) {
    out += ttlTerm(s);
    const lines = props.map(({ p, o }) => {
      const pred = p === NS.rdf + 'type' ? 'a' : compact(p) ?? ttlIri(p);
      return `    ${pred} ${o.map((x) => (p === NS.rdf + 'type' ? ttlTerm(x, true) : ttlTerm(x))).join(', ')}`;
    });
    out += `\n${lines.join(' ;\n')} .\n\n`;
  }
  return out;
}

// ---- RDF/XML
function xmlEsc(v: string): string {
  return v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
export function rdfXmlHead(): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF\n${Object.entries(NS).map(([p, ns]) => `  xmlns:${p}="${ns}"`).join('\n')}>\n`;
}
export const RDF_XML_TAIL = '</rdf:RDF>\n';
export function rdfXmlBlock(triples: Triple[]): string {
  let out = '';
  for (const { s, props } of bySubject(triples)) {
    out += s.kind === 'bnode' ? `  <rdf:Description rdf:nodeID="${xmlEsc(s.value)}">\n` : `  <rdf:Description rdf:about="${xmlEsc(s.value)}">\n`;
    for (const { p, o } of props) {
      const q = compact(p);
      if (!q) continue; // every predicate we write has a prefix
      for (const x of o) {
        if (x.kind === 'iri') out += `    <${q} rdf:resource="${xmlEsc(x.value)}"/>\n`;
        else if (x.kind === 'bnode') out += `    <${q} rdf:nodeID="${xmlEsc(x.value)}"/>\n`;
        else if (x.lang) out += `    <${q} xml:lang="${xmlEsc(x.lang)}">${xmlEsc(x.value)}</${q}>\n`;
        else if (x.datatype) out += `    <${q} rdf:datatype="${xmlEsc(x.datatype)}">${xmlEsc(x.value)}</${q}>\n`;
        else out += `    <${q}>${xmlEsc(x.value)}</${q}>\n`;
      }
    }
    out += '  </rdf:Description>\n';
  }
  return out;
}

// ---- JSON-LD (flattened node objects with compact IRIs; one @context)
export const JSONLD_CONTEXT: Record<string, string> = { ...NS };
function jsonLdValue(t: Term): unknown {
  if (t.kind === 'iri') return { '@id': t.value };
  if (t.kind === 'bnode') return { '@id': `_:${t.value}` };
  if (t.lang) return { '@value': t.value, '@language': t.lang };
  if (t.datatype) return { '@value': t.value, '@type': compact(t.datatype) ?? t.datatype };
  return t.value;
}
export function jsonLdNodes(triples: Triple[]): Array<Record<string, unknown>> {
  return bySubject(triples).map(({ s, props }) => {
    const node: Record<string, unknown> = { '@id': s.kind === 'bnode' ? `_:${s.value}` : s.value };
    for (const { p, o } of props) {
      if (p === NS.rdf + 'type') node['@type'] = o.map((x) => compact(x.value) ?? x.value);
      else node[compact(p) ?? p] = o.map(jsonLdValue);
    }
    return node;
  });
}

/**
 * Reads the JSON-LD subset real catalogues publish (a node, an array or `@graph`, prefixes and simple
 * term definitions in `@context`, compact IRIs, nested nodes) into triples. Not a full JSON-LD processor:
 * remote contexts, `@vocab` chains and lists beyond arrays are ignored.
 */
export function parseJsonLd(doc: unknown): Triple[] {
  const out: Triple[] = [];
  let bn = 0;
  const walk = (node: any, ctx: Record<string, any>): Term => {
    const local = { ...ctx };
    if (node && typeof node === 'object' && node['@context'] && typeof node['@context'] === 'object' && !Array.isArray(node['@context'])) Object.assign(local, node['@context']);
    const exp = (k: string): string => {
      const def = local[k];
      if (typeof def === 'string' && !k.includes(':')) return exp(def);
      if (def && typeof def === 'object' && typeof def['@id'] === 'string') return exp(def['@id']);
      const i = k.indexOf(':');
      if (i > 0 && !k.startsWith('http') && !k.startsWith('_:')) {
        const p = k.slice(0, i);
        const ns = typeof local[p] === 'string' ? local[p] : (NS as any)[p];
        if (ns) return ns + k.slice(i + 1);
      }
      if (!k.includes(':') && typeof local['@vocab'] === 'string') return local['@vocab'] + k;
      return k;
    };
    const id = typeof node['@id'] === 'string' ? node['@id'] : `_:j${bn++}`;
    const s: Term = id.startsWith('_:') ? bnode(id.slice(2)) : iri(exp(id));
    const types = node['@type'] ? (Array.isArray(node['@type']) ? node['@type'] : [node['@type']]) : [];
    for (const ty of types) out.push({ s, p: NS.rdf + 'type', o: iri(exp(ty)) });
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('@')) continue;
      const p = exp(k);
      const def = local[k];
      const coerce = def && typeof def === 'object' ? def['@type'] : undefined;
      for (const x of Array.isArray(v) ? v : [v]) {
        if (x === null || x === undefined) continue;
        if (typeof x === 'object' && '@value' in x) out.push({ s, p, o: lit(String(x['@value']), { lang: x['@language'], datatype: x['@type'] ? exp(x['@type']) : undefined }) });
        else if (typeof x === 'object' && Object.keys(x).length === 1 && typeof x['@id'] === 'string') out.push({ s, p, o: x['@id'].startsWith('_:') ? bnode(x['@id'].slice(2)) : iri(exp(x['@id'])) });
        else if (typeof x === 'object') out.push({ s, p, o: walk(x, local) });
        else if (coerce === '@id') out.push({ s, p, o: iri(exp(String(x))) });
        else out.push({ s, p, o: lit(String(x), coerce ? { datatype: exp(coerce) } : {}) });
      }
    }
    return s;
  };
  const root: any = doc;
  const ctx: Record<string, any> = root && typeof root === 'object' && !Array.isArray(root) && typeof root['@context'] === 'object' && !Array.isArray(root['@context']) ? { ...root['@context'] } : {};
  const nodes = Array.isArray(root) ? root : Array.isArray(root?.['@graph']) ? root['@graph'] : [root];
  for (const n of nodes) if (n && typeof n === 'object') walk(n, ctx);
  return out;
}
