/** Registers the data and interop modules for a test file and publishes datasets through the data module's service. */
import { MODULES } from '../../../../src/app.ts';
import { dataModule } from '../../../../src/modules/data/index.ts';
import { interopModule } from '../../../../src/modules/interop/index.ts';
import { publishSystemDataset } from '../../../../src/modules/data/dataset.service.ts';
import type { AppContext } from '../../../../src/core/app-context.ts';

if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
if (!MODULES.includes(interopModule)) MODULES.push(interopModule);

export interface Published { datasetId: string; slug: string; title: string }

export async function publish(ctx: AppContext, i: number, o: { org?: string; sector?: 'sosial' | 'ekonomi' | 'infrastruktur'; tags?: string[]; title?: string; topic?: string } = {}): Promise<Published> {
  const title = o.title ?? `Jumlah Penduduk Kecamatan ${i}`;
  const csv = `kecamatan,tahun,jumlah\nAmpenan,2023,${1000 + i}\nCakranegara,2023,${2000 + i}\nSelaparang,2023,${3000 + i}\n`;
  const r = await publishSystemDataset(ctx, {
    systemKey: `interop.test.${i}`, organisationSlug: o.org ?? 'bps-ntb', resourceName: `Tabel ${i}`, csv,
    metadata: {
      title, description: `Data uji ${i} tentang penduduk Nusa Tenggara Barat.`, sector: o.sector ?? 'sosial', topic: o.topic ?? 'Kependudukan', tags: o.tags ?? ['penduduk', `uji-${i}`],
      licence: 'CC-BY-4.0', temporalStart: '2023-01-01', temporalEnd: '2023-12-31', regionCodes: ['52.71'], frequency: 'tahunan', level: 'kecamatan',
      contactRole: 'Walidata', source: 'BPS', notes: '', msInd: {}, msKeg: {},
    },
  });
  return { datasetId: r.datasetId, slug: r.slug, title };
}
