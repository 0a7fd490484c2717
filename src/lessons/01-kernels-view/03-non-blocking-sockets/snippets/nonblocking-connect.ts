// @runtime browser
import { ERRNO, Kernel, KernelError } from '#kit';

// Every packet takes 20 ms each way: a handshake takes a while.
const k = new Kernel({ netDelay: 20 });
const at = () => `${String(Math.round(k.now())).padStart(3)} ms`;
const db = k.service('db:5432');
const cache = k.service('cache:6379');
const nobody = 'localhost:9999'; // nothing listens here

// Start three connects without waiting for any of them.
const pending = new Map<number, string>();
for (const addr of [db, cache, nobody]) {
  const fd = k.socket();
  k.setblocking(fd, false);
  try {
    k.connect(fd, addr);
    console.log(`${at()}  fd ${fd}: connected at once`);
  } catch (e) {
    if (!(e instanceof KernelError && e.code === 'EINPROGRESS'))
      throw e;
    console.log(`${at()}  fd ${fd}: EINPROGRESS (${addr})`);
    pending.set(fd, addr);
  }
}

// A socket whose handshake has finished, either way, is "writable".
// select() (chapter 4) sleeps until one is; SO_ERROR says how it went.
const names = Object.fromEntries(
  Object.entries(ERRNO).map(([code, n]) => [n, code]),
);
while (pending.size > 0) {
  // #region select
  const [, writable] = k.select([], [...pending.keys()], [], null);
  for (const fd of writable) {
    const err = k.getsockopt(fd, 'SO_ERROR'); // 0 means success
    const how = err === 0 ? 'connected' : `failed: ${names[err]}`;
    console.log(`${at()}  fd ${fd}: ${how} (${pending.get(fd)})`);
    pending.delete(fd);
    // #endregion
  }
}
