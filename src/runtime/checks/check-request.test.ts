import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECK_MARKER, LEARNER_FILE, buildCheckRequest } from './check-request.ts';
import { CheckCollector, parseCheckLine } from './check-stream.ts';
import type { RunRequest } from '../types.ts';

const root = resolve(import.meta.dirname, '../../..');
const harness = readFileSync(join(root, 'src/runtime/harness/index.ts'), 'utf8');
const exercise = join(
  root,
  'src/lessons/01-kernels-view/01-waiting-is-the-job/exercises/fetch-all',
);
const read = (f: string) => readFileSync(join(exercise, f), 'utf8');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs a request on this Node, as WebContainer would; `#kit` points at the repo's kit. */
async function runOnNode(request: RunRequest): Promise<CheckCollector> {
  const dir = mkdtempSync(join(tmpdir(), 'check-request-'));
  dirs.push(dir);
  const kit = pathToFileURL(join(root, 'src/kit/index.ts')).href;
  for (const [name, source] of Object.entries(request.files))
    writeFileSync(join(dir, name), source.replace(/(['"])#kit\1/g, `'${kit}'`));
  const { stdout } = await promisify(execFile)(process.execPath, [join(dir, request.entry)], {
    timeout: 30_000,
  });
  const collector = new CheckCollector();
  for (const text of stdout.split('\n')) collector.push({ stream: 'stdout', text });
  return collector;
}

describe('buildCheckRequest', () => {
  it('points #harness at the bundled copy and runs the code under the name check.ts expects', () => {
    const check = read('check.ts');
    expect(check).toMatch(/import type \* as \w+ from '\.\/solution\.ts'/);
    const r = buildCheckRequest({ check, code: 'export const x = 1;', harness, timeLimitMs: 9 });
    expect(Object.keys(r.files).sort()).toEqual([
      'check.ts',
      'harness.ts',
      'main.ts',
      'solution.ts',
    ]);
    expect(r.entry).toBe('main.ts');
    expect(r.timeLimitMs).toBe(9);
    expect(r.files['check.ts']).toContain("from './harness.ts'");
    expect(r.files['check.ts']).not.toContain('#harness');
    expect(r.files['solution.ts']).toBe('export const x = 1;');
    expect(LEARNER_FILE).toBe('solution.ts');
    expect(r.files['main.ts']).toContain("await import('./solution.ts')");
  });

  it('on Node: the starter fails naming its checks, streamed before the report', async () => {
    const c = await runOnNode(
      buildCheckRequest({ check: read('check.ts'), code: read('starter.ts'), harness }),
    );
    expect(c.report?.failed).toBeGreaterThan(0);
    expect(c.results[0]).toMatchObject({
      name: 'fetchInOrder returns every reply, in order',
      passed: false,
    });
    expect(c.results[0]!.expected).toContain('svc0: GET /');
  }, 40_000);

  it('on Node: the solution passes, and the learner’s own output is kept apart', async () => {
    const code = `${read('solution.ts')}\nconsole.log('hello from the learner');`;
    const c = await runOnNode(buildCheckRequest({ check: read('check.ts'), code, harness }));
    expect(c.report).toMatchObject({ failed: 0, passed: 5 });
    expect(c.output.map((l) => l.text).filter(Boolean)).toEqual(['hello from the learner']);
  }, 40_000);

  it('on Node: a module that throws while loading is reported, and every check still runs', async () => {
    const c = await runOnNode(
      buildCheckRequest({ check: read('check.ts'), code: "throw new Error('oops');", harness }),
    );
    expect(c.loadError).toBe('Error: oops');
    expect(c.report?.passed).toBe(0);
    expect(c.results[0]!.message).toMatch(/your code threw TypeError/);
  }, 40_000);
});

describe('parseCheckLine', () => {
  it('reads marker lines (even indented) and ignores everything else', () => {
    const result = { name: 'a', passed: true, ms: 1 };
    expect(
      parseCheckLine(`  ${CHECK_MARKER}${JSON.stringify({ type: 'result', result })}`),
    ).toEqual({ type: 'result', result });
    expect(parseCheckLine('plain output')).toBeUndefined();
    expect(parseCheckLine(`${CHECK_MARKER}{not json`)).toBeUndefined();
    expect(parseCheckLine(`${CHECK_MARKER}{"type":"result","result":{"name":1}}`)).toBeUndefined();
  });

  it('counts totals from streamed results until the report arrives', () => {
    const c = new CheckCollector();
    const line = (m: unknown) => ({
      stream: 'stdout' as const,
      text: CHECK_MARKER + JSON.stringify(m),
    });
    c.push(line({ type: 'result', result: { name: 'a', passed: true, ms: 0 } }));
    c.push(line({ type: 'result', result: { name: 'b', passed: false, ms: 0 } }));
    c.push({ stream: 'stderr', text: `${CHECK_MARKER}{}` });
    expect(c.totals()).toEqual({ passed: 1, failed: 1 });
    expect(c.output).toHaveLength(1);
  });
});
