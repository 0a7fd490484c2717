/**
 * One small kernel kept alive for the rest of the program, once it has made a second kernel, so
 * that V8 keeps its optimized code of the kit from one kernel to the next.
 *
 * Why: V8 compiles hot functions against the hidden classes ("maps") of the objects they have
 * seen, and refers to those maps weakly. The map of a class's fully built instance is reached
 * from the class only through weak transitions, so it lives only while some instance does. A
 * kernel's sockets, epoll entries, clients and EAGAIN errors all die with it, and when a full
 * garbage collection comes after one kernel's last socket has closed and before the next one's
 * first socket exists (between two runs of a benchmark, or two seeds of a check), their maps go,
 * and V8 throws away every piece of optimized code that mentions them ("marking dependent code
 * … embedded weak objects cleared" under `node --trace-deopt`): about a hundred functions of an
 * echo reactor, compiled again in the middle of the next run, which then takes about twice as
 * long. The kept kernel has one of each of those objects, built by the same code, so their maps
 * stay alive. It is made with the second kernel (a program that makes one kernel never pays for
 * it), is never recorded or traced, and shares nothing with the program's kernels but the
 * immutable strings the kit caches.
 *
 * It covers the objects of a reactor's connection in the states an echo run reaches; a field
 * that later holds a larger number (a clock past about 1.07 s of virtual time is no longer a
 * small integer) moves its class to a new map, which this kernel does not hold.
 */
import { EPOLL_CTL_ADD, EPOLLIN } from './constants.ts';
import { wouldBlock } from './errors.ts';
import type { Kernel } from './kernel.ts';

let made = 0;
let building = false;
/** The kernel kept, and the EAGAIN error its accept loop ended with. */
const kept: { kernel: Kernel | null; error: unknown } = { kernel: null, error: null };

/** True while the kept kernel is being made: the Kernel constructor then skips its bookkeeping. */
export function makingKeptKernel(): boolean {
  return building;
}

/** Whether the kept kernel exists (for tests). */
export function keptKernelMade(): boolean {
  return kept.kernel !== null;
}

/** Called by the Kernel constructor: with the second kernel, makes and keeps one with `make`. */
export function kernelCreated(make: () => Kernel): void {
  if (building || ++made !== 2) return;
  building = true;
  try {
    const k = make();
    const error = play(k);
    if (error === null) return;
    kept.error = error;
    kept.kernel = k;
  } catch {
    // Only a speed-up: whatever went wrong, the program's own kernels are not affected.
  } finally {
    building = false;
  }
}

/**
 * A listener with its accept queue, an epoll instance watching it and two accepted connections:
 * one whose client got its reply and waits for the next, and one whose client sends without
 * reading, so two unread requests wait in the server's buffer. Returns the EAGAIN that ended
 * the accepts, or null if the first request was not answered within a few turns of the loop.
 */
function play(k: Kernel): unknown {
  const port = 7;
  k.clients(port, [
    { at: 0.1, send: ['ping', 'ping'] },
    { at: 0.1, send: ['a', 'b'], read: false },
  ]);
  const ls = k.socket();
  k.bind(ls, port);
  k.listen(ls, 8);
  k.setblocking(ls, false);
  const ep = k.epoll_create();
  k.epoll_ctl(ep, EPOLL_CTL_ADD, ls, EPOLLIN);
  let first = -1;
  let error: unknown = null;
  for (let turn = 0; turn < 16; turn++) {
    for (const ev of k.epoll_wait(ep, 8, -1)) {
      if (ev.fd === ls) {
        for (;;) {
          let c: number;
          try {
            c = k.accept(ls);
          } catch (e) {
            if (!wouldBlock(e)) throw e;
            error = e;
            break;
          }
          if (first < 0) first = c;
          k.setblocking(c, false);
          k.epoll_ctl(ep, EPOLL_CTL_ADD, c, EPOLLIN);
        }
      } else if (ev.fd === first) {
        k.send(first, k.recv(first, 4096));
        return error;
      }
    }
  }
  return null;
}
