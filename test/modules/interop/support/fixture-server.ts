/**
 * A local fixture portal (127.0.0.1 only) answering like CKAN 2.10 (package_search with rows/start/sort/fq,
 * package_show, package_list) and serving DCAT pages, with switches for broken behaviour.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

const FIX = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const fixture = (name: string) => fs.readFileSync(path.join(FIX, name), 'utf8');
export const fixtureJson = (name: string) => JSON.parse(fixture(name));

export interface FixtureServer {
  url: string;
  packages: any[];
  /** Requests seen (path + query). */
  log: string[];
  /** Per request path substring: behaviour override. */
  breaks: Array<{ match: string; mode: 'malformed' | 'error500' | 'slow' | 'html'; times: number }>;
  dcatPages: Record<string, string>;
  close(): Promise<void>;
}

export async function startFixtureServer(opts: { slowMs?: number } = {}): Promise<FixtureServer> {
  const state: FixtureServer = {
    url: '', packages: fixtureJson('source-packages.json').packages, log: [], breaks: [],
    dcatPages: { '1': fixture('dcat-page1.ttl'), '2': fixture('dcat-page2.ttl') },
    close: async () => {},
  };
  const help = (a: string) => `${state.url}/api/3/action/help_show?name=${a}`;
  const server = http.createServer((req, res) => {
    const u = new URL(req.url!, 'http://x');
    state.log.push(u.pathname + u.search);
    const br = state.breaks.find((b) => b.times > 0 && (u.pathname + u.search).includes(b.match));
    if (br) {
      br.times--;
      if (br.mode === 'malformed') { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"help": "x", "success": true, "result": {"count": 5, "results": [{"id"'); return; }
      if (br.mode === 'error500') { res.writeHead(500, { 'content-type': 'text/html' }); res.end('<h1>Internal Server Error</h1>'); return; }
      if (br.mode === 'html') { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html>maintenance</html>'); return; }
      if (br.mode === 'slow') { setTimeout(() => { res.writeHead(200); res.end('{}'); }, opts.slowMs ?? 2000); return; }
    }
    const send = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' }); res.end(JSON.stringify(body)); };
    const m = /^\/api\/(?:3\/)?action\/(\w+)$/.exec(u.pathname);
    if (m) {
      const a = m[1];
      const q = Object.fromEntries(u.searchParams);
      const live = state.packages.filter((p) => p.state === 'active');
      if (a === 'package_list') return send(200, { help: help(a), success: true, result: live.map((p) => p.name).sort() });
      if (a === 'package_show') {
        const p = live.find((x) => x.id === q.id || x.name === q.id);
        return p ? send(200, { help: help(a), success: true, result: p }) : send(404, { help: help(a), success: false, error: { __type: 'Not Found Error', message: 'Not found' } });
      }
      if (a === 'package_search') {
        let rows = live.slice();
        const fm = /metadata_modified:\[(\S+) TO \*\]/.exec(q.fq ?? '');
        if (fm) rows = rows.filter((p) => new Date(p.metadata_modified + 'Z') >= new Date(fm[1]));
        if ((q.sort ?? '').startsWith('metadata_modified asc')) rows.sort((x, y) => x.metadata_modified.localeCompare(y.metadata_modified));
        const start = Number(q.start ?? 0), n = Number(q.rows ?? 10);
        let results = rows.slice(start, start + n);
        if (q.fl) { const keys = q.fl.split(','); results = results.map((p) => Object.fromEntries(keys.map((k) => [k, p[k]]))); }
        return send(200, { help: help(a), success: true, result: { count: rows.length, facets: {}, results, sort: q.sort ?? 'score desc, metadata_modified desc', search_facets: {} } });
      }
      return send(400, `Bad request - Action name not known: ${a}`);
    }
    if (u.pathname === '/catalog.ttl') {
      const page = u.searchParams.get('page') ?? '1';
      const body = state.dcatPages[page];
      if (!body) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { 'content-type': 'text/turtle' });
      res.end(body.replaceAll('https://satudata.bimakota.go.id/catalog.ttl', `${state.url}/catalog.ttl`));
      return;
    }
    res.writeHead(404); res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((r) => { server.closeAllConnections?.(); server.close(() => r()); });
  return state;
}
