// @runtime node
// @normalize /\d+(\.\d+)? ms/ -> N ms
// @normalize /\d+(\.\d+)? MiB/ -> N MiB
// @normalize /about \d+ workers/ -> about N workers
import { Worker } from 'node:worker_threads';

// A real thread, as Node offers one. Each Worker gets its own
// JavaScript engine instance: heap, event loop, built-in modules.
const code = `
  const { parentPort, resourceLimits } = require('node:worker_threads');
  parentPort.on('message', () => {}); // stay alive until terminated
  parentPort.postMessage(resourceLimits.stackSizeMb);
`;
const COUNT = 8;
const MiB = 1024 * 1024;
const rss = (): number => process.memoryUsage().rss;

interface Started {
  worker: Worker;
  ms: number; // from new Worker() to its first message
  stackMb: number;
}

function start(): Promise<Started> {
  const t0 = performance.now();
  const worker = new Worker(code, { eval: true });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (stackMb: number) => {
      resolve({ worker, ms: performance.now() - t0, stackMb });
    });
  });
}

// #region measure
const before = rss();
const started: Started[] = [];
for (let i = 0; i < COUNT; i++) started.push(await start()); // in turn
const perWorker = (rss() - before) / COUNT / MiB;

const times = started.map((s) => s.ms).sort((a, b) => a - b);
// #endregion
const median = times[COUNT / 2] ?? NaN;
console.log(`started ${COUNT} workers, one at a time`);
console.log(
  `  start-up, to first message: median ${median.toFixed(1)} ms`,
);
console.log(
  `  resident memory each: about ${perWorker.toFixed(1)} MiB`,
);
console.log(
  `  1 GiB holds about ${Math.floor(1024 / perWorker)} workers`,
);
console.log(
  `  stack limit of each: stackSizeMb = ${started[0]?.stackMb}`,
);
await Promise.all(started.map((s) => s.worker.terminate()));
