import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  availableActions,
  decideTransition,
  fixMyStreetStatus,
  open311Status,
  reportStates,
  transitions,
  type ReportState,
  type TransitionDef,
  type WorkflowActor,
} from '../../../src/modules/care/report-workflow.ts';
import { deriveClocks, evaluateReportSla, defaultBudgets, objectionWindowOpen, type ClockEvent } from '../../../src/modules/care/report-clock.ts';
import { createCalendar } from '../../../src/modules/care/sla-clock.ts';
import { holidaySeeds } from '../../../src/modules/care/seed/holidays.ts';

const admin: WorkflowActor = { role: 'complaint_admin' };
const liaisonA: WorkflowActor = { role: 'complaint_liaison', organisationIds: ['org-a'] };
const liaisonB: WorkflowActor = { role: 'complaint_liaison', organisationIds: ['org-b'] };
const reporter: WorkflowActor = { role: 'reporter' };
const system: WorkflowActor = { role: 'system' };
const at = (state: ReportState, org: string | null = 'org-a') => ({ state, assignedOrganisationId: org });

describe('transition table', () => {
  test('every state is reachable from diterima', () => {
    const seen = new Set<ReportState>(['diterima']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const def of Object.values(transitions)) {
        if (def.to !== 'same' && def.from.some((s) => seen.has(s)) && !seen.has(def.to)) {
          seen.add(def.to);
          grew = true;
        }
      }
    }
    assert.deepEqual([...seen].sort(), [...reportStates].sort());
  });
  test('terminal states have no outgoing state change', () => {
    for (const def of Object.values(transitions) as TransitionDef[]) {
      if (def.to === 'same') continue;
      assert.ok(!def.from.includes('ditolak'));
      assert.ok(!def.from.includes('selesai'));
    }
  });
});

describe('happy path', () => {
  test('diterima → terverifikasi → didisposisi → ditindaklanjuti → selesai', () => {
    const steps: Array<[string, WorkflowActor, ReportState, object, object?]> = [
      ['verifikasi', admin, 'diterima', {}],
      ['disposisi', admin, 'terverifikasi', { organisationId: 'org-a' }],
      ['tindak_lanjut', liaisonA, 'didisposisi', { message: 'Sudah diperbaiki' }],
      ['konfirmasi', reporter, 'ditindaklanjuti', {}],
    ];
    const expected: ReportState[] = ['terverifikasi', 'didisposisi', 'ditindaklanjuti', 'selesai'];
    steps.forEach(([action, actor, state, payload], i) => {
      const d = decideTransition(action, actor, at(state), payload);
      assert.ok(d.ok, `${action}: ${JSON.stringify(d)}`);
      assert.equal(d.to, expected[i]);
    });
  });
});

describe('who may fire', () => {
  test('only the complaint administrator verifies, rejects and dispatches', () => {
    for (const actor of [liaisonA, reporter, system]) {
      assert.deepEqual(decideTransition('verifikasi', actor, at('diterima')), { ok: false, error: { code: 'forbidden' } });
      assert.equal(decideTransition('disposisi', actor, at('terverifikasi'), { organisationId: 'org-a' }).ok, false);
    }
  });
  test('a liaison of another organisation cannot follow up', () => {
    const d = decideTransition('tindak_lanjut', liaisonB, at('didisposisi'), { message: 'x' });
    assert.deepEqual(d, { ok: false, error: { code: 'forbidden' } });
  });
  test('a liaison cannot act on an unassigned report', () => {
    assert.equal(decideTransition('tindak_lanjut', liaisonA, at('didisposisi', null), { message: 'x' }).ok, false);
  });
  test('only the reporter confirms or objects; only the system auto-closes', () => {
    assert.equal(decideTransition('konfirmasi', admin, at('ditindaklanjuti')).ok, false);
    assert.equal(decideTransition('konfirmasi', liaisonA, at('ditindaklanjuti')).ok, false);
    assert.equal(decideTransition('selesai_otomatis', admin, at('ditindaklanjuti'), {}, { objectionWindowOpen: false }).ok, false);
    assert.equal(decideTransition('selesai_otomatis', system, at('ditindaklanjuti'), {}, { objectionWindowOpen: false }).ok, true);
  });
  test('unknown action', () => {
    assert.deepEqual(decideTransition('hapus', admin, at('diterima')), { ok: false, error: { code: 'unknown_action' } });
    assert.deepEqual(decideTransition('toString', admin, at('diterima')), { ok: false, error: { code: 'unknown_action' } });
  });
});

