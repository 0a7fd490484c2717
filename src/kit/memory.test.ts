import { describe, expect, it } from 'vitest';
import { Kernel, KernelError, type Sys } from './index.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
/** What main and each thread hold in RAM by default: 8 KiB of touched stack, a 16 KiB kernel stack. */
const RESIDENT = 8 * KiB + 16 * KiB;

function* idle(sys: Sys) {
  yield* sys.sleep(1000);
}

/** Spawns idle threads until `spawn` throws; returns how many were created and the error. */
function spawnUntilRefused(k: Kernel, most: number): { made: number; error: KernelError } {
  for (let made = 0; made < most; made++) {
    try {
      k.spawn(idle);
    } catch (e) {
      if (e instanceof KernelError) return { made, error: e };
      throw e;
    }
  }
  throw new Error(`spawn never failed in ${most} tries`);
}

describe('thread memory: reserved address space and resident memory', () => {
  it('an 8 MiB stack reserves 8 MiB and a guard page, but holds only touched pages and a kernel stack', () => {
    const k = new Kernel({ stackSize: 8 * MiB });
    for (let i = 0; i < 10; i++) k.spawn(idle);
    const m = k.stats().memory;
    expect(m.reserved.current).toBe(8 * MiB + 10 * (8 * MiB + 4096));
    expect(m.resident.current).toBe(11 * RESIDENT);
    expect(m.mappings.current).toBe(1 + 10 * 2);
    // The first model's figure: every stack in full.
    expect(m.current).toBe(11 * 8 * MiB);
    k.run();
    const after = k.stats().memory;
    expect(after.reserved).toEqual({ current: 8 * MiB, peak: m.reserved.current, limit: Infinity });
    expect(after.resident).toEqual({ current: RESIDENT, peak: 11 * RESIDENT, limit: 2048 * MiB });
    expect(after.mappings).toEqual({ current: 1, peak: 21, limit: 65530 });
  });

  it('10,000 threads with 8 MiB stacks fit when RLIMIT_NPROC allows them', () => {
    // 78 GiB of reservations: fine under heuristic overcommit. The old model refused the 255th.
    const k = new Kernel({ stackSize: 8 * MiB, maxThreads: 20_000, trace: false });
    for (let i = 0; i < 10_000; i++) k.spawn(idle);
    const m = k.stats().memory;
    expect(m.reserved.current).toBe(8 * MiB + 10_000 * (8 * MiB + 4096));
    expect(m.reserved.current).toBeGreaterThan(78 * 1024 * MiB);
    expect(m.resident.current).toBe(10_001 * RESIDENT);
    expect(m.resident.current).toBeLessThan(m.resident.limit);
    k.run();
    expect(k.stats().threads.peak).toBe(10_000);
  });

  it('by default RLIMIT_NPROC is what Linux gives 2 GiB of RAM: 8192 tasks, main included', () => {
    // threads-max = RAM / (8 × THREAD_SIZE) = 2 GiB / 128 KiB = 16384; RLIMIT_NPROC is half.
    const k = new Kernel({ stackSize: 8 * MiB, trace: false });
    const { made, error } = spawnUntilRefused(k, 9000);
    expect(made).toBe(8191);
    expect(error.code).toBe('EAGAIN');
    expect(error.message).toMatch(
      /RLIMIT_NPROC\) 8192: clone fails with EAGAIN \(8191 threads live\)/,
    );
  });

  it('derives the default thread limit from memoryLimit, and lifts it when memory is unlimited', () => {
    const small = new Kernel({ memoryLimit: 256 * MiB, trace: false });
    // 256 MiB / 128 KiB = 2048 threads-max; RLIMIT_NPROC 1024 tasks, so 1023 threads.
    expect(spawnUntilRefused(small, 2000).made).toBe(1023);
    // 1 MiB / 128 KiB = 8, raised to Linux's minimum of 20 threads-max: 10 tasks, so 9 threads.
    const tiny = new Kernel({ memoryLimit: MiB, trace: false });
    expect(spawnUntilRefused(tiny, 50).made).toBe(9);
    const unlimited = new Kernel({ memoryLimit: Infinity, maxMapCount: Infinity, trace: false });
    for (let i = 0; i < 9000; i++) unlimited.spawn(idle);
    expect(unlimited.stats().threads.live).toBe(9000);
  });

  it('fails with EAGAIN (mmap ENOMEM) past vm.max_map_count: two mappings per thread', () => {
    const k = new Kernel({ maxMapCount: 21 });
    const { made, error } = spawnUntilRefused(k, 100);
    expect(made).toBe(10);
    expect(error.code).toBe('EAGAIN');
    expect(error.errno).toBe(11);
    expect(error.message).toMatch(
      /memory mappings to 23, over maxMapCount \(vm\.max_map_count\) 21/,
    );
    expect(error.message).toMatch(/ENOMEM, reported by pthread_create as EAGAIN/);
  });

  it('with the default max_map_count, about 32,764 threads fit', () => {
    const k = new Kernel({ maxThreads: Infinity, memoryLimit: Infinity, trace: false });
    const { made, error } = spawnUntilRefused(k, 40_000);
    expect(made).toBe((65530 - 1 - 1) / 2);
    expect(error.message).toMatch(/max_map_count/);
  });

  it('fails with EAGAIN past an address-space limit (ulimit -v): 2 GiB holds 254 stacks of 8 MiB', () => {
    const k = new Kernel({ stackSize: 8 * MiB, addressSpaceLimit: 2048 * MiB, trace: false });
    const { made, error } = spawnUntilRefused(k, 1000);
    expect(made).toBe(254);
    expect(error.message).toMatch(/over addressSpaceLimit \(RLIMIT_AS\) 2048 MiB/);
    expect(k.stats().memory.reserved.limit).toBe(2048 * MiB);
  });

  it('memoryLimit applies to resident memory, not to reservations', () => {
    // 1 MiB of RAM: main's 24 KiB and 41 threads of 24 KiB. The old model fitted none.
    const k = new Kernel({ stackSize: MiB, memoryLimit: MiB, maxThreads: Infinity });
    const { made, error } = spawnUntilRefused(k, 100);
    expect(made).toBe(41);
    expect(error.message).toMatch(
      /24 KiB of touched stack and kernel stack would bring resident memory to 1\.01 MiB, over memoryLimit 1 MiB \(41 threads live\)/,
    );
    expect(k.stats().memory.reserved.current).toBe(MiB + 41 * (MiB + 4096));
  });

  it('a thread touches at most its own stack', () => {
    const k = new Kernel({ stackTouched: 64 * KiB });
    k.spawn(idle, { stackSize: 4096 });
    expect(k.stats().memory.resident.current).toBe(64 * KiB + 16 * KiB + 4096 + 16 * KiB);
  });

  it('socket memory is resident and in the first model, but reserves no stack address space', () => {
    const k = new Kernel({ socketMemory: 4096 });
    const before = k.stats().memory;
    const fd = k.socket();
    const m = k.stats().memory;
    expect(m.resident.current - before.resident.current).toBe(4096);
    expect(m.current - before.current).toBe(4096);
    expect(m.reserved.current).toBe(before.reserved.current);
    k.close(fd);
    expect(k.stats().memory.resident.current).toBe(before.resident.current);
  });

  it('rejects negative sizes', () => {
    expect(() => new Kernel({ stackTouched: -1 })).toThrow(RangeError);
    expect(() => new Kernel({ kernelStack: -1 })).toThrow(RangeError);
    expect(() => new Kernel({ addressSpaceLimit: Number.NaN })).toThrow(RangeError);
    expect(() => new Kernel({ maxMapCount: -5 })).toThrow(RangeError);
  });
});

