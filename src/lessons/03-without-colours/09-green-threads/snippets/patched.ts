// @runtime browser
// The same blocking code, before and after monkey patching.
import { Kernel } from '#kit';
import * as gevent from '#lib/gevent';

function run(patch: boolean): void {
  const k = new Kernel();
  if (patch)
    gevent.patchAll(k); // first, before anything uses k
  else gevent.init(k);
  const addrs = [300, 200, 500].map((latency, i) =>
    k.service(`svc${i}`, { latency }),
  );
  // #region code
  // Plain blocking code: no async, no yield, no callbacks.
  // #region slide-code
  function getPage(addr: string): number {
    const body = k.fetch(addr, 'GET /');
    console.log(
      `  ${Math.round(k.now())} ms  got ${body.length} bytes from ${addr}`,
    );
    return body.length;
  }
  const jobs = addrs.map((a) => gevent.spawn(getPage, a));
  gevent.joinall(jobs);
  // #endregion
  // #endregion
  const s = k.stats();
  console.log(
    `${patch ? 'patched' : 'unpatched'}: ${Math.round(k.now())} ms in all; ` +
      `epoll_wait ${s.syscalls['epoll_wait'] ?? 0}, EAGAIN ${s.wastedPolls}`,
  );
}
run(false);
run(true);
