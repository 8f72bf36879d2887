/**
 * A map preview worker that misbehaves on request (for geojson-render-pool tests): the text `crash`
 * throws an uncaught exception, `exit` ends the thread, `hang` never answers; anything else is
 * rendered like the real worker does.
 */
import { parentPort } from 'node:worker_threads';
import { renderGeoJsonPreview } from '../../../../src/modules/data/geojson-preview.ts';
import type { RenderRequest } from '../../../../src/modules/data/geojson-render-pool.ts';

parentPort!.on('message', (m: RenderRequest) => {
  const text = Buffer.from(m.bytes).toString('utf8');
  if (text === 'crash') throw new Error('boom in the worker');
  if (text === 'exit') process.exit(3);
  if (text === 'hang') { const end = Date.now() + 60_000; while (Date.now() < end); }
  parentPort!.postMessage({ id: m.id, result: renderGeoJsonPreview(m.bytes, m.options) });
});
