import type { CatalogueDataset } from '../../../../src/modules/interop/catalogue.model.ts';

/** n synthetic catalogue datasets (tricky characters included) for serialiser tests. */
export function sampleDatasets(n: number): CatalogueDataset[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    slug: `dataset-${i}`,
    title: i === 0 ? 'Judul "kutip" & <tag> \\ garis\nbaru' : `Dataset ${i}`,
    description: `Deskripsi dataset ${i} untuk Nusa Tenggara Barat.`,
    organisation: { id: '11111111-0000-4000-8000-000000000001', slug: 'bps-ntb', name: 'BPS Provinsi NTB' },
    tags: ['penduduk', `tag-${i % 3}`],
    groups: [{ name: 'sosial', title: 'Sosial' }],
    licenceId: 'CC-BY-4.0',
    created: new Date('2024-01-01T00:00:00Z'),
    modified: new Date(Date.UTC(2024, 0, 1 + i)),
    issued: new Date('2024-01-02T00:00:00Z'),
    temporalStart: '2023-01-01',
    temporalEnd: '2023-12-31',
    regionCodes: ['52', '52.01'],
    frequency: 'tahunan',
    contactRole: 'Walidata',
    extras: { sdi_reference_code: 'KR-01' },
    resources: [{
      id: `20000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Tabel ${i}`, description: '', format: 'CSV', mediaType: 'text/csv',
      url: `https://data.example/data/dataset-${i}`, downloadUrl: `https://data.example/files/${i}.csv`, size: 1000 + i,
      created: new Date('2024-01-02T00:00:00Z'), lastModified: new Date('2024-01-03T00:00:00Z'), position: 0, datastoreActive: true,
      tableSchema: { fields: [{ name: 'kecamatan', type: 'string' }, { name: 'jumlah', type: 'integer' }] },
    }],
  }));
}
