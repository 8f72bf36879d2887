/**
 * The worker thread that renders GeoJSON map previews (started by geojson-render-pool.ts through
 * ts-worker-bootstrap.mjs): one request at a time, answered with the same value the synchronous
 * {@link renderGeoJsonPreview} returns, or with the message of the exception it threw.
 */
import { parentPort } from 'node:worker_threads';
import { renderGeoJsonPreview } from './geojson-preview.ts';
import type { RenderReply, RenderRequest } from './geojson-render-pool.ts';

const port = parentPort;
if (!port) throw new Error('geojson-render.worker.ts must run in a worker thread');

port.on('message', (m: RenderRequest) => {
  let reply: RenderReply;
  try {
    reply = { id: m.id, result: renderGeoJsonPreview(m.bytes, m.options) };
  } catch (e) {
    reply = { id: m.id, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