describe('rules', () => {
  test('invalid state', () => {
    assert.deepEqual(decideTransition('disposisi', admin, at('diterima'), { organisationId: 'org-a' }), {
      ok: false, error: { code: 'invalid_state', state: 'diterima' },
    });
  });
  test('rejection needs a reason; duplicate needs the original; outside authority needs a referral', () => {
    assert.deepEqual(decideTransition('tolak', admin, at('diterima')), { ok: false, error: { code: 'missing_field', field: 'rejectReason' } });
    assert.deepEqual(decideTransition('tolak', admin, at('diterima'), { rejectReason: 'duplikat' }), { ok: false, error: { code: 'missing_field', field: 'duplicateOfId' } });
    assert.deepEqual(decideTransition('tolak', admin, at('diterima'), { rejectReason: 'di_luar_kewenangan' }), { ok: false, error: { code: 'missing_field', field: 'referral' } });
    assert.deepEqual(decideTransition('tolak', admin, at('diterima'), { rejectReason: 'bosan' as never }), { ok: false, error: { code: 'invalid_field', field: 'rejectReason' } });
    assert.equal(decideTransition('tolak', admin, at('diterima'), { rejectReason: 'spam' }).ok, true);
    assert.equal(decideTransition('tolak', admin, at('terverifikasi'), { rejectReason: 'di_luar_kewenangan', referral: 'Kantor Pertanahan' }).ok, true);
    assert.equal(decideTransition('tolak', admin, at('didisposisi'), { rejectReason: 'spam' }).ok, false);
  });
  test('re-routing needs a reason and another organisation', () => {
    assert.deepEqual(decideTransition('disposisi_ulang', admin, at('didisposisi'), { organisationId: 'org-b' }), { ok: false, error: { code: 'missing_field', field: 'reason' } });
    assert.deepEqual(decideTransition('disposisi_ulang', admin, at('didisposisi'), { organisationId: 'org-a', reason: 'x' }), { ok: false, error: { code: 'guard_failed', guard: 'different_organisation' } });
    const d = decideTransition('disposisi_ulang', admin, at('didisposisi'), { organisationId: 'org-b', reason: 'bukan kewenangan' });
    assert.ok(d.ok);
    assert.equal(d.to, 'didisposisi');
  });
  test('waiting for the reporter pauses and the answer resumes', () => {
    const ask = decideTransition('minta_informasi', liaisonA, at('didisposisi'), { message: 'Mohon lokasi persisnya' });
    assert.ok(ask.ok);
    assert.equal(ask.to, 'menunggu_pelapor');
    assert.deepEqual(ask.def.clock, ['pause_followup']);
    assert.equal(decideTransition('tindak_lanjut', liaisonA, at('menunggu_pelapor'), { message: 'x' }).ok, false);
    const ans = decideTransition('jawab_informasi', reporter, at('menunggu_pelapor'), { message: 'Depan pasar' });
    assert.ok(ans.ok);
    assert.equal(ans.to, 'didisposisi');
  });
  test('objection only while the window is open, and it reopens the report', () => {
    assert.deepEqual(decideTransition('keberatan', reporter, at('ditindaklanjuti'), { reason: 'belum diperbaiki' }, { objectionWindowOpen: false }), {
      ok: false, error: { code: 'guard_failed', guard: 'objection_window_open' },
    });
    const d = decideTransition('keberatan', reporter, at('ditindaklanjuti'), { reason: 'belum diperbaiki' }, { objectionWindowOpen: true });
    assert.ok(d.ok);
    assert.equal(d.to, 'didisposisi');
    assert.equal(decideTransition('selesai_otomatis', system, at('ditindaklanjuti'), {}, { objectionWindowOpen: true }).ok, false);
  });
  test('rating 1–5 once, after selesai', () => {
    assert.deepEqual(decideTransition('beri_nilai', reporter, at('selesai'), { rating: 6 }), { ok: false, error: { code: 'invalid_field', field: 'rating' } });
    assert.deepEqual(decideTransition('beri_nilai', reporter, at('selesai'), { rating: 2.5 }), { ok: false, error: { code: 'invalid_field', field: 'rating' } });
    const d = decideTransition('beri_nilai', reporter, at('selesai'), { rating: 4 });
    assert.ok(d.ok);
    assert.equal(d.to, 'selesai');
    assert.equal(decideTransition('beri_nilai', reporter, { ...at('selesai'), rated: true }, { rating: 4 }).ok, false);
    assert.equal(decideTransition('beri_nilai', reporter, at('ditindaklanjuti'), { rating: 4 }).ok, false);
  });
  test('blank messages do not count', () => {
    assert.deepEqual(decideTransition('tindak_lanjut', liaisonA, at('didisposisi'), { message: '   ' }), { ok: false, error: { code: 'missing_field', field: 'message' } });
  });
  test('availableActions lists the buttons per actor', () => {
    assert.deepEqual(availableActions(admin, at('diterima')), ['verifikasi', 'tolak']);
    assert.deepEqual(availableActions(liaisonA, at('didisposisi')), ['kembalikan', 'minta_informasi', 'tindak_lanjut']);
    assert.deepEqual(availableActions(liaisonB, at('didisposisi')), []);
    assert.deepEqual(availableActions(reporter, at('ditindaklanjuti'), { objectionWindowOpen: true }), ['konfirmasi', 'keberatan']);
    assert.deepEqual(availableActions(reporter, at('ditindaklanjuti'), { objectionWindowOpen: false }), ['konfirmasi']);
  });
  test('status mappings for Open311 and FixMyStreet', () => {
    assert.equal(open311Status('didisposisi'), 'open');
    assert.equal(open311Status('selesai'), 'closed');
    assert.equal(open311Status('ditolak'), 'closed');
    assert.equal(fixMyStreetStatus('ditolak', 'duplikat'), 'duplicate');
    assert.equal(fixMyStreetStatus('ditolak', 'di_luar_kewenangan'), 'not_councils_responsibility');
    assert.equal(fixMyStreetStatus('selesai'), 'fixed');
  });
});

