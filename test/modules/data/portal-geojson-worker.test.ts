/**
 * GeoJSON map previews are rendered in a worker thread: the web thread's event loop keeps running
 * while a large file is drawn, the result is exactly the synchronous renderer's, one worker serves
 * every request, and a crashed, exited or hung worker fails only its own request.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  renderGeoJsonPreview, cachedGeoPreview, geoPreviewCache, GEOJSON_PREVIEW_MAX_BYTES, type GeoPreviewOk,
} from '../../../src/modules/data/geojson-preview.ts';
import { geoRenderPool, RenderPool, RenderBusyError } from '../../../src/modules/data/geojson-render-pool.ts';

/** A FeatureCollection of `n` village-like polygons of `vertices` points each, around Lombok. */
function villages(n: number, vertices: number): Buffer {
  const features = [];
  for (let i = 0; i < n; i++) {
    const cx = 115.8 + (i % 80) * 0.045;
    const cy = -9.1 + Math.floor(i / 80) * 0.02;
    const ring: number[][] = [];
    for (let k = 0; k < vertices; k++) {
      const a = (2 * Math.PI * k) / vertices;
      const r = 0.008 + 0.004 * Math.sin(5 * a + i);
      ring.push([+(cx + r * Math.cos(a)).toFixed(6), +(cy + r * Math.sin(a)).toFixed(6)]);
    }
    ring.push(ring[0]);
    features.push({ type: 'Feature', properties: { nama: `Desa ${i}`, kode: `52.01.${i}` }, geometry: { type: 'Polygon', coordinates: [ring] } });
  }
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
}

/**
 * The largest delay of a 5 ms interval timer on this thread while `work` runs: how long the event
 * loop was blocked at most.
 */
async function maxLagDuring<T>(work: () => Promise<T>): Promise<{ lag: number; value: T; ms: number }> {
  const period = 5;
  let last = performance.now();
  let lag = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    lag = Math.max(lag, now - last - period);
    last = now;
  }, period);
  await new Promise((r) => setTimeout(r, 30)); // let the timer run first
  const t0 = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 30)); // a block at the very end shows up on the next tick
    return { lag, value, ms };
  } finally {
    clearInterval(timer);
  }
}

after(async () => { await geoRenderPool.stop(); });

test('a large GeoJSON file is rendered in the worker: the event loop keeps running, the result equals the synchronous render', async () => {
  const bytes = villages(3500, 60);
  assert.ok(bytes.length > 4 * 1024 * 1024 && bytes.length < GEOJSON_PREVIEW_MAX_BYTES, `${bytes.length} bytes`);
  geoPreviewCache.clear();

  // the machine's own noise: the same timer while nothing runs (other test files share the CPUs)
  const idle = await maxLagDuring(() => new Promise((r) => setTimeout(r, 500)));
  // in the worker: the first call (which also starts the worker) and a second file on the warm worker
  const cold = await maxLagDuring(() => cachedGeoPreview('lag-test-1', async () => bytes));
  const warm = await maxLagDuring(() => cachedGeoPreview('lag-test-2', async () => bytes));
  // for comparison, on the main thread (as before the worker): the loop is blocked for the whole
  // render. Measured last, so its garbage does not bring a collection into the measurements above.
  const sync = await maxLagDuring(async () => { await new Promise((r) => setTimeout(r, 10)); return renderGeoJsonPreview(bytes); });
  console.log(`event-loop lag with a ${(bytes.length / 1048576).toFixed(1)} MB file: synchronous render ${sync.lag.toFixed(0)} ms (render ${sync.ms.toFixed(0)} ms); `
    + `in the worker ${cold.lag.toFixed(0)} ms on the first call (${cold.ms.toFixed(0)} ms incl. worker start), ${warm.lag.toFixed(0)} ms warm (${warm.ms.toFixed(0)} ms); idle ${idle.lag.toFixed(0)} ms`);

  // under 100 ms (plus whatever the loaded machine shows with nothing running), and far below the
  // blocking of the same render on the main thread
  for (const [what, m] of [['the first render', cold], ['a render', warm]] as const) {
    assert.ok(m.lag < 100 + idle.lag, `event loop blocked ${m.lag.toFixed(0)} ms during ${what} (idle: ${idle.lag.toFixed(0)} ms)`);
    assert.ok(m.lag < sync.lag / 2, `event loop blocked ${m.lag.toFixed(0)} ms during ${what}, ${sync.lag.toFixed(0)} ms with the synchronous render`);
  }
  const expected = sync.value as GeoPreviewOk;
  assert.equal(expected.ok, true);
  assert.ok(expected.simplified && expected.drawnFeatures === 3500);
  assert.deepEqual(cold.value, expected);
  assert.deepEqual(warm.value, expected);
  // cached afterwards: the same object, no second render
  assert.equal(await cachedGeoPreview('lag-test-1', async () => { throw new Error('not read again'); }), cold.value);
});

