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
function finishOrder(size: string | undefined): (number | 'stat')[] {
  const env = { ...process.env };
  delete env['UV_THREADPOOL_SIZE'];
  if (size !== undefined) env['UV_THREADPOOL_SIZE'] = size;
  const out = spawnSync(process.execPath, ['-e', job], { env });
  return JSON.parse(out.stdout.toString()) as (number | 'stat')[];
}

for (const size of [undefined, '1']) {
  const order = finishOrder(size);
  const hashes = order.filter((x) => x !== 'stat');
  // Cut the finishing order into blocks of pool size: if the pool runs
  // P jobs at a time, block k holds exactly the jobs submitted k-th.
  const p = Number(size ?? 4);
  const waves: string[] = [];
  for (let i = 0; i < hashes.length; i += p) {
    const wave = hashes.slice(i, i + p).sort((a, b) => a - b);
    waves.push(`[${wave.join(' ')}]`);
  }
  console.log(
    `UV_THREADPOOL_SIZE=${size ?? 'unset'}: ${p} thread${p === 1 ? '' : 's'}`,
  );
  console.log(`  hashes finished in waves: ${waves.join(' ')}`);
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
