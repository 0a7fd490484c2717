// @runtime browser
// @normalize / +\d+(\.\d+)? (ns|µs|ms)/ ->  N
// @normalize /^  worker round trip.*$/m -> (worker line: browser only)
// The cost ladder, measured here and now: what one step of each kind
// costs on this machine. Each rung runs a warm-up, then 5 timed runs;
// the figure is the median run's cost per step.

const RUNS = 5;
let sink = 0; // keeps the optimiser from deleting the plain calls

// #region rungs
// #region slide-rungs
function addOne(x: number): number {
  return x + 1;
}
function plainCalls(n: number): void {
  for (let i = 0; i < n; i++) sink = addOne(sink);
}
async function awaits(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await i; // already a value: one microtask
}
// #endregion
function messageHops(n: number): Promise<void> {
  const { port1, port2 } = new MessageChannel();
  return new Promise((done) => {
    let left = n;
    port1.onmessage = () => {
      if (--left > 0) return port2.postMessage(0); // out and back in
      port1.close();
      done();
    };
    port2.postMessage(0);
  });
}
function timeoutHops(n: number): Promise<void> {
  return new Promise((done) => {
    let left = n;
    const hop = () => (--left > 0 ? setTimeout(hop, 0) : done());
    setTimeout(hop, 0);
  });
}
// #endregion

// #region worker
// A worker made from a Blob URL: it echoes every message back.
function startEcho(): { w: Worker; url: string } {
  const src = 'onmessage = (e) => postMessage(e.data);';
  const url = URL.createObjectURL(new Blob([src]));
  return { w: new Worker(url), url };
}
function roundTrips(w: Worker, n: number): Promise<void> {
  return new Promise((done) => {
    let left = n;
    w.onmessage = () => (--left > 0 ? w.postMessage(0) : done());
    w.postMessage(0);
  });
}
// #endregion

/** Median cost of one step, in ms: `steps` steps per run. */
async function measure(
  steps: number,
  run: (n: number) => void | Promise<void>,
): Promise<number> {
  await run(steps); // warm-up: let the JIT compile, caches fill
  const each: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    await run(steps);
    each.push((performance.now() - t0) / steps);
  }
  return each.sort((a, b) => a - b)[RUNS >> 1]!;
}

function show(ms: number): string {
  if (ms < 0.001) return `${(ms * 1e6).toFixed(1)} ns`;
  if (ms < 1) return `${(ms * 1e3).toFixed(1)} µs`;
  return `${ms.toFixed(2)} ms`;
}

const call = await measure(1_000_000, plainCalls);
const wait = await measure(100_000, awaits);
const msg = await measure(2_000, messageHops);
const tick = await measure(20, timeoutHops);
console.log('one step costs (median of 5 runs):');
console.log(`  plain call                  ${show(call)}`);
console.log(`  await of a resolved value   ${show(wait)}`);
console.log(`  MessageChannel hop          ${show(msg)}`);
console.log(`  setTimeout(0) hop           ${show(tick)}`);
if (typeof Worker === 'function') {
  const { w, url } = startEcho();
  await roundTrips(w, 10); // the worker's start-up is not a round trip
  URL.revokeObjectURL(url);
  const trip = await measure(500, (n) => roundTrips(w, n));
  w.terminate();
  const more = trip > msg ? 'yes' : 'no';
  console.log(
    `  worker round trip           ${show(trip)}` +
      `  (dearer than a MessageChannel hop: ${more})`,
  );
} else {
  console.log(
    '  worker round trip: no Web Worker here (see the Node program)',
  );
}
console.log(`plain call < await: ${call < wait}`);
console.log(`await < MessageChannel hop: ${wait < msg}`);
console.log(`MessageChannel hop < setTimeout(0) hop: ${msg < tick}`);