describe('clocks derived from history', () => {
  const cal = createCalendar(holidaySeeds, { years: [2025, 2026] });
  const wita = (s: string) => new Date(`${s}+08:00`);
  const ev = (action: ClockEvent['action'], local: string): ClockEvent => ({ action, at: wita(local) });

  test('re-routing and return-to-admin do not reset the follow-up clock', () => {
    const events = [
      ev('verifikasi', '2026-11-23T11:00:00'),
      ev('disposisi', '2026-11-23T12:00:00'),
      ev('disposisi_ulang', '2026-11-25T12:00:00'),
      ev('kembalikan', '2026-11-26T12:00:00'),
      ev('disposisi', '2026-11-26T15:00:00'),
    ];
    const clocks = deriveClocks(wita('2026-11-23T10:00:00'), events);
    assert.equal(clocks.followUpRounds.length, 1);
    assert.equal(clocks.followUpRounds[0]!.startedAt.toISOString(), wita('2026-11-23T12:00:00').toISOString());
    const sla = evaluateReportSla(cal, clocks, defaultBudgets, wita('2026-12-01T08:00:00'));
    assert.equal(sla.followUp?.dueDate, '2026-11-30');
    assert.equal(sla.followUp?.level, 'overdue');
    assert.equal(sla.verification.metDeadline, true);
  });
  test('pause and resume, then follow-up in time; objection opens a new round', () => {
    const events = [
      ev('verifikasi', '2026-11-23T11:00:00'),
      ev('disposisi', '2026-11-23T12:00:00'),
      ev('minta_informasi', '2026-11-25T10:00:00'),
      ev('jawab_informasi', '2026-11-27T15:00:00'),
      ev('tindak_lanjut', '2026-12-02T10:00:00'),
      ev('keberatan', '2026-12-04T10:00:00'),
    ];
    const clocks = deriveClocks(wita('2026-11-23T10:00:00'), events);
    assert.deepEqual(clocks.followUpRounds[0]!.pauses, [{ from: wita('2026-11-25T10:00:00'), to: wita('2026-11-27T15:00:00') }]);
    const sla = evaluateReportSla(cal, clocks, defaultBudgets, wita('2026-12-04T11:00:00'));
    assert.equal(sla.firstFollowUp?.dueDate, '2026-12-03');
    assert.equal(sla.firstFollowUp?.metDeadline, true);
    assert.equal(clocks.followUpRounds.length, 2);
    assert.equal(sla.followUp?.stopped, false);
    assert.equal(sla.followUp?.dueDate, '2026-12-11');
    assert.equal(sla.objectionWindow?.stopped, true);
  });
  test('objection window: 10 working days after the follow-up', () => {
    const events = [ev('verifikasi', '2026-11-23T11:00:00'), ev('disposisi', '2026-11-23T12:00:00'), ev('tindak_lanjut', '2026-11-24T10:00:00')];
    const clocks = deriveClocks(wita('2026-11-23T10:00:00'), events);
    const open = evaluateReportSla(cal, clocks, defaultBudgets, wita('2026-12-08T23:00:00'));
    assert.equal(open.objectionWindow?.dueDate, '2026-12-08');
    assert.equal(objectionWindowOpen(open, wita('2026-12-08T23:00:00')), true);
    assert.equal(objectionWindowOpen(open, wita('2026-12-09T00:00:00')), false);
  });
});
