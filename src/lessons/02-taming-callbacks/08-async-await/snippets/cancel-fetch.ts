// @runtime browser
// Cancelling work on the kit with AbortController: the signal goes all the way
// down to the socket wait, so the fetch really stops and its socket is closed.
import { Kernel } from '#kit';
import { Loop } from '#lib/aio';

const k = new Kernel({ syscallCost: 0 });
const loop = new Loop(k);
const slow = k.service('reports', { latency: 150 });
const log = (s: string) =>
  console.log(`${String(loop.now()).padStart(3)} ms  ${s}`);

// #region cancel
/** Three requests in a row; every await hears the signal. */
// #region slide-download
async function download(signal: AbortSignal): Promise<string[]> {
  const parts: string[] = [];
  for (const part of ['jan', 'feb', 'mar']) {
    parts.push(await loop.fetch(slow, part, signal));
    log(`got ${part}`);
  }
  return parts;
}
// #endregion

const user = new AbortController(); // the "cancel" button
const shutdown = new AbortController(); // the server is stopping
const signal = AbortSignal.any([user.signal, shutdown.signal]);

await loop.run(async () => {
  const job = download(signal);
  await loop.sleep(200);
  shutdown.abort(new Error('server shutting down'));
  await job.catch((e: Error) => log(`download stopped: ${e.message}`));
});
// #endregion
log(`still waiting: ${JSON.stringify(loop.pending())}`);
log(
  `sockets opened ${k.stats().syscalls['socket']}, closed ${k.stats().syscalls['close']}`,
);
const plain = new AbortController();
plain.abort();
log(
  `abort() with no reason: reason is a ${(plain.signal.reason as DOMException).name}`,
);
