// @runtime node
import {
  MessageChannel,
  Worker,
  receiveMessageOnPort,
} from 'node:worker_threads';

// #region facade
/** What make-synchronous and synckit do: block on Atomics.wait. */
function makeSync<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
): (...args: A) => R {
  const { port1: mine, port2: theirs } = new MessageChannel();
  const worker = new Worker(
    `const { workerData: { port } } = require('node:worker_threads');
     const fn = ${fn.toString()};
     port.on('message', async ({ args, flag }) => {
       try { port.postMessage({ value: await fn(...args) }); }
       catch (e) { port.postMessage({ error: e }); }
       Atomics.store(flag, 0, 1);
       Atomics.notify(flag, 0); // wake the caller
     });`,
    {
      eval: true,
      workerData: { port: theirs },
      transferList: [theirs],
    },
  );
  worker.unref(); // the worker alone does not keep the process alive
  // #region slide-wait
  return (...args: A): R => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    mine.postMessage({ args, flag });
    Atomics.wait(flag, 0, 0); // this thread sleeps here; no loop runs
    // The event loop is not running, so read the reply by hand.
    const { value, error } = receiveMessageOnPort(mine)!.message;
    if (error) throw error;
    return value as R;
  };
  // #endregion
}
// #endregion

// The async function runs in the worker: it cannot see our variables.
const slowDouble = makeSync(async (n: number) => {
  await new Promise((ok) => setTimeout(ok, 300));
  if (n < 0) throw new RangeError(`negative: ${n}`);
  return n * 2;
});

let ticks = 0;
const ticker = setInterval(() => ticks++, 10);
await new Promise((ok) => setTimeout(ok, 100)); // let it tick a while

// #region call
const before = ticks;
const t0 = performance.now();
const value = slowDouble(21); // no await: a plain value comes back
const blocked = performance.now() - t0;
console.log(`slowDouble(21) = ${value}, a ${typeof value}`);
console.log(
  `blocked for ${blocked >= 300 ? 'at least 300' : 'under 300'} ms`,
);
console.log(`timer ticks during the call: ${ticks - before}`);
// #endregion
try {
  slowDouble(-1);
} catch (e) {
  const err = e as Error;
  console.log(`caught in the caller: ${err.name}: ${err.message}`);
}
await new Promise((ok) => setTimeout(ok, 100));
console.log(`ticks again afterwards: ${ticks > before ? 'yes' : 'no'}`);
clearInterval(ticker);
