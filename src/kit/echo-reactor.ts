/**
 * The epoll echo workload the kit is measured and tested with: `scripts/bench-kit.ts` times it,
 * `keepalive.probe.ts` runs it under V8's tracing. Not part of the kit's API (index.ts does not
 * export it); lessons write their own reactors.
 */
import { EPOLL_CTL_ADD, EPOLL_CTL_DEL, EPOLLIN } from './constants.ts';
import { wouldBlock } from './errors.ts';
import type { ClientSpec } from './clients.ts';
import type { Kernel } from './kernel.ts';

/** A level-triggered epoll echo reactor; returns once `conns` connections have closed. */
export function epollEcho(k: Kernel, port: number, conns: number): void {
  const ls = k.socket();
  k.bind(ls, port);
  k.listen(ls, 1024);
  k.setblocking(ls, false);
  const ep = k.epoll_create();
  k.epoll_ctl(ep, EPOLL_CTL_ADD, ls, EPOLLIN);
  let closed = 0;
  while (closed < conns) {
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

/**
 * `n` clients connecting `spacing` ms apart, each idle for `wait` ms (so at the peak all of them
 * are registered with the reactor at once) and then sending `messages` requests back to back.
 */
export function echoClients(
  n: number,
  messages: number,
  spacing: number,
  wait: number,
): ClientSpec[] {
  const msgs = Array.from({ length: messages }, (_, i) => `message ${i}`);
  return Array.from({ length: n }, (_, i) => ({ at: 1 + i * spacing, wait, send: msgs }));
}
