import { test } from 'node:test';
import assert from 'node:assert/strict';
import { html, raw, jsonScript } from '../../src/core/views/html.ts';
import { loadConfig, ConfigError } from '../../src/config.ts';
import { canonicalJson } from '../../src/core/audit.ts';
import { t, missingTranslations } from '../../src/core/i18n/i18n.ts';
import { parseInput } from '../../src/core/validation.ts';
import { ValidationError } from '../../src/core/http/errors.ts';
import { Type } from '@sinclair/typebox';
import { safeFileName, detectType } from '../../src/core/files.ts';
import { encodeCursor, decodeCursor } from '../../src/core/http/pagination.ts';
import { levelOf } from '../../src/core/seed/regions-import.ts';

test('html escapes interpolations, keeps nested html and raw', () => {
  const evil = '<script>alert("x")</script>';
  assert.equal(html`<p>${evil}</p>`.toString(), '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
  assert.equal(html`<ul>${['a', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.toString(), '<ul><li>a</li><li>b</li></ul>');
  assert.equal(html`${null}${undefined}${false}${0}`.toString(), '0');
  assert.equal(html`${raw('<b>ok</b>')}`.toString(), '<b>ok</b>');
  assert.equal(jsonScript({ a: '</script>' }).toString(), '{"a":"\\u003c/script\\u003e"}');
});

test('config lists every problem at once', () => {
  try {
    loadConfig({ PORT: 'abc', BASE_URL: 'ftp://x', DEFAULT_LOCALE: 'fr', SEED_DEMO: 'maybe', SESSION_SECRET: 'short', S3_BUCKET: 'b', DATABASE_URL: 'mysql://x' });
    assert.fail('should throw');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    const text = err.problems.join('\n');
    for (const name of ['PORT', 'BASE_URL', 'DEFAULT_LOCALE', 'SEED_DEMO', 'SESSION_SECRET', 'S3_BUCKET', 'DATABASE_URL']) assert.match(text, new RegExp(name));
    assert.equal(err.problems.length, 7);
  }
});

test('config defaults and secure cookies follow BASE_URL', () => {
  const c = loadConfig({ BASE_URL: 'https://data.ntbprov.go.id/', SESSION_SECRET: 'x'.repeat(40) });
  assert.equal(c.port, 3000);
  assert.equal(c.baseUrl, 'https://data.ntbprov.go.id');
  assert.equal(c.secureCookies, true);
  assert.equal(c.defaultLocale, 'id');
  assert.equal(c.seedDemo, true);
  assert.equal(loadConfig({ SESSION_SECRET: 'x'.repeat(40) }).secureCookies, false);
});

test('canonical JSON ignores key order (jsonb reorders keys)', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } }), canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
  assert.notEqual(canonicalJson({ a: 1 }), canonicalJson({ a: 2 }));
});

test('every message exists in both languages', () => {
  assert.deepEqual(missingTranslations(), []);
  assert.equal(t('id', 'validation.maxLength', { limit: 250 }), 'Paling banyak 250 karakter.');
  assert.equal(t('en', 'validation.maxLength', { limit: 250 }), 'At most 250 characters.');
});

test('parseInput names the field and the limit', () => {
  const S = Type.Object({ title: Type.String({ minLength: 1, maxLength: 5 }), email: Type.String({ format: 'email' }), n: Type.Integer({ minimum: 1 }) });
  assert.deepEqual(parseInput(S, { title: 'abc', email: 'a@b.co', n: '3' }), { title: 'abc', email: 'a@b.co', n: 3 });
  try {
    parseInput(S, { title: 'abcdef', email: 'nope', n: 0, extra: 1 });
    assert.fail();
  } catch (err) {
    assert.ok(err instanceof ValidationError);
    const byField = Object.fromEntries(err.fields.map((f) => [f.field, f]));
    assert.equal(byField.title.key, 'validation.maxLength');
    assert.equal(byField.title.params?.limit, 5);
    assert.equal(byField.email.key, 'validation.format.email');
    assert.equal(byField.n.key, 'validation.minimum');
  }
  assert.throws(() => parseInput(S, {}), (e: any) => e.fields.some((f: any) => f.field === 'title' && f.key === 'validation.required'));
});

test('file names are made safe; types come from content', async () => {
  assert.equal(safeFileName('../../etc/passwd'), 'passwd');
  assert.equal(safeFileName('a<b>"c".csv'), 'abc.csv');
  assert.equal(safeFileName(''), 'berkas');
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  assert.deepEqual(await detectType(png, 'foto.png'), { mime: 'image/png', ext: 'png' });
  assert.equal((await detectType(Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'binary'), 'foto.jpg'))?.mime, 'application/x-msdownload');
  assert.deepEqual(await detectType(Buffer.from('a;b\n1;2\n'), 'data.csv'), { mime: 'text/csv', ext: 'csv' });
  assert.equal(await detectType(Buffer.from([0, 1, 2, 3, 0, 0]), 'data.csv'), null);
});

test('cursor round-trips and rejects garbage', () => {
  assert.deepEqual(decodeCursor(encodeCursor(['2021-01-01', 5]), 2), ['2021-01-01', 5]);
  assert.equal(decodeCursor(undefined, 1), null);
  assert.throws(() => decodeCursor('bm9wZQ', 1));
});

test('Kemendagri code levels', () => {
  assert.equal(levelOf('52.01.01'), 'kecamatan');
  assert.equal(levelOf('52.71.01.1001'), 'kelurahan');
  assert.equal(levelOf('52.01.01.2001'), 'desa');
  assert.equal(levelOf('51.01.01'), null);
});
