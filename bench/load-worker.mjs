// Load generator in its own thread (bench/interop-package-search.ts): the clients must not share the server's
// event loop. Receives { base, paths, secs, conns }: request i asks for paths[i % paths.length]. Posts every
// response time (and so the count) and the non-2xx/error counts.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const { base, paths, secs, conns } = workerData;
let i = 0;
const lat = [];
let non2xx = 0;
const inst = autocannon({
  url: base, connections: conns, duration: secs,
  requests: [{ setupRequest: (req) => { req.path = paths[i++ % paths.length]; return req; } }],
}, (err, res) => {
  parentPort.postMessage({ kind: 'done', lat, non2xx, errors: err ? 1 : res.errors });
});
inst.on('response', (_c, status, _bytes, ms) => { lat.push(ms); if (status < 200 || status > 299) non2xx++; });
