import { defineChecks, type Assert } from '#harness';
import {
  Kernel,
  Random,
  type ClientResult,
  type ClientSpec,
} from '#kit';
import type * as Solution from './solution.ts';

const BUDGET = 50; // ms of virtual time, p99 of request-to-reply latency
const N = 10_000;
/**
 * Tasks the service may have, main included: what systemd gives a service by default on the
 * kit's 2 GiB machine. Memory would not stop the starter: its 5,000-odd threads at once reserve
 * 5 GiB of stacks but hold only about 140 MiB of RAM, and the default RLIMIT_NPROC (8,192) is
 * above them. But a service started by systemd runs in a cgroup whose `pids.max` is its unit's
 * `TasksMax=`, by default 15% of the smaller of kernel.threads-max and kernel.pid_max
 * (`DefaultTasksMax=` in systemd-system.conf(5); `system_tasks_max_scale()` in systemd's
 * limits-util.c). threads-max is 16,384 for 2 GiB (RAM / (8 × 16 KiB), kernel/fork.c), so
 * 2,457 tasks, threads included; past them `clone` fails and `pthread_create` returns EAGAIN,
 * as the kit's `spawn` does.
 */
const MAX_TASKS = 2457;

/**
 * 10,000 chat-like clients, 0.2 ms apart on average (Poisson), arriving
 * in bursts every 10 ms: each says hello, stays connected and idle for a
 * second, says one more line and leaves. One in ten is slow to start
 * (100 to 300 ms before its first line).
 */
function load(seed: number, n: number): ClientSpec[] {
  const rng = new Random(seed);
  return rng.arrivals(n, 0.2, 1).map((t) => ({
    at: Math.ceil(t / 10) * 10,
    wait: rng.next() < 0.1 ? rng.pick([100, 200, 300]) : 0,
    gap: 1000,
    expect: 'line',
    send: ['hello\n', 'bye\n'],
  }));
}

/** ", while 8,977 clients gave up (ETIMEDOUT)", or nothing. */
function gaveUp(clients: readonly ClientResult[]): string {
  const failed = clients.filter((c) => c.state === 'failed');
  if (failed.length === 0) return '';
  const codes = [...new Set(failed.map((c) => c.error))].join(', ');
  return `, while ${failed.length} clients gave up (${codes})`;
}

async function judge(
  m: typeof Solution,
  t: Assert,
  seed: number,
  n: number,
): Promise<void> {
  const k = new Kernel({
    seed,
    maxFds: 30_000,
    maxThreads: MAX_TASKS,
    trace: false,
  });
  const group = k.clients(8080, load(seed, n));
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0; // thousands of EAGAINs: skip their stack traces
  try {
    await m.serve(k, 8080, n);
  } catch (e) {
    const why =
      e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
    // The kit names the limit after RLIMIT_NPROC; here it stands for TasksMax.
    const cap = why.includes(`maxThreads (RLIMIT_NPROC) ${MAX_TASKS}`)
      ? ` (the checks allow ${MAX_TASKS} tasks: systemd's default TasksMax for a service on 2 GiB of RAM)`
      : '';
    t.ok(
      false,
      `seed ${seed}: serve() failed after ${Math.round(k.now())} ms${gaveUp(group.clients)}: ${why}${cap}`,
    );
  } finally {
    Error.stackTraceLimit = limit;
  }
  const done = group.clients.filter((c) => c.state === 'done').length;
  t.ok(
    done === n,
    `seed ${seed}: ${done} of ${n} clients were served to the end${gaveUp(group.clients)}`,
  );
  const replies = group.clients.flatMap((c) => c.replies);
  const bad = replies.find((r) => !/^#\d+ (hello|bye)\n$/.test(r));
  t.ok(
    bad === undefined,
    `seed ${seed}: a reply should be "#n line\\n", got ${JSON.stringify(bad)}`,
  );
  const numbers = new Set(
    replies.map((r) => Number(/^#(\d+)/.exec(r)?.[1])),
  );
  t.ok(
    numbers.size === 2 * n && numbers.has(1) && numbers.has(2 * n),
    `seed ${seed}: the counters should run from #1 to #${2 * n}, each given out once`,
  );
  const s = k.stats();
  t.ok(
    s.threads.created === 0,
    `seed ${seed}: ${s.threads.created} kernel threads were created; one loop in main should serve everyone`,
  );
  const p99 = k.percentiles().p99;
  t.ok(
    p99 <= BUDGET,
    `seed ${seed}: p99 ${p99.toFixed(1)} ms > ${BUDGET} ms budget`,
  );
}

export default defineChecks<typeof Solution>(
  (m, { check, checkSeeds }) => {
    check('three clients get "#n line" replies', async (t) => {
      await judge(m, t, 1, 3);
    });
    checkSeeds(
      `10,000 clients, p99 within ${BUDGET} ms (seeds 1–3)`,
      [1, 2, 3],
      async (t, seed) => {
        await judge(m, t, seed, N);
      },
    );
  },
);
