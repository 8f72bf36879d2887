/**
 * A small RDF/XML reader for harvesting DCAT catalogues published as RDF/XML (ckanext-dcat's /catalog.xml,
 * many national catalogues). Handles the common RDF/XML grammar: rdf:Description and typed node elements
 * (rdf:about, rdf:nodeID, rdf:ID, anonymous), property elements with rdf:resource / rdf:nodeID /
 * rdf:datatype / xml:lang / text / nested node / rdf:parseType="Resource" / "Literal", property attributes,
 * xml:base and relative IRIs. Not handled: rdf:li containers and reification (ignored).
 */
import { NS, type Term, type Triple } from './rdf-writer.ts';

interface XmlNode { name: string; attrs: Record<string, string>; children: XmlNode[]; text: string; raw: string; ns: Record<string, string> }

const ENT: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENT[e] ?? m;
  });
}

export class RdfXmlError extends Error {}

/** Parses XML into a tree (elements, attributes, text); namespaces resolved per element. */
export function parseXml(xml: string): XmlNode {
  let i = 0;
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  const top = () => stack[stack.length - 1];
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textPart = lt < 0 ? xml.slice(i) : xml.slice(i, lt);
    if (textPart && stack.length) { top().text += decode(textPart); top().raw += textPart; }
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) { const e = xml.indexOf('-->', lt); if (e < 0) throw new RdfXmlError('unterminated comment'); i = e + 3; continue; }
    if (xml.startsWith('<![CDATA[', lt)) { const e = xml.indexOf(']]>', lt); if (e < 0) throw new RdfXmlError('unterminated CDATA'); if (stack.length) { top().text += xml.slice(lt + 9, e); top().raw += xml.slice(lt, e + 3); } i = e + 3; continue; }
    if (xml.startsWith('<?', lt)) { const e = xml.indexOf('?>', lt); if (e < 0) throw new RdfXmlError('unterminated declaration'); i = e + 2; continue; }
    if (xml.startsWith('<!', lt)) { const e = xml.indexOf('>', lt); if (e < 0) throw new RdfXmlError('unterminated doctype'); i = e + 1; continue; }
    if (xml[lt + 1] === '/') {
      const e = xml.indexOf('>', lt);
      if (e < 0) throw new RdfXmlError('unterminated end tag');
      const name = xml.slice(lt + 2, e).trim();
      const n = stack.pop();
      if (!n || n.name !== name) throw new RdfXmlError(`mismatched </${name}>`);
      if (stack.length) top().raw += `<${n.name}>${n.raw}</${n.name}>`;
      i = e + 1;
      continue;
    }
    // start tag
    const m = /^<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(xml.slice(lt, lt + 20000));
    if (!m) throw new RdfXmlError(`bad tag at ${lt}`);
    const attrs: Record<string, string> = {};
    for (const a of m[2].matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]] = decode(a[2] ?? a[3] ?? '');
    const ns: Record<string, string> = { ...(stack.length ? top().ns : { xml: 'http://www.w3.org/XML/1998/namespace' }) };
    for (const [k, v] of Object.entries(attrs)) if (k === 'xmlns') ns[''] = v; else if (k.startsWith('xmlns:')) ns[k.slice(6)] = v;
    const node: XmlNode = { name: m[1], attrs, children: [], text: '', raw: '', ns };
    if (stack.length) top().children.push(node); else root = node;
    if (!m[3]) stack.push(node);
    i = lt + m[0].length;
  }
  if (stack.length || !root) throw new RdfXmlError('unterminated document');
  return root;
}

function expandName(n: XmlNode, qname: string): string {
  const i = qname.indexOf(':');
  const prefix = i < 0 ? '' : qname.slice(0, i);
  const local = i < 0 ? qname : qname.slice(i + 1);
  const ns = n.ns[prefix];
  if (ns === undefined) throw new RdfXmlError(`unknown prefix ${prefix}`);
  return ns + local;
}

