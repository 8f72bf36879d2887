/**
 * Reference data (categories, the 2025–2026 holiday calendar, routing rules) and demonstration
 * content (synthetic reports across every status, marked is_demo). Idempotent.
 */
import type { SeedContext } from '../../core/module.ts';
import type { Queryable } from '../../core/db.ts';
import { seedOnce } from '../../core/seed/seed.ts';
import { categorySeeds } from './seed/categories.ts';
import { holidaySeeds, seededHolidayYears } from './seed/holidays.ts';
import { seedRoutingRules, ANY } from './routing.ts';
import { createReport, invalidateCalendar, invalidateReferenceCaches, invalidateRules, transition, type CareDeps } from './care.service.ts';
import { SYSTEM_ACTOR, type Actor } from '../../core/policy.ts';

export async function upsertCategories(db: Queryable): Promise<void> {
  let sort = 0;
  for (const c of categorySeeds) {
    await db.query(
      `INSERT INTO care_categories (code, group_id, group_en, name_id, name_en, description_id, description_en, keywords, attributes, followup_working_days, sort)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (code) DO NOTHING`,
      [c.code, c.group.id, c.group.en, c.name.id, c.name.en, c.description.id, c.description.en, c.keywords.join(', '),
        JSON.stringify(c.attributes ?? []), c.followUpWorkingDays ?? 5, sort++]);
  }
}

export async function seedCare(ctx: SeedContext): Promise<void> {
  await upsertCategories(ctx.pool);
  await seedOnce(ctx, 'care.holidays.2025-2026.v1', async (tx) => {
    for (const h of holidaySeeds) {
      await tx.query('INSERT INTO care_holidays (date, kind, name, source) VALUES ($1,$2,$3,$4) ON CONFLICT (date) DO NOTHING', [h.date, h.kind, h.name, h.source]);
    }
    for (const y of seededHolidayYears) await tx.query('INSERT INTO care_calendar_years (year) VALUES ($1) ON CONFLICT DO NOTHING', [y]);
  });
  invalidateCalendar();
  await seedOnce(ctx, 'care.routing.v1', async (tx) => {
    const { rows } = await tx.query('SELECT id, slug FROM organisations');
    const bySlug = new Map(rows.map((r) => [r.slug as string, r.id as string]));
    for (const r of seedRoutingRules(categorySeeds)) {
      const orgId = bySlug.get(r.organisationSlug);
      if (!orgId) {
        ctx.log.warn({ slug: r.organisationSlug }, 'care: routing rule skipped, unknown organisation');
        continue;
      }
      await tx.query('INSERT INTO care_routing_rules (category_code, region_code, organisation_id, priority) VALUES ($1,$2,$3,$4)',
        [r.categoryCode === ANY ? null : r.categoryCode, r.regionCode === ANY ? null : r.regionCode, orgId, r.priority]);
    }
  });
  invalidateRules();
  invalidateReferenceCaches();
  if (ctx.demo) await seedDemo(ctx);
}

interface DemoSpec {
  title: string;
  description: string;
  category: string;
  regency: string;
  privacy: 'publik' | 'anonim' | 'rahasia';
  type?: 'pengaduan' | 'aspirasi' | 'permintaan_informasi';
  /** Steps after intake: [action, days after receipt, extra]. */
  steps: Array<[string, number, Record<string, unknown>?]>;
  lat?: number;
  lng?: number;
}

const respond = (m: string): Record<string, unknown> => ({ message: m });

