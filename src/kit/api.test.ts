import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as kit from './index.ts';
import { Kernel, KernelError, Sys, type Op } from './index.ts';

/** Public members of a class's prototype (methods and getters), `#private` ones being invisible. */
function members(cls: { prototype: object }): string[] {
  return Object.getOwnPropertyNames(cls.prototype)
    .filter((n) => n !== 'constructor')
    .sort();
}

/**
 * Members that exist on one side only, and why. Every other call must exist on both, with the
 * same name: a thread writes `yield* sys.x(...)` where `main` writes `k.x(...)`.
 */
const KERNEL_ONLY: Readonly<Record<string, string>> = {
  run: 'drives the whole simulation: only main may call it (EDEADLK inside a thread)',
  random: "the simulation's seeded generator, a property of the world, not a system call",
  queue: 'creates a shared queue before the threads start; threads receive it, then get/put',
  service: 'sets up a simulated remote service: world building, not a system call',
  clients: 'starts simulated clients: world building, not a system call',
  stats: 'observation from outside the simulation, for the lesson to print',
  recordLatency: 'observation from outside the simulation, for the lesson to print',
  percentiles: 'observation from outside the simulation, for the lesson to print',
  trace: 'observation from outside the simulation, for the lesson to print',
  traceText: 'observation from outside the simulation, for the lesson to print',
  traceJSON: 'observation from outside the simulation, for the lesson to print',
};
const SYS_ONLY: Readonly<Record<string, string>> = {
  self: 'the calling thread: main is not a Thread object',
  yield: 'sched_yield() between threads; main gives up the CPU by blocking or by run()',
};

describe('Kernel and Sys offer the same calls', () => {
  const kernel = members(Kernel);
  const sys = members(Sys);

  it('every Kernel call exists on Sys, except the documented ones', () => {
    const missing = kernel.filter((n) => !sys.includes(n) && !(n in KERNEL_ONLY));
    expect(missing, 'add them to src/kit/sys.ts, or to KERNEL_ONLY with a reason').toEqual([]);
  });

  it('every Sys call exists on Kernel, except the documented ones', () => {
    const missing = sys.filter((n) => !kernel.includes(n) && !(n in SYS_ONLY));
    expect(missing, 'add them to src/kit/kernel.ts, or to SYS_ONLY with a reason').toEqual([]);
  });

  it('the allow-lists name real members only (none left over from a removed call)', () => {
    expect(Object.keys(KERNEL_ONLY).filter((n) => !kernel.includes(n) || sys.includes(n))).toEqual(
      [],
    );
    expect(Object.keys(SYS_ONLY).filter((n) => !sys.includes(n) || kernel.includes(n))).toEqual([]);
  });
});

/** The outcome of a call: its value, or the KernelError's code. */
function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    if (e instanceof KernelError) return e.code;
    throw e;
  }
}

describe("Sys's socket-information calls behave as Kernel's", () => {
  it('getsockname, getpeername, setsockopt give the same answers and errors', () => {
    const run = (inThread: boolean): unknown[] => {
      const k = new Kernel({ seed: 1 });
      const l = k.socket();
      k.bind(l, 8080);
      k.listen(l);
      // The same sequence of calls, on main (k) or in a thread (sys).
      type Call = (name: string, ...args: unknown[]) => Generator<Op, unknown>;
      const steps = function* (call: Call): Generator<Op, unknown[]> {
        const out: unknown[] = [];
        const c = (yield* call('socket')) as number;
        out.push(yield* call('getsockname', c));
        out.push(yield* call('getpeername', c)); // not connected yet: ENOTCONN
        yield* call('connect', c, 8080);
        out.push(yield* call('getpeername', c));
        out.push(yield* call('setsockopt', c, 'SO_RCVBUF', 100));
        out.push(yield* call('getsockopt', c, 'SO_RCVBUF'));
        out.push(yield* call('setsockopt', c, 'SO_SNDBUF', 100)); // EINVAL: only SO_RCVBUF
        out.push(yield* call('setsockopt', c, 'SO_RCVBUF', 0)); // EINVAL: must be >= 1
        out.push(yield* call('getsockname', 99)); // EBADF
        return out;
      };
      if (!inThread) {
        const direct: Call = (name, ...args) =>
          (function* (): Generator<Op, unknown> {
            return outcome(() =>
              (k as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...args),
            );
          })();
        const it = steps(direct);
        let r = it.next();
        while (!r.done) r = it.next();
        return r.value;
      }
      const t = k.spawn(function* (sys) {
        const viaSys: Call = function* (name, ...args) {
          try {
            return yield* (
              sys as unknown as Record<string, (...a: unknown[]) => Generator<Op, unknown>>
            )[name]!(...args);
          } catch (e) {
            if (e instanceof KernelError) return e.code;
            throw e;
          }
        };
        return yield* steps(viaSys);
      });
      return k.join(t) as unknown[];
    };
    const onMain = run(false);
    expect(onMain).toEqual([
      'localhost:0',
      'ENOTCONN',
      'localhost:8080',
      undefined,
      100,
      'EINVAL',
      'EINVAL',
      'EBADF',
    ]);
    expect(run(true)).toEqual(onMain);
  });
});

