import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openCsv } from '../../../src/modules/data/datastore/csv-reader.ts';
import { bufferSource } from '../../../src/modules/data/datastore/tabular-source.ts';
import { prepareLoad, applyFieldOverrides } from '../../../src/modules/data/datastore/tabular-pipeline.ts';
import { DEMO_DATASETS, demoDataList } from '../../../src/modules/data/seed/demo-datasets.ts';

for (const d of DEMO_DATASETS) {
  test(`demo dataset "${d.slug}" ingests without errors and documents every column`, async () => {
    const t = await openCsv(bufferSource(Buffer.from(d.resource.csv, 'utf8')));
    const prep = await prepareLoad({ header: t.header, batches: t.batches, meta: { format: 'csv' } }, {
      adjust: (s) => applyFieldOverrides(s, d.schemaOverrides ?? {}),
    });
    const rows: unknown[] = [];
    for await (const b of prep.batches) for (const r of b) rows.push(r);
    assert.equal(prep.report.errorCount, 0, JSON.stringify(prep.report.errors));
    assert.ok(rows.length > 0);
    for (const f of prep.schema.fields) assert.ok(d.columns[f.title], `column ${f.title} has metadata`);
    assert.ok(!/@|\+62|08\d{8}/.test(d.resource.csv), 'no e-mails or phone numbers');
  });
}

test('Tabel 3.1 demo: typed values and sums match the seed', async () => {
  const d = DEMO_DATASETS.find((x) => x.slug.startsWith('jumlah-kecamatan'))!;
  const t = await openCsv(bufferSource(Buffer.from(d.resource.csv)));
  const prep = await prepareLoad({ header: t.header, batches: t.batches, meta: { format: 'csv' } });
  assert.deepEqual(prep.schema.fields.map((f) => f.type), ['string', 'string', 'integer', 'integer', 'number']);
  assert.equal(prep.schema.fields[0]['ntb:kind'], 'region_code');
  let kec = 0, desa = 0;
  for await (const b of prep.batches) for (const r of b) { kec += Number(r[2]); desa += Number(r[3]); }
  assert.equal(kec, 116);
  assert.equal(desa, 1146);
});

test('NTB Care demo keeps the percentage and the Indonesian dates', async () => {
  const d = DEMO_DATASETS.find((x) => x.slug.startsWith('rekapitulasi-pengaduan'))!;
  const t = await openCsv(bufferSource(Buffer.from(d.resource.csv)));
  const prep = await prepareLoad({ header: t.header, batches: t.batches, meta: { format: 'csv' } });
  const rows: Array<Array<string | null>> = [];
  for await (const b of prep.batches) for (const r of b) rows.push(r);
  assert.deepEqual(rows[0], ['Januari 2020 – Juli 2021', '2020-01-01', '2021-07-31', '717', '374', '52.16']);
});

test('sample data list covers the three sectors with priority items', () => {
  const items = demoDataList(2026);
  assert.deepEqual(new Set(items.map((i) => i.sector)), new Set(['sosial', 'ekonomi', 'infrastruktur']));
  assert.ok(items.some((i) => i.priority));
  assert.ok(items.every((i) => i.releaseMonth >= 1 && i.releaseMonth <= 12));
});