/** Synthetic reports: titles and texts invented for the demonstration; no real persons. */
const DEMO: DemoSpec[] = [
  { title: 'Jalan berlubang di depan pasar', description: 'Lubang besar di jalan depan pasar membahayakan pengendara motor, terutama malam hari.', category: 'jalan-jembatan', regency: '52.71', privacy: 'publik', lat: -8.5833, lng: 116.1167, steps: [['verifikasi', 1], ['disposisi', 1], ['tindak_lanjut', 4, respond('Lubang sudah ditambal oleh tim pemeliharaan jalan.')], ['konfirmasi', 6], ['beri_nilai', 6, { rating: 5 }]] },
  { title: 'Lampu jalan mati sepanjang 500 meter', description: 'Sudah dua minggu lampu penerangan jalan mati, lingkungan menjadi gelap.', category: 'lampu-jalan', regency: '52.01', privacy: 'publik', lat: -8.65, lng: 116.12, steps: [['verifikasi', 1], ['disposisi', 2], ['tindak_lanjut', 5, respond('Penggantian lampu dijadwalkan pekan depan.')]] },
  { title: 'Air PDAM tidak mengalir tiga hari', description: 'Air bersih tidak mengalir di lingkungan kami selama tiga hari berturut-turut.', category: 'air-bersih', regency: '52.03', privacy: 'publik', lat: -8.65, lng: 116.53, steps: [['verifikasi', 1], ['disposisi', 1]] },
  { title: 'Sampah menumpuk di TPS', description: 'Sampah di tempat penampungan sementara tidak diangkut lebih dari seminggu.', category: 'sampah-kebersihan', regency: '52.71', privacy: 'anonim', lat: -8.59, lng: 116.1, steps: [['verifikasi', 2], ['disposisi', 2], ['minta_informasi', 3, respond('Mohon sebutkan nama jalan terdekat TPS tersebut.')]] },
  { title: 'Pungutan di luar ketentuan saat daftar ulang SMA', description: 'Orang tua diminta membayar biaya yang tidak ada dasar aturannya saat daftar ulang.', category: 'sma-smk-slb', regency: '52.02', privacy: 'rahasia', steps: [['verifikasi', 1], ['disposisi', 1], ['tindak_lanjut', 3, respond('Sekolah telah diperiksa dan pungutan dihentikan.')], ['keberatan', 5, { reason: 'Pungutan masih berlangsung di kelas lain.' }]] },
  { title: 'Bantuan sosial tidak diterima', description: 'Keluarga kami terdaftar tetapi sudah tiga bulan tidak menerima bantuan.', category: 'bantuan-sosial', regency: '52.06', privacy: 'anonim', steps: [['verifikasi', 3], ['disposisi', 3]] },
  { title: 'Antrean panjang pelayanan KTP-el', description: 'Blangko KTP-el kosong dan antrean sangat panjang.', category: 'kependudukan', regency: '52.04', privacy: 'publik', steps: [['verifikasi', 1], ['disposisi', 1], ['tindak_lanjut', 2, respond('Blangko sudah tersedia kembali sejak hari ini.')], ['konfirmasi', 3]] },
  { title: 'Informasi jadwal pelayanan Samsat keliling', description: 'Mohon informasi jadwal Samsat keliling di kecamatan kami bulan ini.', category: 'pajak-kendaraan', regency: '52.05', privacy: 'publik', type: 'permintaan_informasi', steps: [['verifikasi', 1], ['disposisi', 1], ['tindak_lanjut', 1, respond('Jadwal Samsat keliling diumumkan di situs Bappenda setiap awal bulan.')]] },
  { title: 'Usulan taman bermain anak', description: 'Kami mengusulkan lahan kosong milik pemerintah dijadikan taman bermain anak.', category: 'lainnya', regency: '52.72', privacy: 'publik', type: 'aspirasi', steps: [] },
  { title: 'Iklan promosi berulang', description: 'Kunjungi toko daring kami untuk promo besar.', category: 'lainnya', regency: '52.71', privacy: 'publik', steps: [['tolak', 1, { rejectReason: 'spam' }]] },
  { title: 'Sengketa sertifikat tanah', description: 'Sertifikat tanah kami tumpang tindih dengan milik tetangga.', category: 'lainnya', regency: '52.02', privacy: 'publik', steps: [['tolak', 2, { rejectReason: 'di_luar_kewenangan', referral: 'Kantor Pertanahan (BPN) kabupaten setempat' }]] },
  { title: 'Pupuk bersubsidi langka menjelang tanam', description: 'Kelompok tani kesulitan mendapatkan pupuk bersubsidi menjelang musim tanam.', category: 'pertanian', regency: '52.05', privacy: 'publik', steps: [['verifikasi', 1], ['disposisi', 2]] },
  { title: 'Kapal penyeberangan sering terlambat', description: 'Jadwal kapal penyeberangan antarpulau sering terlambat tanpa pemberitahuan.', category: 'transportasi', regency: '52.07', privacy: 'publik', steps: [['verifikasi', 1], ['disposisi', 1], ['tindak_lanjut', 8, respond('Operator telah diminta menampilkan informasi keterlambatan di pelabuhan.')]] },
  { title: 'Banjir setiap hujan deras di permukiman', description: 'Drainase tersumbat sehingga permukiman tergenang setiap hujan deras.', category: 'air-bersih', regency: '52.72', privacy: 'publik', lat: -8.46, lng: 118.73, steps: [['verifikasi', 2]] },
  { title: 'Pelayanan IGD rumah sakit lambat', description: 'Pasien menunggu lama di IGD tanpa penjelasan.', category: 'rumah-sakit-provinsi', regency: '52.71', privacy: 'anonim', steps: [['verifikasi', 1], ['disposisi', 1], ['tindak_lanjut', 2, respond('Jumlah petugas jaga IGD ditambah pada jam sibuk.')], ['konfirmasi', 4], ['beri_nilai', 4, { rating: 4 }]] },
  { title: 'Jembatan gantung rusak', description: 'Papan jembatan gantung banyak yang lepas, anak sekolah tetap melintas.', category: 'jalan-jembatan', regency: '52.08', privacy: 'publik', lat: -8.35, lng: 116.25, steps: [['verifikasi', 1], ['disposisi', 1]] },
  { title: 'Pertanyaan beasiswa siswa berprestasi', description: 'Bagaimana cara mendaftar beasiswa provinsi untuk siswa SMA?', category: 'sma-smk-slb', regency: '52.03', privacy: 'publik', type: 'permintaan_informasi', steps: [['verifikasi', 1], ['disposisi', 1], ['tindak_lanjut', 2, respond('Pendaftaran dibuka setiap Juli melalui sekolah masing-masing.')], ['konfirmasi', 3], ['beri_nilai', 3, { rating: 3 }]] },
  { title: 'Tambang pasir tanpa izin di sungai', description: 'Aktivitas penambangan pasir merusak tebing sungai.', category: 'lingkungan-kehutanan', regency: '52.01', privacy: 'rahasia', steps: [['verifikasi', 1], ['disposisi', 1], ['tindak_lanjut', 6, respond('Tim gabungan telah menghentikan aktivitas tersebut.')]] },
  { title: 'Harga beras naik tajam', description: 'Harga beras di pasar naik jauh di atas harga eceran tertinggi.', category: 'harga-pangan', regency: '52.04', privacy: 'publik', steps: [] },
  { title: 'Pedagang kaki lima menutup trotoar', description: 'Trotoar tertutup lapak sehingga pejalan kaki berjalan di badan jalan.', category: 'ketertiban-umum', regency: '52.71', privacy: 'publik', lat: -8.58, lng: 116.09, steps: [['verifikasi', 1], ['disposisi', 1], ['disposisi_ulang', 2, { reason: 'Penertiban trotoar kewenangan kota.' }]] },
  { title: 'Rumah rusak pascagempa belum dibantu', description: 'Rumah kami rusak berat akibat gempa dan belum ada pendataan.', category: 'bencana', regency: '52.08', privacy: 'publik', steps: [['verifikasi', 1], ['disposisi', 1], ['tindak_lanjut', 1, respond('Tim pendataan akan datang dalam tiga hari kerja.')]] },
  { title: 'Puskesmas tutup lebih awal', description: 'Puskesmas tutup pukul sebelas siang padahal jadwal sampai pukul dua.', category: 'puskesmas-kesehatan', regency: '52.06', privacy: 'publik', steps: [['verifikasi', 1], ['disposisi', 1]] },
  { title: 'Sekolah dasar kekurangan guru', description: 'Satu guru mengajar dua kelas sekaligus di sekolah dasar kami.', category: 'sekolah-dasar-menengah', regency: '52.07', privacy: 'publik', steps: [['verifikasi', 2], ['disposisi', 2]] },
  { title: 'Situs layanan perizinan sering gangguan', description: 'Situs perizinan tidak bisa diakses saat mengunggah berkas.', category: 'perizinan', regency: '52.71', privacy: 'publik', steps: [['verifikasi', 1], ['disposisi', 1], ['tindak_lanjut', 3, respond('Kapasitas server sudah ditingkatkan.')], ['konfirmasi', 5]] },
  { title: 'Jalan berlubang di depan pasar (laporan kedua)', description: 'Lubang di jalan depan pasar belum ditambal.', category: 'jalan-jembatan', regency: '52.71', privacy: 'publik', steps: [] },
];

