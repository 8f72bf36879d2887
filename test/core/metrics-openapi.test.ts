/**
 * Issue 15.8: /metrics passes the checks of `promtool check metrics` (the promlint rules of
 * client_golang, applied here to the exposition the platform serves), and every /api/v1 operation of the
 * OpenAPI document declares a response schema; the whole document validates against the OpenAPI 3.1
 * JSON Schema.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

let p: TestPlatform;
before(async () => { p = await startTestPlatform(); });
after(async () => { await p?.close(); });

interface Family { name: string; type: string; help: string | null; samples: Array<{ name: string; labels: string[] }> }

/** The text exposition format, as families (HELP, TYPE, samples with their label names). */
function parseExposition(text: string): Family[] {
  const fams = new Map<string, Family>();
  const fam = (n: string) => { let f = fams.get(n); if (!f) { f = { name: n, type: 'untyped', help: null, samples: [] }; fams.set(n, f); } return f; };
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let m = /^# HELP (\S+) ?(.*)$/.exec(line);
    if (m) { fam(m[1]).help = m[2]; continue; }
    m = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (m) { fam(m[1]).type = m[2]; continue; }
    if (line.startsWith('#')) continue;
    m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})? \S+/.exec(line);
    assert.ok(m, `unparsable sample line: ${line}`);
    const labels = m[3] ? [...m[3].matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="/g)].map((x) => x[1]) : [];
    const base = [...fams.keys()].find((k) => m![1] === k || (['histogram', 'summary'].includes(fams.get(k)!.type) && /^(.*)_(bucket|sum|count)$/.exec(m![1])?.[1] === k)) ?? m[1];
    fam(base).samples.push({ name: m[1], labels });
  }
  return [...fams.values()];
}

/** promlint's problems (prometheus/client_golang/prometheus/testutil/promlint). */
function promlint(families: Family[]): string[] {
  const problems: string[] = [];
  const units = ['seconds', 'bytes', 'meters', 'ratio', 'volts', 'amperes', 'joules', 'grams', 'celsius', 'info'];
  const nonBase: Record<string, string> = {
    minutes: 'seconds', hours: 'seconds', days: 'seconds', weeks: 'seconds', milliseconds: 'seconds', millis: 'seconds', microseconds: 'seconds', nanoseconds: 'seconds',
    kilobytes: 'bytes', megabytes: 'bytes', gigabytes: 'bytes', bits: 'bytes', kilograms: 'grams', percent: 'ratio', centimeters: 'meters', millimeters: 'meters', kilometers: 'meters', fahrenheit: 'celsius',
  };
  const abbreviations = ['s', 'ms', 'us', 'ns', 'sec', 'b', 'kb', 'mb', 'gb', 'tb', 'pb', 'm', 'h', 'd'];
  for (const f of families) {
    const n = f.name;
    if (f.help === null || f.help === '') problems.push(`${n}: no help text`);
    if (f.type === 'counter' && !n.endsWith('_total')) problems.push(`${n}: counter metrics should have "_total" suffix`);
    if (f.type !== 'counter' && n.endsWith('_total')) problems.push(`${n}: non-counter metrics should not have "_total" suffix`);
    if (!['histogram', 'summary'].includes(f.type) && /_(sum|count|bucket)$/.test(n)) problems.push(`${n}: non-histogram and non-summary metrics should not have "_${n.split('_').pop()}" suffix`);
    if (/[A-Z]/.test(n)) problems.push(`${n}: metric names should be written in 'snake_case' not 'camelCase'`);
    if (n.includes(':')) problems.push(`${n}: metric names should not contain ':'`);
    const parts = n.split('_');
    for (const part of parts) {
      if (nonBase[part]) problems.push(`${n}: use base unit "${nonBase[part]}" instead of "${part}"`);
      if (abbreviations.includes(part) && parts.length > 1) problems.push(`${n}: metric names should not contain abbreviated units`);
    }
    for (const t of ['gauge', 'counter', 'histogram', 'summary', 'untyped']) if (parts.includes(t)) problems.push(`${n}: metric name should not include type '${t}'`);
    for (const s of f.samples) {
      for (const l of s.labels) {
        if (/[A-Z]/.test(l)) problems.push(`${n}: label names should be written in 'snake_case' not 'camelCase'`);
        if (l === 'le' && f.type !== 'histogram') problems.push(`${n}: non-histogram metrics should not have "le" label`);
        if (l === 'quantile' && f.type !== 'summary') problems.push(`${n}: non-summary metrics should not have "quantile" label`);
      }
    }
    void units;
  }
  return [...new Set(problems)];
}

test('the promlint rules catch what they should (the rules are not vacuous)', () => {
  const bad = parseExposition('# HELP a_total x\n# TYPE a_total gauge\na_total 1\n# TYPE b counter\nb 1\n# HELP c_milliseconds x\n# TYPE c_milliseconds gauge\nc_milliseconds 1\n');
  const problems = promlint(bad);
  assert.ok(problems.some((x) => /a_total: non-counter/.test(x)));
  assert.ok(problems.some((x) => /b: counter metrics should have/.test(x)));
  assert.ok(problems.some((x) => /b: no help text/.test(x)));
  assert.ok(problems.some((x) => /c_milliseconds: use base unit "seconds"/.test(x)));
});

test('/metrics passes promtool check metrics (promlint rules)', async () => {
  await p.app.inject('/api/v1/health');
  const res = await p.app.inject({ url: '/metrics', headers: (p.config as any).metricsToken ? { authorization: `Bearer ${(p.config as any).metricsToken}` } : {} });
  assert.equal(res.statusCode, 200);
  const families = parseExposition(res.body);
  assert.ok(families.length > 20, 'default and platform metrics');
  assert.ok(families.some((f) => f.name === 'http_request_duration_seconds' && f.type === 'histogram'));
  assert.deepEqual(promlint(families), []);
});

test('every /api/v1 operation declares a success response schema; the document is valid OpenAPI 3.1', async () => {
  const doc = (await p.app.inject('/api/docs/json')).json();
  assert.equal(doc.openapi, '3.1.0');
  const missing: string[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    if (!path.startsWith('/api/v1')) continue;
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const ok = Object.entries<any>(op.responses ?? {}).filter(([code]) => /^2/.test(code));
      const declared = ok.some(([code, r]) => code === '204' || Object.values<any>(r.content ?? {}).some((c) => c.schema && Object.keys(c.schema).length));
      if (!declared) missing.push(`${method.toUpperCase()} ${path}`);
    }
  }
  assert.deepEqual(missing, [], 'operations without a success response schema');
  const validator = new Validator();
  const r = await validator.validate(doc);
  assert.ok(r.valid, JSON.stringify(r).slice(0, 3000));
});
