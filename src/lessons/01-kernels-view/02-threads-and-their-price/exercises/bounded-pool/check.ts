import { defineChecks, seedRange } from '#harness';
import { Kernel, Random, type ClientSpec } from '#kit';
import type * as Solution from './solution.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
// The kit's documented default costs (src/kit/README.md, "Memory: reserved and resident").
const STACK = 1 * MiB; // stackSize: address space reserved per stack, main's included
const GUARD_PAGE = 4 * KiB; // below each thread's stack (main's has none)
const STACK_TOUCHED = 8 * KiB; // stackTouched: stack pages each task holds in RAM
const KERNEL_STACK = 16 * KiB; // kernelStack: RAM per task
const SOCKET = 4 * KiB; // socketMemory: RAM per open socket

/** A kernel with a listener and `clients` clients that all connect at 0 ms. */
function world(clients: number) {
  const k = new Kernel();
  const listener = k.socket();
  k.bind(listener, 8080);
  k.listen(listener);
  const group = k.clients(
    8080,
    Array.from({ length: clients }, (_, i) => ({ send: [`job ${i}`] })),
  );
  return { k, listener, group };
}

/** Latencies a pool of `workers` gives `clients` clients that arrive together. */
function waves(clients: number, workers: number): number[] {
  return Array.from(
    { length: clients },
    (_, i) => (Math.floor(i / workers) + 1) * 100,
  );
}

/**
 * Twelve clients under `seed`. Seed 1 is the chapter's crowd: all connect at 0 ms and send at
 * once. Other seeds spread the arrivals over 300 ms, and about a third of the clients think for
 * 50 to 250 ms before sending their request (a worker waits in `recv` meanwhile). Sorted by
 * arrival, which is the order main accepts them in.
 */
function arrivals(seed: number): ClientSpec[] {
  const rng = new Random(seed);
  const specs = Array.from({ length: 12 }, (_, i) => ({
    name: `client${i}`,
    at: seed === 1 ? 0 : rng.int(0, 300),
    wait: seed === 1 ? 0 : rng.next() < 0.35 ? rng.int(50, 250) : 0,
    send: [`job ${i}`],
  }));
  return specs.sort((a, b) => a.at - b.at);
}

/**
 * The latencies (ms, rounded) of a pool of `workers` threads sharing one queue: each accepted
 * client goes to whichever worker is free first, so nobody waits while a worker is idle.
 * A worker holds a client from accept to reply: its think time, then 100 ms.
 */
function poolModel(specs: ClientSpec[], workers: number): number[] {
  const free: number[] = Array.from({ length: workers }, () => 0);
  return specs.map((s) => {
    free.sort((a, b) => a - b);
    const sent = (s.at ?? 0) + (s.wait ?? 0);
    const end = Math.max(free[0]!, sent) + 100;
    free[0] = end;
    return Math.round(end - sent);
  });
}

function sortedLatencies(group: { latencies(): number[] }): number[] {
  return group
    .latencies()
    .map((ms) => Math.round(ms))
    .sort((a, b) => a - b);
}

export default defineChecks<typeof Solution>(
  (m, { check, checkSeeds }) => {
    check('every client gets its request echoed back', (t) => {
      const { k, listener, group } = world(12);
      m.servePool(k, listener, 3, 12);
      t.deepEqual(
        group.clients.map((c) => c.replies[0]),
        Array.from({ length: 12 }, (_, i) => `job ${i}`),
        'replies, in client order',
      );
    });
    check('never more than 3 threads at once for 12 clients', (t) => {
      const { k, listener } = world(12);
      m.servePool(k, listener, 3, 12);
      t.atMost(
        k.stats().threads.peak,
        3,
        'threads alive at the same time',
      );
    });
    check('threads are reused: at most 3 are ever created', (t) => {
      const { k, listener } = world(12);
      m.servePool(k, listener, 3, 12);
      t.atMost(k.stats().threads.created, 3, 'threads created');
    });
    check(
      'clients are served in waves of 3: 100, 200, 300, 400 ms',
      (t) => {
        const { k, listener, group } = world(12);
        m.servePool(k, listener, 3, 12);
        t.deepEqual(
          sortedLatencies(group),
          waves(12, 3),
          'latencies (ms)',
        );
      },
    );
    check(
      'peak memory: main + 3 thread stacks reserved; their pages and the sockets resident',
      (t) => {
        const { k, listener } = world(12);
        m.servePool(k, listener, 3, 12);
        const { reserved, resident } = k.stats().memory;
        const reservedBudget = STACK + 3 * (STACK + GUARD_PAGE);
        t.atMost(
          reserved.peak / KiB,
          reservedBudget / KiB,
          `address space reserved at the peak, in KiB (main's ${STACK / MiB} MiB stack + 3 × ` +
            `(${STACK / MiB} MiB stack + ${GUARD_PAGE / KiB} KiB guard page))`,
        );
        const residentBudget =
          (1 + 3) * (STACK_TOUCHED + KERNEL_STACK) + (1 + 12) * SOCKET;
        t.atMost(
          resident.peak / KiB,
          residentBudget / KiB,
          `RAM resident at the peak, in KiB ((main + 3 threads) × ${(STACK_TOUCHED + KERNEL_STACK) / KiB} ` +
            `KiB of touched and kernel stack + (listener + 12 connections) × ${SOCKET / KiB} KiB)`,
        );
      },
    );
    check(
      'when servePool returns, every client is served and every thread has exited',
      (t) => {
        const { k, listener, group } = world(12);
        m.servePool(k, listener, 3, 12);
        const s = k.stats();
        t.equal(
          s.connectionsServed,
          12,
          'connections accepted and closed',
        );
        t.equal(s.threads.live, 0, 'threads still alive');
        t.ok(group.done, 'every client should have finished');
      },
    );
    check(
      'a pool of 1 serves clients strictly one after another',
      (t) => {
        const { k, listener, group } = world(4);
        m.servePool(k, listener, 1, 4);
        t.deepEqual(
          sortedLatencies(group),
          waves(4, 1),
          'latencies (ms)',
        );
        t.atMost(
          k.stats().threads.peak,
          1,
          'threads alive at the same time',
        );
      },
    );
    checkSeeds(
      'whenever clients arrive (seeds 1–8), no one waits while a worker is idle',
      seedRange(1, 8),
      (t, seed) => {
        const k = new Kernel({ seed });
        const listener = k.socket();
        k.bind(listener, 8080);
        k.listen(listener);
        const specs = arrivals(seed);
        const group = k.clients(8080, specs);
        m.servePool(k, listener, 3, 12);
        t.ok(group.done, 'every client should have finished');
        t.atMost(
          k.stats().threads.peak,
          3,
          'threads alive at the same time',
        );
        t.deepEqual(
          group.clients.map((c) => Math.round(c.latencies[0] ?? -1)),
          poolModel(specs, 3),
          'latencies (ms), in arrival order',
        );
      },
    );
    check(
      'a pool bigger than the crowd serves everyone at once',
      (t) => {
        const { k, listener, group } = world(5);
        m.servePool(k, listener, 8, 5);
        t.deepEqual(
          sortedLatencies(group),
          waves(5, 8),
          'latencies (ms)',
        );
      },
    );
  },
);
