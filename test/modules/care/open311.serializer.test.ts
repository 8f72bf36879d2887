import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  escapeXml,
  parseAttributeFields,
  parseDateRange,
  serializeCreated,
  serializeDiscovery,
  serializeErrors,
  serializeRequests,
  serializeRequestUpdates,
  serializeServiceDefinition,
  serializeServices,
  serializeTokens,
  serializeUpdateCreated,
  splitFormat,
  w3cDatetime,
  type Open311Request,
} from '../../../src/modules/care/open311.serializer.ts';

const strip = (xml: string) => xml.replace(/>\s+</g, '><').trim();

describe('spec example shapes', () => {
  test('discovery (JSON object, XML <discovery> with endpoints/endpoint/formats/format)', () => {
    const d = {
      changeset: '2026-11-23T00:00:00+08:00', contact: 'Diskominfotik Provinsi NTB', key_service: 'https://example.test/open311',
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'https://example.test/open311/v2', changeset: '2026-11-23T00:00:00+08:00', type: 'production' as const, formats: ['text/xml', 'application/json'] }],
    };
    assert.deepEqual(JSON.parse(serializeDiscovery(d, 'json').body), d);
    const xml = serializeDiscovery(d, 'xml');
    assert.equal(xml.contentType, 'text/xml; charset=utf-8');
    assert.equal(strip(xml.body), strip(`<?xml version="1.0" encoding="utf-8"?>
      <discovery><changeset>2026-11-23T00:00:00+08:00</changeset><contact>Diskominfotik Provinsi NTB</contact>
      <key_service>https://example.test/open311</key_service><endpoints><endpoint>
      <specification>http://wiki.open311.org/GeoReport_v2</specification><url>https://example.test/open311/v2</url>
      <changeset>2026-11-23T00:00:00+08:00</changeset><type>production</type>
      <formats><format>text/xml</format><format>application/json</format></formats></endpoint></endpoints></discovery>`));
  });

  test('services (array / <services><service>)', () => {
    const list = [{ service_code: 'jalan-jembatan', service_name: 'Jalan dan jembatan', description: 'Jalan berlubang', metadata: true, type: 'realtime' as const, keywords: 'jalan, jembatan', group: 'Infrastruktur' }];
    const json = serializeServices(list, 'json');
    assert.equal(json.contentType, 'application/json; charset=utf-8');
    assert.deepEqual(JSON.parse(json.body), list);
    assert.equal(strip(serializeServices(list, 'xml').body), strip(`<?xml version="1.0" encoding="utf-8"?>
      <services><service><service_code>jalan-jembatan</service_code><service_name>Jalan dan jembatan</service_name>
      <description>Jalan berlubang</description><metadata>true</metadata><type>realtime</type>
      <keywords>jalan, jembatan</keywords><group>Infrastruktur</group></service></services>`));
  });

  test('service definition with attributes and values', () => {
    const def = {
      service_code: 'bantuan-sosial',
      attributes: [{ variable: true, code: 'jenis_bantuan', datatype: 'singlevaluelist' as const, required: false, datatype_description: null, order: 1, description: 'Jenis bantuan', values: [{ key: 'pkh', name: 'PKH' }, { key: 'blt', name: 'BLT' }] }],
    };
    assert.deepEqual(JSON.parse(serializeServiceDefinition(def, 'json').body), def);
    assert.equal(strip(serializeServiceDefinition(def, 'xml').body), strip(`<?xml version="1.0" encoding="utf-8"?>
      <service_definition><service_code>bantuan-sosial</service_code><attributes><attribute>
      <variable>true</variable><code>jenis_bantuan</code><datatype>singlevaluelist</datatype><required>false</required>
      <datatype_description></datatype_description><order>1</order><description>Jenis bantuan</description>
      <values><value><key>pkh</key><name>PKH</name></value><value><key>blt</key><name>BLT</name></value></values>
      </attribute></attributes></service_definition>`));
  });

  const req: Open311Request = {
    service_request_id: '7KQ2M-X9DPR', status: 'closed', status_notes: 'Sudah diperbaiki', service_name: 'Jalan dan jembatan', service_code: 'jalan-jembatan',
    description: 'Lubang besar', agency_responsible: 'Pemerintah Kota Mataram', service_notice: null,
    requested_datetime: '2026-11-23T10:00:00+08:00', updated_datetime: '2026-11-25T10:00:00+08:00', expected_datetime: '2026-11-30T23:59:59+08:00',
    address: 'Jl. Pejanggik, Mataram', address_id: null, zipcode: null, lat: -8.5833, long: 116.1167, media_url: null,
  };
  test('GET requests: every spec field present, nulls as empty elements', () => {
    assert.deepEqual(JSON.parse(serializeRequests([req], 'json').body), [req]);
    const xml = strip(serializeRequests([req], 'xml').body);
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?><service_requests><request><service_request_id>7KQ2M-X9DPR</service_request_id><status>closed</status>'));
    assert.ok(xml.includes('<service_notice></service_notice>'));
    assert.ok(xml.includes('<lat>-8.5833</lat><long>116.1167</long><media_url></media_url></request></service_requests>'));
    const order = [...xml.matchAll(/<(\w+)>/g)].map((m) => m[1]).slice(2, 19);
    assert.deepEqual(order, ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url']);
  });
  test('empty list', () => {
    assert.equal(serializeRequests([], 'json').body, '[]');
    assert.equal(strip(serializeRequests([], 'xml').body), '<?xml version="1.0" encoding="utf-8"?><service_requests></service_requests>');
  });
  test('POST requests response and tokens', () => {
    const created = [{ service_request_id: '7KQ2M-X9DPR', service_notice: 'Laporan diterima', account_id: null }];
    assert.deepEqual(JSON.parse(serializeCreated(created, 'json').body), created);
    assert.equal(strip(serializeCreated(created, 'xml').body), strip(`<?xml version="1.0" encoding="utf-8"?><service_requests><request>
      <service_request_id>7KQ2M-X9DPR</service_request_id><service_notice>Laporan diterima</service_notice><account_id></account_id></request></service_requests>`));
    assert.equal(strip(serializeTokens([{ service_request_id: '7KQ2M-X9DPR', token: 'abc' }], 'xml').body), strip(`<?xml version="1.0" encoding="utf-8"?>
      <service_requests><request><service_request_id>7KQ2M-X9DPR</service_request_id><token>abc</token></request></service_requests>`));
  });
  test('errors: [{code, description}] and <errors><error>', () => {
    const errs = [{ code: 403, description: 'Invalid api_key' }];
    assert.equal(serializeErrors(errs, 'json').body, '[{"code":403,"description":"Invalid api_key"}]');
    assert.equal(strip(serializeErrors(errs, 'xml').body), '<?xml version="1.0" encoding="utf-8"?><errors><error><code>403</code><description>Invalid api_key</description></error></errors>');
  });
  test('FixMyStreet servicerequestupdates', () => {
    const u = [{ update_id: '42', service_request_id: '7KQ2M-X9DPR', status: 'in_progress', updated_datetime: '2026-11-24T09:00:00+08:00', description: 'Didisposisikan', media_url: null, external_status_code: 'didisposisi' }];
    assert.deepEqual(JSON.parse(serializeRequestUpdates(u, 'json').body), u);
    assert.equal(strip(serializeRequestUpdates(u, 'xml').body), strip(`<?xml version="1.0" encoding="utf-8"?><service_request_updates><request_update>
      <update_id>42</update_id><service_request_id>7KQ2M-X9DPR</service_request_id><status>in_progress</status>
      <updated_datetime>2026-11-24T09:00:00+08:00</updated_datetime><description>Didisposisikan</description><media_url></media_url>
      <external_status_code>didisposisi</external_status_code></request_update></service_request_updates>`));
    assert.equal(strip(serializeUpdateCreated('9', 'xml').body), '<?xml version="1.0" encoding="utf-8"?><service_request_updates><request_update><update_id>9</update_id></request_update></service_request_updates>');
  });
});

