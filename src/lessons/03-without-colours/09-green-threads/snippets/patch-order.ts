// @runtime browser
// Patch too late, and a library that captured the blocking call keeps
// blocking the whole program.
import { Kernel, type Address } from '#kit';
import * as gevent from '#lib/gevent';

// #region lib
// A small HTTP client "module". Like `from socket import socket` in
// Python, it takes its own reference to the kernel's call when loaded.
function loadHttpClient(k: Kernel) {
  const fetch = k.fetch.bind(k); // captured now: whatever k.fetch is now
  return {
    get(addr: Address): string {
      return fetch(addr, 'GET /');
    },
  };
}
// #endregion

function run(order: 'load, then patch' | 'patch, then load'): void {
  const k = new Kernel();
  let http;
  // #region order
  if (order === 'load, then patch') {
    http = loadHttpClient(k); // captures the blocking fetch
    gevent.patchAll(k); // too late for http
  } else {
    gevent.patchAll(k); // first thing
    http = loadHttpClient(k); // captures the cooperative fetch
  }
  // #endregion
  const addrs = [300, 200, 500].map((latency, i) =>
    k.service(`svc${i}`, { latency }),
  );
  const client = http;
  const jobs = addrs.map((a) => gevent.spawn(() => client.get(a)));
  gevent.joinall(jobs);
  console.log(`${order}: ${Math.round(k.now())} ms for 3 requests`);
}
run('load, then patch');
run('patch, then load');
