/**
 * Entry of a worker thread whose code is a TypeScript module (`workerData.entry`, a file URL).
 *
 * Plain JavaScript on purpose: the app runs its .ts sources through tsx (`npm start` is
 * `tsx src/server.ts`, tests `node --import tsx`), but Node 20 does not apply the `--import`
 * loader of the parent to worker threads (the inherited execArgv is there, the hooks are not), so a
 * worker started directly on a .ts file fails with ERR_UNKNOWN_FILE_EXTENSION. This file registers
 * tsx inside the worker first, unless the runtime strips types itself (`process.features.typescript`)
 * or the entry is already JavaScript. Once the entry is loaded it posts the message `'ready'`, so
 * the parent can tell a slow start (compiling TypeScript) from slow work.
 */
import { parentPort, workerData } from 'node:worker_threads';

const entry = String(workerData.entry);
if (entry.endsWith('.ts') && !process.features.typescript) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(entry);
parentPort?.postMessage('ready');
