import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Kernel } from './index.ts';
import { keptKernelMade } from './keepalive.ts';
import { kernelsCreated, recordKernels } from './registry.ts';

describe('the kept kernel (keepalive.ts)', () => {
  it('is made with a second kernel and is not one of the program’s kernels', () => {
    recordKernels(true);
    try {
      const a = new Kernel({ trace: false });
      const b = new Kernel({ trace: false });
      expect(keptKernelMade()).toBe(true);
      // Only the program's two kernels are recorded for the timeline.
      expect(kernelsCreated()).toHaveLength(2);
      expect(a.now()).toBe(0);
      expect(b.now()).toBe(0);
    } finally {
      recordKernels(false);
    }
  });

  it('keeps V8 from throwing away the optimized kit when a full collection comes between kernels', async () => {
    const probe = fileURLToPath(new URL('./keepalive.probe.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--trace-opt', '--trace-deopt', probe],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    expect(stdout).toContain('probe: done');
    // The premise: V8 had optimized the reactor's hot functions before the collection (its
    // compiler runs in the background, so on a busy machine one of them may still be waiting).
    const before = stdout.slice(0, stdout.indexOf('probe: collecting'));
    const hot = ['step', 'netSend', 'epollCtl', 'KernelError', 'collect'];
    const optimized = hot.filter((fn) =>
      new RegExp(`completed compiling .*<JSFunction ${fn} .*TURBOFAN`).test(before),
    );
    expect(optimized.length).toBeGreaterThanOrEqual(3);
    // Without the kept kernel, about 130 lines like this one follow the collection.
    const dropped = stdout.split('\n').filter((l) => l.includes('embedded weak objects cleared'));
    expect(dropped).toEqual([]);
  }, 30_000);
});
