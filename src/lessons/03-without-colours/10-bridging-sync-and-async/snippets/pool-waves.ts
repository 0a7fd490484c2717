// @runtime node
import { spawnSync } from 'node:child_process';

// The program each child process runs: eight slow pbkdf2 hashes, then
// one quick fs.stat, all queued at once. libuv runs every one of them
// on its thread pool; each callback comes back on the loop thread.
const job = `
  const { pbkdf2 } = require('node:crypto');
  const { stat } = require('node:fs');
  const order = [];
  for (let i = 0; i < 8; i++)
    pbkdf2('secret', 'salt', 150000, 64, 'sha512', () => order.push(i));
  stat('.', () => order.push('stat'));
  process.on('exit', () => console.log(JSON.stringify(order)));
`;

// The pool is created, at its final size, the first time a process
// uses it. So the size goes into the environment of a new process.
// #region slide-env
function finishOrder(size: string | undefined): (number | 'stat')[] {
  const env = { ...process.env };
  delete env['UV_THREADPOOL_SIZE'];
  if (size !== undefined) env['UV_THREADPOOL_SIZE'] = size;
  const out = spawnSync(process.execPath, ['-e', job], { env });
  return JSON.parse(out.stdout.toString()) as (number | 'stat')[];
  // #endregion
}

for (const size of [undefined, '1']) {
  const order = finishOrder(size);
  const hashes = order.filter((x): x is number => x !== 'stat');
  // With P threads, hash k (queued k-th) cannot start until k - P + 1
  // earlier hashes have finished and freed a thread, so at least that
  // many finish before it. Only this bound holds on a loaded machine: a
  // thread of the first wave can be descheduled long enough for a
  // second-wave hash to overtake it, so the exact order is not checked.
  const p = Number(size ?? 4);
  const waited = hashes.every((k, at) => at >= k - p + 1);
  console.log(
    `UV_THREADPOOL_SIZE=${size ?? 'unset'}: ${p} thread${p === 1 ? '' : 's'}`,
  );
  console.log(
    `  hash k finished after at least ${p === 1 ? 'k' : `k - ${p - 1}`} others: ` +
      (waited ? 'yes' : `no: ${hashes.join(' ')}`),
  );
  // The stat is 9th in the queue: no thread is free for it until 8 - P + 1
  // hashes have finished. (It usually finishes right then, but another
  // hash may finish while it runs, so check the bound, not an exact count.)
  const bound = 8 - p + 1;
  const before = order.indexOf('stat');
  console.log(
    `  the quick stat waited for at least ${bound} of 8 hashes: ` +
      (before >= bound ? 'yes' : `no, only ${before}`),
  );
}