describe('a refused spawn names the limit that refused it', () => {
  /** The message of the first refused spawn in a kernel with `opts`. */
  const refusal = (opts: ConstructorParameters<typeof Kernel>[0]): string =>
    spawnUntilRefused(new Kernel({ trace: false, ...opts }), 100_000).error.message;

  it('address space, memory mappings and RAM: that limit, never RLIMIT_NPROC', () => {
    const cases: [ConstructorParameters<typeof Kernel>[0], RegExp][] = [
      [{ addressSpaceLimit: 4 * MiB }, /over addressSpaceLimit \(RLIMIT_AS\) 4 MiB/],
      [{ maxMapCount: 9 }, /over maxMapCount \(vm\.max_map_count\) 9/],
      [
        { memoryLimit: 256 * MiB, maxThreads: Infinity, maxMapCount: Infinity },
        /over memoryLimit 256 MiB/,
      ],
    ];
    for (const [opts, named] of cases) {
      const message = refusal(opts);
      expect(message).toMatch(named);
      expect(message).not.toMatch(/RLIMIT_NPROC|maxThreads/);
    }
  });

  it('maxThreads: RLIMIT_NPROC, whether given or derived from memoryLimit', () => {
    expect(refusal({ maxThreads: 5 })).toMatch(
      /over maxThreads \(RLIMIT_NPROC\) 5: clone fails with EAGAIN \(4 threads live\)$/,
    );
    // Only memoryLimit given: 1 MiB of RAM gives the minimum threads-max, 20, so 10 tasks; the
    // thread limit is hit before the 1 MiB of RAM is (10 tasks hold 240 KiB).
    const message = refusal({ memoryLimit: MiB });
    expect(message).toMatch(/over maxThreads \(RLIMIT_NPROC\) 10: clone fails with EAGAIN/);
    expect(message).not.toMatch(/RLIMIT_AS|max_map_count|over memoryLimit/);
  });
});
