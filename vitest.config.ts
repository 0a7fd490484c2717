import { defineConfig } from 'vitest/config';

const include = ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/unit/**/*.test.ts'];

/**
 * Test files that replace globals or modules (`vi.mock`, `vi.resetModules`, `vi.stubGlobal`,
 * fake timers) or leave something on `globalThis`: each gets a fresh module graph, as Vitest
 * gives every file by default.
 */
export const needsIsolation = [
  'src/components/workbench/storage.test.ts',
  'src/runtime/worker/adapter.test.ts',
  'src/runtime/run-controller.test.ts',
  'src/runtime/run-lifecycle.test.ts',
  'src/lib/gevent.test.ts',
  'src/client/theme.test.ts',
  'src/runtime/transpile.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    projects: [
      // The rest share one module graph per worker: re-importing the kit, the runtime and their
      // dependencies for each of ~90 files was half of `vitest run`'s time on 2 cores (57 s
      // against 28 s with every file shared). tests/unit/vitest-isolation.test.ts keeps the
      // list above complete; `npx vitest run --sequence.shuffle.files` checks that no file
      // depends on another's leftovers (five shuffled orders passed when this was set up).
      {
        extends: true,
        test: { name: 'shared', include, exclude: needsIsolation, isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: needsIsolation } },
    ],
  },
});
