// Measures the cost ladder on this machine and writes ladder-data.json beside this file, which
// LadderChart.astro draws at build time. Not a snippet: run it by hand on a quiet machine,
//   node src/lessons/03-without-colours/11-when-async-is-not-worth-it/measure-ladder.ts
// and commit the JSON. Each rung: one warm-up run, then RUNS timed runs of `steps` steps; a
// run's figure is its time divided by its steps; the chart shows the median run, and the JSON
// keeps the fastest and slowest runs too.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, arch } from 'node:os';
import { Worker } from 'node:worker_threads';

const RUNS = 15;
let sink = 0;
const addOne = (x: number): number => x + 1;

const hops = (
  n: number,
  hop: (next: () => void) => void,
): Promise<void> =>
  new Promise((done) => {
    let left = n;
    const step = (): void => (--left > 0 ? hop(step) : done());
    hop(step);
  });

function messageHops(n: number): Promise<void> {
  const { port1, port2 } = new MessageChannel();
  return new Promise((done) => {
    let left = n;
    port1.onmessage = () => {
      if (--left > 0) port2.postMessage(0);
      else {
        port1.close();
        done();
      }
    };
    port2.postMessage(0);
  });
}

const echo = new Worker(
  `const { parentPort } = require('node:worker_threads');
   parentPort.on('message', (m) => parentPort.postMessage(m));`,
  { eval: true },
);
function roundTrips(n: number): Promise<void> {
  return new Promise((done) => {
    let left = n;
    const back = (): void => {
      if (--left > 0) return void echo.postMessage(0);
      echo.off('message', back);
      done();
    };
    echo.on('message', back);
    echo.postMessage(0);
  });
}

interface Rung {
  id: string;
  label: string;
  steps: number;
  run: (n: number) => void | Promise<void>;
}

const rungs: Rung[] = [
  {
    id: 'call',
    label: 'plain call',
    steps: 1_000_000,
    run: (n) => {
      for (let i = 0; i < n; i++) sink = addOne(sink);
    },
  },
  {
    id: 'await',
    label: 'await of a resolved value',
    steps: 100_000,
    run: async (n) => {
      for (let i = 0; i < n; i++) await i;
    },
  },
  {
    id: 'immediate',
    label: 'setImmediate hop',
    steps: 2_000,
    run: (n) => hops(n, setImmediate),
  },
  {
    id: 'message',
    label: 'MessageChannel hop',
    steps: 2_000,
    run: messageHops,
  },
  {
    id: 'worker',
    label: 'worker_threads round trip',
    steps: 1_000,
    run: roundTrips,
  },
  {
    id: 'timeout',
    label: 'setTimeout(0) hop',
    steps: 20,
    run: (n) => hops(n, (f) => setTimeout(f, 0)),
  },
];

const results = [];
for (const r of rungs) {
  await r.run(r.steps); // warm-up
  const each: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await r.run(r.steps);
    each.push(((performance.now() - t0) / r.steps) * 1e6); // ns per step
  }
  each.sort((a, b) => a - b);
  results.push({
    id: r.id,
    label: r.label,
    steps: r.steps,
    medianNs: Number(each[RUNS >> 1]!.toPrecision(3)),
    minNs: Number(each[0]!.toPrecision(3)),
    maxNs: Number(each.at(-1)!.toPrecision(3)),
  });
}
await echo.terminate();

const data = {
  measuredAt: new Date().toISOString().slice(0, 10),
  node: process.version,
  machine: `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, ${platform()} ${arch()}`,
  loadAverage: Number(loadavg()[0]!.toFixed(1)),
  runs: RUNS,
  warmUpRuns: 1,
  rungs: results,
};
writeFileSync(
  new URL('./ladder-data.json', import.meta.url),
  `${JSON.stringify(data, null, 2)}\n`,
);
console.log(JSON.stringify(data, null, 2));
if (sink < 0) console.log('unreachable');