async function seedDemo(ctx: SeedContext): Promise<void> {
  const { rows } = await ctx.pool.query(`SELECT 1 FROM seed_runs WHERE name = 'care.demo.v1'`);
  if (rows.length) return;
  const deps: CareDeps = { pool: ctx.pool, config: ctx.config };
  const { rows: admin } = await ctx.pool.query(`SELECT id FROM organisations WHERE slug = 'diskominfotik'`);
  const adminActor: Actor = { ...SYSTEM_ACTOR, name: 'Administrator pengaduan (demo)', memberships: admin[0] ? [{ organisationId: admin[0].id, organisationSlug: 'diskominfotik', organisationName: 'Diskominfotik', role: 'complaint_admin' }] : [] };
  const DAY = 86_400_000;
  const base = Date.now() - 40 * DAY;
  let firstCode = '';
  for (const [i, d] of DEMO.entries()) {
    const receivedAt = new Date(base + i * 1.4 * DAY + 9 * 3_600_000);
    const created = await createReport(deps, null, {
      type: d.type ?? 'pengaduan', categoryCode: d.category, title: d.title, description: d.description, regencyCode: d.regency,
      privacy: d.privacy, ...(d.privacy === 'anonim' ? {} : { name: `Warga Demo ${i + 1}`, phone: `0812000000${String(i + 10).padStart(2, '0')}` }),
      ...(d.lat !== undefined ? { lat: d.lat, lng: d.lng } : {}),
      attributes: d.category === 'rumah-sakit-provinsi' ? { rumah_sakit: 'rsud-provinsi' } : undefined,
    }, { channel: i % 5 === 0 ? 'api' : 'web', isDemo: true, now: receivedAt });
    if (i === 0) firstCode = created.trackingCode;
    const { rows: rep } = await ctx.pool.query('SELECT suggested_organisation_id FROM care_reports WHERE id = $1', [created.id]);
    const suggested: string | null = rep[0]?.suggested_organisation_id ?? null;
    const assigned = suggested ?? admin[0]?.id;
    for (const [action, days, extra] of d.steps) {
      const at = new Date(receivedAt.getTime() + days * DAY + 2 * 3_600_000);
      const who = ['konfirmasi', 'keberatan', 'beri_nilai', 'jawab_informasi'].includes(action)
        ? null
        : action === 'tindak_lanjut' || action === 'minta_informasi'
          ? { kind: 'staff' as const, actor: { ...adminActor, memberships: [{ organisationId: assigned, organisationSlug: '', organisationName: '', role: 'complaint_liaison' as const }] } }
          : { kind: 'staff' as const, actor: adminActor };
      const payload: Record<string, unknown> = { action, ...extra };
      if (action === 'disposisi') payload.organisationId = assigned;
      if (action === 'disposisi_ulang') payload.organisationId = (await ctx.pool.query(`SELECT id FROM organisations WHERE slug = 'satpol-pp'`)).rows[0]?.id;
      if (action === 'tolak' && extra?.rejectReason === 'duplikat') payload.duplicateOf = firstCode;
      if (who) await transition(deps, who, created.id, payload, at);
      else await reporterAct(deps, created.id, payload, at);
    }
    if (i === DEMO.length - 1) await transition(deps, { kind: 'staff', actor: adminActor }, created.id, { action: 'tolak', rejectReason: 'duplikat', duplicateOf: firstCode }, new Date(receivedAt.getTime() + DAY));
  }
  await ctx.pool.query(`INSERT INTO seed_runs (name) VALUES ('care.demo.v1') ON CONFLICT DO NOTHING`);
}

/** Acts as the reporter of a demo report (the seed knows no secret: it bypasses the link check). */
async function reporterAct(deps: CareDeps, reportId: string, payload: Record<string, unknown>, at: Date): Promise<void> {
  const { newReporterSecret, hashSecret } = await import('./tracking-code.ts');
  const secret = newReporterSecret();
  const { rows } = await deps.pool.query('UPDATE care_reports SET reporter_secret_hash = $2 WHERE id = $1 RETURNING tracking_code', [reportId, hashSecret(secret)]);
  await transition(deps, { kind: 'reporter', code: rows[0].tracking_code, secret }, reportId, payload, at);
}
