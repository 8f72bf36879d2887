/**
 * Indonesia's national holidays (hari libur nasional) and collective leave days (cuti bersama)
 * as fixed by the joint decree of the Minister of Religious Affairs, the Minister of Manpower and
 * the Minister of Administrative and Bureaucratic Reform (SKB 3 Menteri).
 *
 * - 2025: SKB No. 1017/2024, 2/2024, 2/2024 (14 Oct 2024): 17 holidays + 10 cuti bersama,
 *   amended by SKB No. 933/2025, 1/2025, 3/2025 (7 Aug 2025) adding cuti bersama on 18 Aug 2025.
 * - 2026: SKB No. 1497/2025, 2/2025, 5/2025 (19 Sep 2025): 17 holidays + 8 cuti bersama.
 *
 * This is seed data only: the admin maintains the calendar per year in the database
 * (table care_holiday), because Islamic holidays are confirmed by the Minister of Religious
 * Affairs (isbat) and the government amends the decree during the year (as in Aug 2025).
 * Holidays falling on a weekend are listed too (they are facts of the calendar), even though
 * they do not change the working-day count.
 */
export type HolidayKind = 'libur_nasional' | 'cuti_bersama';

export interface HolidaySeed {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  kind: HolidayKind;
  /** Official name, Bahasa Indonesia. */
  name: string;
  /** The decree the entry comes from. */
  source: string;
}

const SKB_2025 = 'SKB 3 Menteri No. 1017/2024, 2/2024, 2/2024';
const SKB_2025_AMEND = 'SKB 3 Menteri No. 933/2025, 1/2025, 3/2025 (perubahan)';
const SKB_2026 = 'SKB 3 Menteri No. 1497/2025, 2/2025, 5/2025';

const h = (date: string, name: string, source: string): HolidaySeed => ({ date, kind: 'libur_nasional', name, source });
const c = (date: string, name: string, source: string): HolidaySeed => ({ date, kind: 'cuti_bersama', name, source });

export const holidays2025: readonly HolidaySeed[] = [
  h('2025-01-01', 'Tahun Baru 2025 Masehi', SKB_2025),
  h('2025-01-27', 'Isra Mikraj Nabi Muhammad SAW', SKB_2025),
  c('2025-01-28', 'Cuti bersama Tahun Baru Imlek 2576 Kongzili', SKB_2025),
  h('2025-01-29', 'Tahun Baru Imlek 2576 Kongzili', SKB_2025),
  c('2025-03-28', 'Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1947)', SKB_2025),
  h('2025-03-29', 'Hari Suci Nyepi (Tahun Baru Saka 1947)', SKB_2025),
  h('2025-03-31', 'Idulfitri 1446 Hijriah', SKB_2025),
  h('2025-04-01', 'Idulfitri 1446 Hijriah', SKB_2025),
  c('2025-04-02', 'Cuti bersama Idulfitri 1446 Hijriah', SKB_2025),
  c('2025-04-03', 'Cuti bersama Idulfitri 1446 Hijriah', SKB_2025),
  c('2025-04-04', 'Cuti bersama Idulfitri 1446 Hijriah', SKB_2025),
  c('2025-04-07', 'Cuti bersama Idulfitri 1446 Hijriah', SKB_2025),
  h('2025-04-18', 'Wafat Yesus Kristus', SKB_2025),
  h('2025-04-20', 'Kebangkitan Yesus Kristus (Paskah)', SKB_2025),
  h('2025-05-01', 'Hari Buruh Internasional', SKB_2025),
  h('2025-05-12', 'Hari Raya Waisak 2569 BE', SKB_2025),
  c('2025-05-13', 'Cuti bersama Hari Raya Waisak 2569 BE', SKB_2025),
  h('2025-05-29', 'Kenaikan Yesus Kristus', SKB_2025),
  c('2025-05-30', 'Cuti bersama Kenaikan Yesus Kristus', SKB_2025),
  h('2025-06-01', 'Hari Lahir Pancasila', SKB_2025),
  h('2025-06-06', 'Iduladha 1446 Hijriah', SKB_2025),
  c('2025-06-09', 'Cuti bersama Iduladha 1446 Hijriah', SKB_2025),
  h('2025-06-27', '1 Muharam Tahun Baru Islam 1447 Hijriah', SKB_2025),
  h('2025-08-17', 'Proklamasi Kemerdekaan', SKB_2025),
  c('2025-08-18', 'Cuti bersama HUT ke-80 Kemerdekaan Republik Indonesia', SKB_2025_AMEND),
  h('2025-09-05', 'Maulid Nabi Muhammad SAW', SKB_2025),
  h('2025-12-25', 'Kelahiran Yesus Kristus', SKB_2025),
  c('2025-12-26', 'Cuti bersama Kelahiran Yesus Kristus', SKB_2025),
];

export const holidays2026: readonly HolidaySeed[] = [
  h('2026-01-01', 'Tahun Baru 2026 Masehi', SKB_2026),
  h('2026-01-16', 'Isra Mikraj Nabi Muhammad SAW', SKB_2026),
  c('2026-02-16', 'Cuti bersama Tahun Baru Imlek 2577 Kongzili', SKB_2026),
  h('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili', SKB_2026),
  c('2026-03-18', 'Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1948)', SKB_2026),
  h('2026-03-19', 'Hari Suci Nyepi (Tahun Baru Saka 1948)', SKB_2026),
  c('2026-03-20', 'Cuti bersama Idulfitri 1447 Hijriah', SKB_2026),
  h('2026-03-21', 'Idulfitri 1447 Hijriah', SKB_2026),
  h('2026-03-22', 'Idulfitri 1447 Hijriah', SKB_2026),
  c('2026-03-23', 'Cuti bersama Idulfitri 1447 Hijriah', SKB_2026),
  c('2026-03-24', 'Cuti bersama Idulfitri 1447 Hijriah', SKB_2026),
  h('2026-04-03', 'Wafat Yesus Kristus', SKB_2026),
  h('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)', SKB_2026),
  h('2026-05-01', 'Hari Buruh Internasional', SKB_2026),
  h('2026-05-14', 'Kenaikan Yesus Kristus', SKB_2026),
  c('2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus', SKB_2026),
  h('2026-05-27', 'Iduladha 1447 Hijriah', SKB_2026),
  c('2026-05-28', 'Cuti bersama Iduladha 1447 Hijriah', SKB_2026),
  h('2026-05-31', 'Hari Raya Waisak 2570 BE', SKB_2026),
  h('2026-06-01', 'Hari Lahir Pancasila', SKB_2026),
  h('2026-06-16', '1 Muharam Tahun Baru Islam 1448 Hijriah', SKB_2026),
  h('2026-08-17', 'Proklamasi Kemerdekaan', SKB_2026),
  h('2026-08-25', 'Maulid Nabi Muhammad SAW', SKB_2026),
  c('2026-12-24', 'Cuti bersama Kelahiran Yesus Kristus', SKB_2026),
  h('2026-12-25', 'Kelahiran Yesus Kristus', SKB_2026),
];

/** Every seeded entry, ordered by date. */
export const holidaySeeds: readonly HolidaySeed[] = [...holidays2025, ...holidays2026];

/** Years the seed covers; a date outside them is counted with weekends only (and flagged). */
export const seededHolidayYears: readonly number[] = [2025, 2026];
