// @runtime browser
// The full Task from #lib/coroutine: errors are thrown back in at the
// yield, and cancel() throws CancelledError there, so finally blocks run.
import { Kernel } from '#kit';
import { Reactor } from '#lib/reactor';
import {
  Task,
  CancelledError,
  fetch,
  sleep,
  type Coroutine,
} from '#lib/coroutine';

const k = new Kernel();
const loop = new Reactor(k);
const log = (what: string) =>
  console.log(`${String(Math.round(k.now())).padStart(4)} ms  ${what}`);

const fast = k.service('fast', { latency: 100 });
const slow = k.service('slow', { latency: 900 });

// #region get
function* get(name: string, addr: string): Coroutine<string> {
  log(`${name}: start`);
  // #region slide-try
  try {
    const reply = yield* fetch(loop, addr, `GET /${name}`);
    log(`${name}: got ${JSON.stringify(reply)}`);
    return reply;
  } catch (e) {
    log(
      `${name}: caught ${(e as Error).name}: ${(e as Error).message}`,
    );
    throw e; // let the Task fail (or be cancelled) too
    // #endregion
  } finally {
    log(`${name}: finally (the socket is closed by now)`);
  }
}
// #endregion

// #region main
function* main(): Coroutine<void> {
  // #region slide-cancel
  const a = new Task(loop, get('a', fast));
  const b = new Task(loop, get('b', slow));
  const c = new Task(loop, get('c', 'nobody:80')); // no such service
  yield* sleep(loop, 250);
  log(`main: b is still running after 250 ms: cancel it`);
  b.cancel();
  // #endregion
  for (const [name, t] of [
    ['a', a],
    ['b', b],
    ['c', c],
  ] as const) {
    try {
      log(`main: ${name} -> ${JSON.stringify(yield* t)}`);
    } catch (e) {
      const kind = e instanceof CancelledError ? 'cancelled' : 'failed';
      log(`main: ${name} ${kind} (${(e as Error).message})`);
    }
  }
}
// #endregion

const m = new Task(loop, main());
loop.run();
const calls = k.stats().syscalls;
log(`loop done; main done: ${m.done()}`);
log(`sockets opened: ${calls['socket']}, closed: ${calls['close']}`);