describe('safety and helpers', () => {
  test('XML escapes markup and drops control characters', () => {
    assert.equal(escapeXml('<script>alert("x")</script> & \u0007'), '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ');
    const body = serializeErrors([{ code: 400, description: '<b>bad</b>' }], 'xml').body;
    assert.ok(!body.includes('<b>'));
  });
  test('w3c datetime in WITA', () => {
    assert.equal(w3cDatetime(new Date('2026-11-23T02:00:00Z')), '2026-11-23T10:00:00+08:00');
    assert.equal(w3cDatetime(new Date('2010-04-14T14:37:38Z'), -480), '2010-04-14T06:37:38-08:00');
  });
  test('splitFormat', () => {
    assert.deepEqual(splitFormat('requests.json'), { name: 'requests', format: 'json' });
    assert.deepEqual(splitFormat('services/jalan-jembatan.XML'), { name: 'services/jalan-jembatan', format: 'xml' });
    assert.equal(splitFormat('requests'), null);
  });
  test('attribute[CODE] fields, as FixMyStreet sends them', () => {
    assert.deepEqual(parseAttributeFields({ 'attribute[jenis_bantuan]': 'pkh', 'attribute[tags][]': ['a', 'b'], 'attribute[one][]': 'x', description: 'x', api_key: 'k' }), {
      jenis_bantuan: 'pkh', tags: ['a', 'b'], one: ['x'],
    });
  });
  test('date range: default 90 days, cap, bad input', () => {
    const now = new Date('2026-11-23T00:00:00Z');
    const r = parseDateRange(undefined, undefined, now);
    assert.ok('start' in r && r.end.getTime() === now.getTime() && (r.end.getTime() - r.start.getTime()) === 90 * 86_400_000);
    assert.deepEqual(parseDateRange('2026-01-01T00:00:00Z', '2026-11-01T00:00:00Z', now), { code: 400, description: 'the date range may not exceed 90 days' });
    assert.deepEqual(parseDateRange('nonsense', undefined, now), { code: 400, description: 'start_date is not a valid w3c datetime' });
    assert.deepEqual(parseDateRange('2026-11-10T00:00:00Z', '2026-11-01T00:00:00Z', now), { code: 400, description: 'start_date is after end_date' });
    const s = parseDateRange('2026-11-01T00:00:00+08:00', undefined, now);
    assert.ok('start' in s && s.end.getTime() === now.getTime());
  });
});