/**
 * Every name `#kit` exports, with what it is, read by TypeScript from `src/kit/index.ts` (so
 * `export type` and `export *` count too). A change here is a change to every lesson's API: if
 * it is meant, update the snapshot (`npx vitest run src/kit/api.test.ts -u`) and the README.
 */
function kitApi(): string[] {
  const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
  const program = ts.createProgram([entry], {
    allowImportingTsExtensions: true,
    noEmit: true,
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  return checker
    .getExportsOfModule(module)
    .map((s) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      const f = target.flags;
      const kind =
        f & ts.SymbolFlags.Class
          ? 'class'
          : f & ts.SymbolFlags.Function
            ? 'function'
            : f & ts.SymbolFlags.Variable
              ? 'const'
              : f & ts.SymbolFlags.Interface
                ? 'interface'
                : 'type';
      const decl = s.declarations?.[0];
      const typeOnly =
        decl !== undefined &&
        ts.isExportSpecifier(decl) &&
        (decl.isTypeOnly || decl.parent.parent.isTypeOnly);
      const note = typeOnly && /class|function|const/.test(kind) ? ' (type only)' : '';
      return `${s.name}: ${kind}${note}`;
    })
    .sort();
}

describe('the #kit public API', () => {
  const api = kitApi();

  it('is the reviewed list of names', () => {
    expect(api).toMatchInlineSnapshot(`
      [
        "ALL_EVENTS: const",
        "Address: type",
        "BlockedWait: interface",
        "ClientGroup: interface",
        "ClientResult: interface",
        "ClientSpec: interface",
        "ClientState: type",
        "DeadlockError: class",
        "EPOLLERR: const",
        "EPOLLET: const",
        "EPOLLHUP: const",
        "EPOLLIN: const",
        "EPOLLONESHOT: const",
        "EPOLLOUT: const",
        "EPOLL_CTL_ADD: const",
        "EPOLL_CTL_DEL: const",
        "EPOLL_CTL_MOD: const",
        "ERRNO: const",
        "EWOULDBLOCK: const",
        "EpollEvent: interface",
        "EpollSpec: type",
        "ErrorCode: type",
        "FD_SETSIZE: const",
        "Kernel: class",
        "KernelError: class",
        "KernelOptions: interface",
        "KernelStats: interface",
        "Latency: type",
        "LatencySummary: interface",
        "Op: interface",
        "POLLERR: const",
        "POLLHUP: const",
        "POLLIN: const",
        "POLLNVAL: const",
        "POLLOUT: const",
        "POLLPRI: const",
        "PollFd: interface",
        "Queue: class (type only)",
        "Random: class",
        "RunOptions: interface",
        "SHUT_RD: const",
        "SHUT_RDWR: const",
        "SHUT_WR: const",
        "ServiceOptions: interface",
        "SockOpt: type",
        "SpawnOptions: interface",
        "Sys: class",
        "Thread: interface",
        "ThreadBody: type",
        "ThreadState: type",
        "Timeout: type",
        "TraceEvent: interface",
        "percentiles: function",
        "wouldBlock: function",
      ]
    `);
  });

  it("agrees with the module's run-time exports", () => {
    const values = api
      .filter((l) => /: (class|function|const)$/.test(l))
      .map((l) => l.split(':')[0]);
    expect(values).toEqual(Object.keys(kit).sort());
  });
});
