import { describe, expect, it } from 'vitest';
import { Kernel, KernelError } from '#kit';
import { Reactor } from './reactor.ts';
import {
  CancelledError,
  Future,
  Task,
  connect,
  fetch,
  gather,
  recv,
  sendAll,
  sleep,
  type Coroutine,
} from './coroutine.ts';

const world = (seed = 1) => {
  const k = new Kernel({ syscallCost: 0, seed });
  return { k, loop: new Reactor(k) };
};

describe('Future', () => {
  it('runs its callbacks once, in order, and at once when added after completion', () => {
    const f = new Future<number>();
    const log: string[] = [];
    f.addDoneCallback((x) => log.push(`a${x.result()}`));
    f.addDoneCallback((x) => log.push(`b${x.result()}`));
    expect(f.done()).toBe(false);
    f.setResult(7);
    f.addDoneCallback((x) => log.push(`c${x.result()}`));
    expect(log).toEqual(['a7', 'b7', 'c7']);
    expect(() => f.setResult(8)).toThrow(/twice/);
  });

  it('holds an error or a cancellation', () => {
    const bad = new Future<number>();
    bad.setException(new Error('nope'));
    expect(() => bad.result()).toThrow('nope');
    const c = new Future<number>();
    expect(c.cancel()).toBe(true);
    expect(c.cancelled()).toBe(true);
    expect(() => c.result()).toThrow(CancelledError);
    expect(c.cancel()).toBe(false);
    expect(() => new Future().result()).toThrow(/pending/);
  });
});

describe('Task', () => {
  it('does not start before the loop runs, then sends each result in', () => {
    const { k, loop } = world();
    const log: string[] = [];
    const t = new Task(
      loop,
      (function* (): Coroutine<string> {
        log.push('started');
        yield* sleep(loop, 100);
        const v = yield* (function* (): Coroutine<number> {
          yield* sleep(loop, 50);
          return 42;
        })();
        log.push(`got ${v} at ${k.now()}`);
        return 'ok';
      })(),
    );
    expect(log).toEqual([]);
    loop.run();
    expect(log).toEqual(['started', 'got 42 at 150']);
    expect(t.result()).toBe('ok');
  });

  it('throws a failed future back in at the yield, where try/catch sees it', () => {
    const { loop } = world();
    const boom = new Future<number>();
    loop.callLater(10, () => boom.setException(new Error('boom')));
    const t = new Task(
      loop,
      (function* (): Coroutine<string> {
        try {
          yield* boom;
          return 'not reached';
        } catch (e) {
          return `caught ${(e as Error).message}`;
        }
      })(),
    );
    loop.run();
    expect(t.result()).toBe('caught boom');
  });

  it('fails when the generator throws, and other tasks can wait for it', () => {
    const { loop } = world();
    const inner = new Task(
      loop,
      (function* (): Coroutine<number> {
        yield* sleep(loop, 5);
        throw new Error('inner failed');
      })(),
    );
    const outer = new Task(
      loop,
      (function* (): Coroutine<string> {
        try {
          return String(yield* inner);
        } catch (e) {
          return `outer saw: ${(e as Error).message}`;
        }
      })(),
    );
    loop.run();
    expect(() => inner.result()).toThrow('inner failed');
    expect(outer.result()).toBe('outer saw: inner failed');
  });

  it('cancel() runs finally blocks, frees the timer, and steps no more', () => {
    const { k, loop } = world();
    const log: string[] = [];
    const t = new Task(
      loop,
      (function* (): Coroutine<void> {
        try {
          yield* sleep(loop, 1000);
          log.push('woke up');
        } finally {
          log.push(`finally at ${k.now()}`);
        }
        log.push('after finally');
      })(),
    );
    loop.callLater(30, () => t.cancel());
    loop.run();
    expect(log).toEqual(['finally at 30']);
    expect(t.cancelled()).toBe(true);
    expect(k.now()).toBe(30); // the 1000 ms timer no longer keeps the loop alive
  });

  it('a coroutine may catch CancelledError and finish normally', () => {
    const { loop } = world();
    const t = new Task(
      loop,
      (function* (): Coroutine<string> {
        try {
          yield* sleep(loop, 100);
          return 'slept';
        } catch (e) {
          return e instanceof CancelledError ? 'cleaned up' : 'other';
        }
      })(),
    );
    loop.callLater(10, () => t.cancel());
    loop.run();
    expect(t.result()).toBe('cleaned up');
  });

  it('rejects a yielded non-future by throwing a TypeError into the generator', () => {
    const { loop } = world();
    const t = new Task(
      loop,
      (function* (): Coroutine<string> {
        try {
          yield 42 as unknown as Future<unknown>;
          return 'no';
        } catch (e) {
          return (e as Error).name;
        }
      })(),
    );
    loop.run();
    expect(t.result()).toBe('TypeError');
  });
});

describe('I/O helpers on the kit', () => {
  it('fetch runs several services at once: total time is the longest, not the sum', () => {
    const { k, loop } = world();
    const addrs = [300, 100, 200].map((latency, i) => k.service(`s${i}`, { latency }));
    const all = gather(addrs.map((a) => new Task(loop, fetch(loop, a, 'GET /'))));
    loop.run();
    expect(all.result()).toEqual(['s0: GET /', 's1: GET /', 's2: GET /']);
    expect(k.now()).toBeGreaterThanOrEqual(300);
    expect(k.now()).toBeLessThan(310);
  });

  it('connect to a closed port fails with ECONNREFUSED at the yield', () => {
    const { loop } = world();
    const t = new Task(
      loop,
      (function* (): Coroutine<string> {
        try {
          yield* connect(loop, 'nowhere:9');
          return 'connected?';
        } catch (e) {
          return e instanceof KernelError ? e.code : String(e);
        }
      })(),
    );
    loop.run();
    expect(t.result()).toBe('ECONNREFUSED');
  });

  it('recv and sendAll talk to a line service; cancelling a recv removes its reader', () => {
    const { k, loop } = world();
    const addr = k.service('echo', { latency: 20, mode: 'lines', reply: (l) => l.toUpperCase() });
    let fdSeen = -1;
    const t = new Task(
      loop,
      (function* (): Coroutine<string> {
        const fd = yield* connect(loop, addr);
        fdSeen = fd;
        yield* sendAll(loop, fd, 'hi\n');
        const first = yield* recv(loop, fd, 100);
        yield* recv(loop, fd, 100); // nothing more is coming: wait until cancelled
        return first;
      })(),
    );
    loop.callLater(500, () => t.cancel());
    loop.run();
    expect(t.cancelled()).toBe(true);
    expect(fdSeen).toBeGreaterThan(2);
    expect(k.now()).toBe(500);
  });
});
