// @runtime node
// @normalize / +\d+(\.\d+)? (ns|µs|ms)/ ->  N
// @normalize /×\d+/ -> ×N
// The same ladder on Node, with its own loop trips: setImmediate (the
// check phase) and a worker_threads round trip. Warm-up, then 5 timed
// runs per rung; the figure is the median run's cost per step.
import { Worker } from 'node:worker_threads';

const RUNS = 5;
let sink = 0;
const addOne = (x: number): number => x + 1;

// #region node-rungs
// #region slide-immediate
function immediateHops(n: number): Promise<void> {
  return new Promise((done) => {
    let left = n;
    const hop = () => (--left > 0 ? setImmediate(hop) : done());
    setImmediate(hop);
  });
}
// #endregion
const echo = new Worker(
  `const { parentPort } = require('node:worker_threads');
   parentPort.on('message', (m) => parentPort.postMessage(m));`,
  { eval: true },
);
function roundTrips(n: number): Promise<void> {
  return new Promise((done) => {
    let left = n;
    const back = () => {
      if (--left > 0) return echo.postMessage(0);
      echo.off('message', back);
      done();
    };
    echo.on('message', back);
    echo.postMessage(0);
  });
}
// #endregion

async function measure(
  steps: number,
  run: (n: number) => void | Promise<void>,
): Promise<number> {
  await run(steps); // warm-up
  const each: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    await run(steps);
    each.push((performance.now() - t0) / steps);
  }
  return each.sort((a, b) => a - b)[RUNS >> 1]!;
}

const rungs: [string, number][] = [
  [
    'plain call',
    await measure(1_000_000, (n) => {
      for (let i = 0; i < n; i++) sink = addOne(sink);
    }),
  ],
  [
    'await of a resolved value',
    await measure(100_000, async (n) => {
      for (let i = 0; i < n; i++) await i;
    }),
  ],
  ['setImmediate hop', await measure(2_000, immediateHops)],
  ['worker round trip', await measure(1_000, roundTrips)],
  [
    'setTimeout(0) hop',
    await measure(
      20,
      (n) =>
        new Promise<void>((done) => {
          let left = n;
          const hop = () => (--left > 0 ? setTimeout(hop, 0) : done());
          setTimeout(hop, 0);
        }),
    ),
  ],
];
await echo.terminate();

const show = (ms: number): string =>
  ms < 0.001
    ? `${(ms * 1e6).toFixed(1)} ns`
    : ms < 1
      ? `${(ms * 1e3).toFixed(1)} µs`
      : `${ms.toFixed(2)} ms`;
console.log(
  `one step costs on Node ${process.versions.node.split('.')[0]}:`,
);
let prev = 0;
for (const [name, ms] of rungs) {
  const ratio =
    prev > 0 ? `×${Math.round(ms / prev)} the rung above` : '';
  console.log(`  ${name.padEnd(26)} ${show(ms).padStart(9)}  ${ratio}`);
  prev = ms;
}
const [call, wait, immediate, trip, tick] = rungs.map(([, ms]) => ms);
console.log(
  `plain call < await < setImmediate hop: ${call! < wait! && wait! < immediate!}`,
);
console.log(`worker round trip < setTimeout(0) hop: ${trip! < tick!}`);
if (sink < 0) console.log('unreachable: keeps sink alive');