test('one worker serves every request; concurrent requests for one file render once; options and failures come back as they are', async () => {
  geoPreviewCache.clear();
  const started = geoRenderPool.started;
  let loads = 0;
  const point = async () => { loads++; return Buffer.from('{"type":"Point","coordinates":[116.1,-8.6]}'); };
  const results = await Promise.all([
    cachedGeoPreview('one', point), cachedGeoPreview('one', point), cachedGeoPreview('one', point),
    cachedGeoPreview('two', async () => Buffer.from('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[412345.6,9045678.9]}}]}')),
    cachedGeoPreview('three', async () => Buffer.from('{"type":"Point","coordinates":[116,-8]}'), { width: 300, minHeight: 120 }),
  ]);
  assert.equal(loads, 1);
  assert.equal(results[0], results[1]);
  assert.equal(results[0], results[2]);
  assert.deepEqual(results[0], renderGeoJsonPreview('{"type":"Point","coordinates":[116.1,-8.6]}'));
  assert.deepEqual(results[3], { ok: false, code: 'not_wgs84', detail: '[412345.6, 9045678.9]' });
  assert.equal((results[4] as GeoPreviewOk).width, 300);
  assert.ok(geoRenderPool.started <= Math.max(started, 1), 'no second worker');
  assert.equal(geoRenderPool.pending, 0);
  // the caller's buffer is copied to the worker, not transferred (it stays usable)
  const mine = Buffer.from('{"type":"Point","coordinates":[116,-8]}');
  await geoRenderPool.render(mine);
  assert.equal(mine.toString(), '{"type":"Point","coordinates":[116,-8]}');
});

test('a worker that crashes, exits or hangs fails only the request it was rendering; the next request gets a new worker', async () => {
  const pool = new RenderPool({ entry: new URL('./support/flaky-render.worker.ts', import.meta.url), timeoutMs: 1500, maxQueue: 2, maxHeapMb: 256 });
  try {
    assert.equal(pool.started, 0, 'started lazily');
    const good = Buffer.from('{"type":"Point","coordinates":[116,-8]}');
    const expected = renderGeoJsonPreview(good);
    assert.deepEqual(await pool.render(good), expected);
    assert.equal(pool.started, 1);

    // an uncaught exception: that request is rejected, the one queued behind it is rendered by a new worker
    const [crashed, after1] = await Promise.allSettled([pool.render(Buffer.from('crash')), pool.render(good)]);
    assert.equal(crashed.status, 'rejected');
    assert.match(String((crashed as PromiseRejectedResult).reason), /boom in the worker/);
    assert.deepEqual((after1 as PromiseFulfilledResult<unknown>).value, expected);
    assert.equal(pool.started, 2);

    await assert.rejects(pool.render(Buffer.from('exit')), /exited with code 3/);
    assert.deepEqual(await pool.render(good), expected);
    assert.equal(pool.started, 3);

    // a render over the time limit: the worker is terminated, the caller gets an error, the queue goes on
    const t0 = performance.now();
    const [hung, q1, q2, busy] = await Promise.allSettled([pool.render(Buffer.from('hang')), pool.render(good), pool.render(good), pool.render(good)]);
    assert.equal(busy.status, 'rejected');
    assert.ok((busy as PromiseRejectedResult).reason instanceof RenderBusyError, 'the queue is bounded');
    assert.equal(hung.status, 'rejected');
    assert.match(String((hung as PromiseRejectedResult).reason), /longer than 1500 ms/);
    assert.ok(performance.now() - t0 < 10_000);
    assert.deepEqual((q1 as PromiseFulfilledResult<unknown>).value, expected);
    assert.deepEqual((q2 as PromiseFulfilledResult<unknown>).value, expected);
    assert.equal(pool.started, 4);
    assert.equal(pool.pending, 0);

    // stopping rejects the running and the waiting requests
    const stopped = [assert.rejects(pool.render(Buffer.from('hang')), /stopped/), assert.rejects(pool.render(good), /stopped/)];
    await pool.stop();
    await Promise.all(stopped);
  } finally {
    await pool.stop();
  }
});

test('a worker that cannot start fails the request it was started for, without restarting in a loop', async () => {
  const pool = new RenderPool({ entry: new URL('./support/no-such.worker.ts', import.meta.url), timeoutMs: 5000, maxQueue: 4, maxHeapMb: 128 });
  try {
    const results = await Promise.allSettled([pool.render(Buffer.from('{}')), pool.render(Buffer.from('{}'))]);
    for (const r of results) {
      assert.equal(r.status, 'rejected');
      assert.match(String((r as PromiseRejectedResult).reason), /no-such\.worker\.ts|exited with code/);
    }
    assert.equal(pool.started, 2, 'one start per request');
    assert.equal(pool.pending, 0);
  } finally {
    await pool.stop();
  }
});
