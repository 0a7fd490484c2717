// scripts/run-checks.ts, the checker CI uses (check-content): a module that leaves work running
// after the checks must not pass (issue 17, item 3).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'run-checks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const harness = join(root, 'src/runtime/harness/index.ts');
writeFileSync(
  join(dir, 'check.ts'),
  `import { defineChecks } from ${JSON.stringify(harness)};
export default defineChecks((m: { add(a: number, b: number): number }, { check, checkSeeds }) => {
  check('adds', (t) => t.equal(m.add(2, 3), 5));
  checkSeeds('adds under seeds', [1, 2, 3], (t, seed) => t.equal(m.add(seed, 1), seed + 1));
});
`,
);

async function report(module: string, ...options: string[]) {
  writeFileSync(join(dir, 'mod.ts'), module);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(root, 'scripts/run-checks.ts'), join(dir, 'check.ts'), join(dir, 'mod.ts'), ...options],
    { timeout: 30_000 },
  ).catch((e: { stdout: string }) => e);
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    passed: number;
    failed: number;
    results: { name: string; seed?: number; seedsTotal?: number }[];
  };
}

describe('scripts/run-checks.ts', () => {
  it('passes a correct module that ends cleanly', async () => {
    expect(await report('export const add = (a: number, b: number) => a + b;')).toMatchObject({
      passed: 2,
      failed: 0,
    });
  });

  it('runs one check under one seed with --only and --seed', async () => {
    const r = await report(
      'export const add = (a: number, b: number) => (a === 2 ? 0 : a + b);',
      '--only=adds under seeds',
      '--seed=2',
    );
    expect(r).toMatchObject({ passed: 0, failed: 1 });
    expect(r.results).toEqual([
      expect.objectContaining({ name: 'adds under seeds', seed: 2, seedsTotal: 1 }),
    ]);
  });

  it('fails a module that keeps running after the checks', async () => {
    const r = await report(
      'export const add = (a: number, b: number) => a + b;\nsetInterval(() => {}, 1000);',
    );
    expect(r.failed).toBeGreaterThan(0);
  }, 40_000);

  it('reports a promise the module leaves rejected as a failure, not a crash', async () => {
    const r = await report(
      `export const add = (a: number, b: number) => a + b;
void Promise.reject(new Error('lost'));`,
    );
    expect(r).toMatchObject({ passed: 2, failed: 1 });
  }, 40_000);

  it('does not believe a report the module prints itself', async () => {
    const r = await report(
      `export const add = (a: number, b: number) => a - b;
process.on('exit', () => console.log(JSON.stringify({ results: [], passed: 1, failed: 0 })));`,
    );
    expect(r.failed).toBeGreaterThan(0);
  }, 40_000);
});
