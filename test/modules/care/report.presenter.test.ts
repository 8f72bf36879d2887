import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { isPubliclyListed, presentReport, presentTimeline, visibleAttachments } from '../../../src/modules/care/report.presenter.ts';
import type { AttachmentRecord, ReportEventRecord, ReportRecord } from '../../../src/modules/care/report.model.ts';
import { transitions } from '../../../src/modules/care/report-workflow.ts';

const report = (over: Partial<ReportRecord> = {}): ReportRecord => ({
  id: 'r1', trackingCode: '7KQ2M-X9DPR', type: 'pengaduan', categoryCode: 'jalan-jembatan', categoryName: 'Jalan dan jembatan',
  title: 'Jalan rusak, hubungi 081234567890', description: 'NIK saya 5271012345678901, email warga@contoh.id',
  privacy: 'publik', channel: 'web', state: 'didisposisi', regionCode: '52.71', regionName: 'Kota Mataram', lat: -8.58, lng: 116.11,
  address: 'Jl. Pejanggik', reporterName: 'Warga Contoh', reporterEmail: 'warga@contoh.id', reporterPhone: '081234567890',
  assignedOrganisationId: 'o1', assignedOrganisationName: 'Pemerintah Kota Mataram', rejectReason: null, duplicateOfCode: null, referral: null,
  rating: null, ratingComment: null, isDemo: false, createdAt: new Date(0), updatedAt: new Date(0), ...over,
});

const publicActions = new Set(Object.entries(transitions).filter(([, d]) => d.publicEvent).map(([a]) => a));

describe('public view', () => {
  test('redacts phone, NIK and e-mail and never identifies the reporter', () => {
    const v = presentReport(report(), 'public')!;
    assert.equal(v.title, 'Jalan rusak, hubungi [nomor telepon disembunyikan]');
    assert.equal(v.description, 'NIK saya [NIK disembunyikan], email [email disembunyikan]');
    assert.equal(v.reporter, null);
    assert.equal(v.channel, null);
    assert.ok(!JSON.stringify(v).includes('Warga Contoh'));
    assert.ok(!JSON.stringify(v).includes('081234567890'));
  });
  test('rahasia, unverified and spam reports are not listed', () => {
    assert.equal(presentReport(report({ privacy: 'rahasia' }), 'public'), null);
    assert.equal(presentReport(report({ state: 'diterima' }), 'public'), null);
    assert.equal(presentReport(report({ state: 'ditolak', rejectReason: 'spam' }), 'public'), null);
    assert.ok(isPubliclyListed(report({ state: 'ditolak', rejectReason: 'duplikat' })));
  });
  test('tracking by code shows the status of a rahasia report without content or location', () => {
    const v = presentReport(report({ privacy: 'rahasia' }), 'tracking')!;
    assert.equal(v.state, 'didisposisi');
    assert.equal(v.title, null);
    assert.equal(v.description, null);
    assert.equal(v.lat, null);
    assert.equal(v.reporter, null);
  });
});

describe('liaison view', () => {
  test('anonymous report: no name, e-mail or phone anywhere', () => {
    const v = presentReport(report({ privacy: 'anonim' }), 'liaison')!;
    assert.equal(v.reporter, null);
    assert.equal(v.reporterHidden, true);
    const json = JSON.stringify(v);
    for (const s of ['Warga Contoh', 'warga@contoh.id', '081234567890', '5271012345678901']) assert.ok(!json.includes(s), s);
  });
  test('public and rahasia reports: the liaison sees the contact to follow up', () => {
    assert.equal(presentReport(report(), 'liaison')!.reporter?.email, 'warga@contoh.id');
    assert.equal(presentReport(report({ privacy: 'rahasia' }), 'liaison')!.reporter?.phone, '081234567890');
  });
  test('the complaint administrator sees the identity of an anonymous report', () => {
    assert.equal(presentReport(report({ privacy: 'anonim' }), 'admin')!.reporter?.name, 'Warga Contoh');
  });
});

describe('timeline', () => {
  const ev = (over: Partial<ReportEventRecord>): ReportEventRecord => ({
    id: 'e', reportId: 'r1', kind: 'transition', action: 'tindak_lanjut', fromState: 'didisposisi', toState: 'ditindaklanjuti',
    publicText: 'Sudah diperbaiki, info 081234567890', internalText: null, actorRole: 'complaint_liaison', actorOrganisationName: 'Pemerintah Kota Mataram',
    organisationName: null, createdAt: new Date(0), ...over,
  });
  const events = [
    ev({ id: 'a' }),
    ev({ id: 'b', kind: 'note', action: null, publicText: null, internalText: 'catatan internal' }),
    ev({ id: 'c', action: 'kembalikan', publicText: null, internalText: 'bukan kewenangan kami' }),
  ];
  test('the public sees public events, redacted; no internal notes', () => {
    const v = presentTimeline(events, 'public', publicActions);
    assert.deepEqual(v.map((e) => e.id), ['a']);
    assert.equal(v[0]!.text, 'Sudah diperbaiki, info [nomor telepon disembunyikan]');
    assert.equal(v[0]!.internalText, null);
  });
  test('an anonymous reporter\'s answers are redacted for the liaison', () => {
    const answer = ev({ id: 'd', action: 'jawab_informasi', actorRole: 'reporter', publicText: 'Telepon saya 0812-3456-7890' });
    assert.equal(presentTimeline([answer], 'liaison', publicActions, { anonymous: true })[0]!.text, 'Telepon saya [nomor telepon disembunyikan]');
    assert.equal(presentTimeline([answer], 'admin', publicActions, { anonymous: true })[0]!.text, 'Telepon saya 0812-3456-7890');
  });
  test('staff see notes and internal events', () => {
    assert.deepEqual(presentTimeline(events, 'liaison', publicActions).map((e) => e.id), ['a', 'b', 'c']);
    assert.equal(presentTimeline(events, 'admin', publicActions)[1]!.internalText, 'catatan internal');
  });
});

test('attachments: public sees only re-encoded images of non-rahasia reports', () => {
  const a = (id: string, mime: string, sanitized: boolean): AttachmentRecord => ({ id, reportId: 'r1', mime, size: 1, sanitized, width: null, height: null, createdAt: new Date(0) });
  const list = [a('img', 'image/jpeg', true), a('raw', 'image/jpeg', false), a('pdf', 'application/pdf', false)];
  assert.deepEqual(visibleAttachments(list, 'public', { privacy: 'publik' }).map((x) => x.id), ['img']);
  assert.deepEqual(visibleAttachments(list, 'public', { privacy: 'rahasia' }), []);
  assert.deepEqual(visibleAttachments(list, 'liaison', { privacy: 'rahasia' }).map((x) => x.id), ['img', 'raw', 'pdf']);
});
