/**
 * UI strings of external (harvested) datasets in the Satu Data catalogue search (merged into `messages` in
 * messages.ts): the provenance label of a search result and its links.
 */
export const harvestId: Record<string, string> = {
  'data.external.harvestedFrom': 'Dipanen dari {source}',
  'data.external.badge': 'Hasil panen',
  'data.external.provenance': 'Asal data & metadata',
  'data.external.original': 'Halaman asli',
  'data.external.note': 'Dataset ini dikelola di portal asalnya; di sini hanya metadatanya.',
};

export const harvestEn: Record<string, string> = {
  'data.external.harvestedFrom': 'Harvested from {source}',
  'data.external.badge': 'Harvested',
  'data.external.provenance': 'Provenance & metadata',
  'data.external.original': 'Original page',
  'data.external.note': 'This dataset is managed at its source portal; only its metadata is listed here.',
};
