// @runtime node
// @normalize /\d+(\.\d+)? ms/ -> N ms
// @normalize /samples +\d+/ -> samples N
// Real Node: monitorEventLoopDelay samples how late the loop is. Three
// phases of 800 ms: idle, computing 400 ms at a time on the loop, and
// the same computing in a worker thread.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

/** Busy for `ms` of real time: a stand-in for parsing, hashing, resizing. */
function compute(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

const worker = new Worker(
  `const { parentPort } = require('node:worker_threads');
   parentPort.on('message', (ms) => {
     const end = performance.now() + ms;
     while (performance.now() < end);
     parentPort.postMessage(ms);
   });`,
  { eval: true },
);
const inWorker = (ms: number) =>
  new Promise<void>((done) => {
    worker.once('message', () => done());
    worker.postMessage(ms);
  });
const sleep = (ms: number) =>
  new Promise<void>((r) => setTimeout(r, ms));

// #region monitor
const RESOLUTION = 10; // ms between samples
// #region slide-phase
async function phase(name: string, work: () => Promise<void>) {
  const h = monitorEventLoopDelay({ resolution: RESOLUTION });
  h.enable();
  await work();
  h.disable();
  // The histogram counts nanoseconds, and each sample includes the
  // resolution itself: subtract it to get how late the loop was.
  const late = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION);
  const worst = late(h.max);
  const bucket = worst < 200 ? 'under 200 ms' : '200 ms or more';
  // #endregion
  console.log(
    `${name.padEnd(20)} samples ${String(h.count).padStart(3)}` +
      `  p50 late ${late(h.percentile(50)).toFixed(1)} ms` +
      `  max late ${worst.toFixed(1)} ms  -> ${bucket}`,
  );
}
// #endregion

await phase('idle', () => sleep(800));
await phase('compute on the loop', async () => {
  for (let i = 0; i < 2; i++) {
    compute(400); // nothing else runs meanwhile
    await sleep(0);
  }
});
await phase('compute in a worker', async () => {
  for (let i = 0; i < 2; i++) await inWorker(400); // the loop stays free
});
await worker.terminate();
