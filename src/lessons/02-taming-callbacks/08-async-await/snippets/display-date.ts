// @runtime browser
// The lecture's asyncio example, ported to the kit's virtual clock: two tasks
// print the time and sleep 0-5 s at random, until 12 s have passed.
import { Kernel } from '#kit';
import { Loop } from '#lib/aio';

const k = new Kernel({ seed: 9 });
const loop = new Loop(k);
const clock = () => (loop.now() / 1000).toFixed(3).padStart(6);

// #region port
async function mySleepFunc(): Promise<void> {
  await loop.sleep(k.random.int(0, 5) * 1000); // random.randint(0, 5) seconds
}

async function displayDate(num: number): Promise<void> {
  const endTime = loop.now() + 12_000;
  for (;;) {
    console.log(`Loop: ${num} Time: ${clock()} s`);
    if (loop.now() + 1000 >= endTime) break;
    await mySleepFunc();
  }
}

// #region slide-start
await loop.run(async () => {
  const t1 = displayDate(1); // already running: it printed and is now asleep
  const t2 = displayDate(2);
  console.log('-- both created; nothing awaited yet');
  await Promise.all([t1, t2]); // run_forever() never returns; we wait for both
});
// #endregion
// #endregion
console.log(`-- loop returned at ${clock()} s`);
