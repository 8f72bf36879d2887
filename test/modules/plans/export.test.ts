import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerMessages } from '../../../src/core/i18n/i18n.ts';
import { messages } from '../../../src/modules/plans/messages.ts';
import { templateBlocks, commitmentPdf, commitmentDocx, toCsv } from '../../../src/modules/plans/plans.export.ts';
import { NTB_CARE_COMMITMENT } from '../../../src/modules/plans/seed/commitment-ntb-care.ts';

registerMessages(messages);
const e = { planTitle: 'OGP Local Provinsi NTB 2021–2023', number: 2, stage: 'final', content: NTB_CARE_COMMITMENT, orgName: (s: string) => s };

test('export blocks follow the template order 1–17 with the seeded content', () => {
  const blocks = templateBlocks('id', e);
  assert.deepEqual(blocks.map((b) => b.section), Array.from({ length: 17 }, (_, i) => i + 1));
  assert.equal(blocks[0].paragraphs![0], NTB_CARE_COMMITMENT.title);
  assert.deepEqual(blocks[1].paragraphs, ['Tanggal mulai: Agustus 2021', 'Tanggal selesai: Desember 2023']);
  assert.deepEqual(blocks[2].table!.rows[0], ['Dinas Komunikasi, Informasi, dan Statistik Provinsi Nusa Tenggara Barat', 'Tidak dicantumkan', 'Kepala Dinas, Diskominfotik Provinsi NTB', 'Pemimpin']);
  assert.deepEqual(blocks[10].paragraphs, ['Perlindungan Pelapor Pelanggaran', 'Akuntabilitas Sosial']);
  assert.deepEqual(blocks[13].table!.rows[0], ['IDR 750.379.963 (Total anggaran tahun 2021-2023)', '55', '36', 'Computer device – 49 unit']);
  assert.equal(blocks[16].table!.rows.length, 5);
  assert.equal(blocks[16].table!.rows[2][5], 'Tidak dicantumkan');
  assert.equal(templateBlocks('en', e)[14].paragraphs![0], 'Partially');
});

test('PDF and DOCX are produced', async () => {
  const pdf = await commitmentPdf('id', e);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.ok(pdf.length > 5000);
  const docx = await commitmentDocx('en', e);
  assert.equal(docx.subarray(0, 2).toString(), 'PK');
});

test('CSV quotes what needs quoting', () => {
  assert.equal(toCsv(['a', 'b'], [['x,y', 'say "hi"'], [null, 3]]), '\ufeffa,b\r\n"x,y","say ""hi"""\r\n,3\r\n');
});
