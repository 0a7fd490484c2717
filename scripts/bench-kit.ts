/**
 * Speed figures for the course kit, one JSON object per line:
 *   kit.epoll-echo-10k.ms           wall-clock ms for an epoll echo reactor serving 10,000
 *                                   simulated connections, 10 messages each, trace off, in a
 *                                   fresh process (cold JIT included) (target <= 200)
 *   kit.syscalls-per-s              simulated syscalls per wall-clock second in that run
 *                                   (target >= 3,000,000)
 *   kit.epoll-echo-10k-traced.ms    the same run with the trace on, as lessons run by default
 *                                   (bounded store: 100,000 events kept) (report)
 *   kit.select-vs-epoll.scan-ratio  descriptors scanned by a select server over an epoll server,
 *                                   1,000 connections of which 10 are active
 * Run: node scripts/bench-kit.ts
 */
import {
  EPOLL_CTL_ADD,
  EPOLL_CTL_DEL,
  EPOLLIN,
  Kernel,
  wouldBlock,
  type ClientSpec,
} from '../src/kit/index.ts';

function emit(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value, unit }));
}

/** A level-triggered epoll echo reactor; returns once `conns` connections have closed. */
function epollEcho(k: Kernel, port: number, conns: number): void {
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

function selectEcho(k: Kernel, port: number, conns: number): void {
  const ls = k.socket();
  k.bind(ls, port);
  k.listen(ls, 1024);
  const open = new Set<number>();
  let closed = 0;
  while (closed < conns) {
    const [readable] = k.select([ls, ...open], [], [], -1);
    for (const fd of readable) {
      if (fd === ls) {
        open.add(k.accept(ls));
        continue;
      }
      const data = k.recv(fd, 4096);
      if (data === '') {
        k.close(fd);
        open.delete(fd);
        closed++;
      } else {
        k.send(fd, data);
      }
    }
  }
}

/**
 * `n` clients connecting `spacing` ms apart, each idle for `wait` ms (so at the peak all of them
 * are registered with the reactor at once) and then sending `messages` requests back to back.
 */
function echoClients(n: number, messages: number, spacing: number, wait: number): ClientSpec[] {
  const msgs = Array.from({ length: messages }, (_, i) => `message ${i}`);
  return Array.from({ length: n }, (_, i) => ({ at: 1 + i * spacing, wait, send: msgs }));
}

/** Times the epoll echo over 10,000 connections x 10 messages; returns ms and syscalls. */
function timedEcho(trace: boolean): { ms: number; syscalls: number } {
  const N = 10_000;
  const k = new Kernel({ trace, maxFds: N + 100 });
  k.clients(8000, echoClients(N, 10, 0.01, 100));
  const t0 = performance.now();
  epollEcho(k, 8000, N);
  const ms = performance.now() - t0;
  const st = k.stats();
  if (st.connectionsServed !== N || st.latency.count !== N * 10) {
    throw new Error(
      `epoll echo served ${st.connectionsServed} connections, ${st.latency.count} replies`,
    );
  }
  return { ms, syscalls: st.totalSyscalls };
}

// 1. epoll echo, 10,000 connections x 10 messages, first in the process (cold), trace off.
{
  const { ms, syscalls } = timedEcho(false);
  emit('kit.epoll-echo-10k.ms', Math.round(ms), 'ms');
  emit('kit.syscalls-per-s', Math.round(syscalls / (ms / 1000)), 'syscalls/s');
}

// 1b. the same with the trace on (the default in lessons).
emit('kit.epoll-echo-10k-traced.ms', Math.round(timedEcho(true).ms), 'ms');

// 2. select vs epoll: 1,000 connections, 990 idle (holding), 10 busy.
{
  const N = 1000;
  const specs = (): ClientSpec[] =>
    Array.from({ length: N }, (_, i) =>
      i % 100 === 0
        ? { at: 100, send: Array.from({ length: 50 }, () => 'ping'), gap: 2 }
        : { at: 1 + i * 0.05, hold: 300 },
    );
  const scanned = (serve: (k: Kernel) => void): number => {
    const k = new Kernel({ trace: false, maxFds: 2048 });
    k.clients(8000, specs());
    serve(k);
    return k.stats().fdsScanned;
  };
  const sel = scanned((k) => selectEcho(k, 8000, N));
  const epo = scanned((k) => epollEcho(k, 8000, N));
  emit('kit.select-vs-epoll.scan-ratio', Math.round((sel / epo) * 10) / 10, 'ratio');
}