const RDF = NS.rdf;
const SKIP_ATTRS = new Set([RDF + 'about', RDF + 'nodeID', RDF + 'ID', RDF + 'resource', RDF + 'datatype', RDF + 'parseType', RDF + 'type', 'http://www.w3.org/XML/1998/namespacelang', 'http://www.w3.org/XML/1998/namespacebase']);

/** Triples of an RDF/XML document. */
export function parseRdfXml(xml: string, baseIri: string): Triple[] {
  const root = parseXml(xml);
  const out: Triple[] = [];
  let bn = 0;
  const resolve = (iri: string, base: string) => { try { return new URL(iri, base).toString(); } catch { return iri; } };
  const attrOf = (n: XmlNode, full: string): string | undefined => {
    for (const [k, v] of Object.entries(n.attrs)) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
      if (k.includes(':') && expandName(n, k) === full) return v;
    }
    return undefined;
  };
  const baseOf = (n: XmlNode, inherited: string) => { const b = attrOf(n, 'http://www.w3.org/XML/1998/namespacebase'); return b ? resolve(b, inherited) : inherited; };

  const nodeElement = (n: XmlNode, base: string, lang: string | undefined): Term => {
    base = baseOf(n, base);
    lang = attrOf(n, 'http://www.w3.org/XML/1998/namespacelang') ?? lang;
    const about = attrOf(n, RDF + 'about');
    const id = attrOf(n, RDF + 'ID');
    const nodeId = attrOf(n, RDF + 'nodeID');
    const s: Term = about !== undefined ? { kind: 'iri', value: resolve(about, base) } : id ? { kind: 'iri', value: resolve(`#${id}`, base) } : { kind: 'bnode', value: nodeId ?? `x${bn++}` };
    const type = expandName(n, n.name);
    if (type !== RDF + 'Description') out.push({ s, p: RDF + 'type', o: { kind: 'iri', value: type } });
    const t = attrOf(n, RDF + 'type');
    if (t) out.push({ s, p: RDF + 'type', o: { kind: 'iri', value: resolve(t, base) } });
    for (const [k, v] of Object.entries(n.attrs)) {
      if (k === 'xmlns' || k.startsWith('xmlns:') || !k.includes(':')) continue;
      const p = expandName(n, k);
      if (SKIP_ATTRS.has(p)) continue;
      out.push({ s, p, o: { kind: 'literal', value: v, lang } });
    }
    for (const c of n.children) propertyElement(s, c, base, lang);
    return s;
  };

  const propertyElement = (s: Term, n: XmlNode, base: string, lang: string | undefined) => {
    base = baseOf(n, base);
    lang = attrOf(n, 'http://www.w3.org/XML/1998/namespacelang') ?? lang;
    const p = expandName(n, n.name);
    if (p === RDF + 'li') return;
    const res = attrOf(n, RDF + 'resource');
    const nodeId = attrOf(n, RDF + 'nodeID');
    const parseType = attrOf(n, RDF + 'parseType');
    const datatype = attrOf(n, RDF + 'datatype');
    if (res !== undefined) { out.push({ s, p, o: { kind: 'iri', value: resolve(res, base) } }); return; }
    if (nodeId) { out.push({ s, p, o: { kind: 'bnode', value: nodeId } }); return; }
    if (parseType === 'Resource') {
      const o: Term = { kind: 'bnode', value: `x${bn++}` };
      out.push({ s, p, o });
      for (const c of n.children) propertyElement(o, c, base, lang);
      return;
    }
    if (parseType === 'Literal') { out.push({ s, p, o: { kind: 'literal', value: n.raw, datatype: RDF + 'XMLLiteral' } }); return; }
    if (n.children.length) { out.push({ s, p, o: nodeElement(n.children[0], base, lang) }); return; }
    out.push({ s, p, o: { kind: 'literal', value: n.text, ...(datatype ? { datatype: resolve(datatype, base) } : lang ? { lang } : {}) } });
  };

  const isRdfRoot = (() => { try { return expandName(root, root.name) === RDF + 'RDF'; } catch { return false; } })();
  const base0 = baseOf(root, baseIri);
  if (isRdfRoot) for (const c of root.children) nodeElement(c, base0, undefined);
  else nodeElement(root, base0, undefined);
  return out;
}
