import { describe, expect, it } from 'vitest';
import { Kernel, type Sys } from './index.ts';

/** Runs a sleeper (5 ms) beside a CPU hog; returns when the sleeper first ran after waking. */
function sleeperBesideHog(
  hog: (sys: Sys) => Generator<unknown, void, unknown>,
  opts: ConstructorParameters<typeof Kernel>[0] = {},
): { wokeAt: number; switches: number } {
  const k = new Kernel({ syscallCost: 0, switchCost: 0, ...opts });
  let wokeAt = -1;
  k.spawn(
    function* (sys) {
      yield* sys.sleep(5);
      wokeAt = sys.now();
    },
    { name: 'sleeper' },
  );
  k.spawn(hog as never, { name: 'hog' });
  k.run();
  return { wokeAt, switches: k.stats().contextSwitches };
}

function* bursts(sys: Sys): Generator<unknown, void, unknown> {
  for (let i = 0; i < 50; i++) yield* sys.cpu(10);
}

function* oneLong(sys: Sys): Generator<unknown, void, unknown> {
  yield* sys.cpu(500);
}

describe('scheduler', () => {
  it('counts the time slice per thread across cpu() calls: short bursts are preempted too', () => {
    const old = { timeSlice: 10, wakeupPreemption: false };
    const long = sleeperBesideHog(oneLong, old);
    const short = sleeperBesideHog(bursts, old);
    expect(long.wokeAt).toBe(10); // the sleeper waits for the end of the hog's first slice
    // The old kernel counted the slice per call: 50 bursts of exactly one slice were never
    // preempted and the sleeper first ran at 505 ms.
    expect(short.wokeAt).toBe(long.wokeAt);
    expect(short.switches).toBe(long.switches);
  });

  it('a thread woken from a blocking call jumps the round-robin queue (wake-up preemption)', () => {
    // Three hogs share the CPU round robin; a fourth thread sleeps 25 ms. With wake-up preemption
    // it runs when the current slice ends (at 30 ms), not after every queued hog's slice.
    const run = (wakeupPreemption: boolean): number => {
      const k = new Kernel({ syscallCost: 0, switchCost: 0, timeSlice: 10, wakeupPreemption });
      let wokeAt = -1;
      k.spawn(function* (sys) {
        yield* sys.sleep(25);
        wokeAt = sys.now();
      });
      for (let i = 0; i < 3; i++) k.spawn(oneLong as never, { name: `hog${i}` });
      k.run();
      return wokeAt;
    };
    expect(run(false)).toBe(50); // behind hog2's, hog0's and hog1's slices
    expect(run(true)).toBe(30); // at the end of hog2's current slice
  });

  it('a woken thread gets the CPU within one base slice even behind several hogs', () => {
    const k = new Kernel({ syscallCost: 0, switchCost: 0 });
    for (let i = 0; i < 4; i++) k.spawn(oneLong as never, { name: `hog${i}` });
    const waits: number[] = [];
    k.spawn(function* (sys) {
      for (let i = 0; i < 5; i++) {
        const t0 = sys.now();
        yield* sys.sleep(7);
        waits.push(sys.now() - t0 - 7); // how long it waited for the CPU after its timer fired
      }
    });
    k.run();
    expect(waits).toHaveLength(5);
    for (const w of waits) expect(w).toBeLessThanOrEqual(0.75 + 1e-9);
  });

  it('defaults to a time slice near Linux base slice (0.75 ms) with wake-up preemption', () => {
    const k = new Kernel({ syscallCost: 0, switchCost: 0 });
    const done: string[] = [];
    const body = (name: string, ms: number) =>
      function* (sys: Sys) {
        yield* sys.cpu(ms);
        done.push(`${name}@${sys.now()}`);
      };
    k.spawn(body('long', 3), { name: 'long' });
    k.spawn(body('short', 0.5), { name: 'short' });
    k.run();
    // long 0.75, short 0.5 (done at 1.25), long runs on alone to 3.5.
    expect(done).toEqual(['short@1.25', 'long@3.5']);
    expect(sleeperBesideHog(bursts).wokeAt).toBeLessThanOrEqual(5 + 0.75);
  });

  it('a preempted thread with no CPU left resumes its code when it next gets the CPU', () => {
    const k = new Kernel({ syscallCost: 0, switchCost: 0, timeSlice: 1 });
    const log: string[] = [];
    k.spawn(function* (sys) {
      for (let i = 0; i < 3; i++) {
        yield* sys.cpu(1);
        log.push(`a${i}@${sys.now()}`);
      }
    });
    k.spawn(function* (sys) {
      for (let i = 0; i < 3; i++) {
        yield* sys.cpu(1);
        log.push(`b${i}@${sys.now()}`);
      }
    });
    k.run();
    // Each thread's code runs right after its burst; the switch happens at its next cpu().
    expect(log).toEqual(['a0@1', 'b0@2', 'a1@3', 'b1@4', 'a2@5', 'b2@6']);
    expect(k.stats().contextSwitches).toBe(6); // main→a, then five switches between a and b
  });
});
