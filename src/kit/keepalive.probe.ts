/**
 * Run by keepalive.test.ts as `node --expose-gc --trace-deopt keepalive.probe.ts`: echo runs
 * until V8 has optimized the kit, then a full garbage collection at the worst moment (no kernel
 * of the program alive, so none of its sockets, epoll entries or errors), then one more run.
 * With the kept kernel (keepalive.ts) V8 keeps its optimized code; without it, the collection
 * makes V8 throw away the code of about a hundred functions (printed by --trace-deopt).
 */
import { EPOLL_CTL_ADD, EPOLL_CTL_DEL, EPOLLIN, Kernel, wouldBlock } from './index.ts';

function echo(n: number): void {
  const k = new Kernel({ trace: false, maxFds: n + 16 });
  k.clients(
    8000,
    Array.from({ length: n }, (_, i) => ({ at: 1 + i * 0.01, wait: 20, send: ['a', 'bb', 'ccc'] })),
  );
  const ls = k.socket();
  k.bind(ls, 8000);
  k.listen(ls, 1024);
  k.setblocking(ls, false);
  const ep = k.epoll_create();
  k.epoll_ctl(ep, EPOLL_CTL_ADD, ls, EPOLLIN);
  let closed = 0;
  while (closed < n) {
    for (const ev of k.epoll_wait(ep, 256, -1)) {
      if (ev.fd === ls) {
        for (;;) {
          let c: number;
          try {
            c = k.accept(ls);
          } catch (e) {
            if (wouldBlock(e)) break;
            throw e;
          }
          k.setblocking(c, false);
          k.epoll_ctl(ep, EPOLL_CTL_ADD, c, EPOLLIN);
        }
        continue;
      }
      const data = k.recv(ev.fd, 4096);
      if (data === '') {
        k.epoll_ctl(ep, EPOLL_CTL_DEL, ev.fd);
        k.close(ev.fd);
        closed++;
      } else {
        k.send(ev.fd, data);
      }
    }
  }
}

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
for (let i = 0; i < 10; i++) echo(2000);
console.log('probe: collecting');
gc();
echo(2000);
console.log('probe: done');
