import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { normalizeOutput, parseSnippet } from '../../src/course/snippet-source.ts';
import { outputPathFor } from '../../src/course/lesson-files.ts';

/** What one program run produced. */
export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  readonly timedOut: boolean;
}

/**
 * Flags for every Node process that runs lesson code: a module hook that applies the green
 * transform to programs importing `#lib/greenlet` or `#lib/gevent` (see scripts/green-hooks.ts).
 */
export const NODE_FLAGS: readonly string[] = [
  '--import',
  pathToFileURL(fileURLToPath(new URL('../green-hooks.ts', import.meta.url))).href,
];

/** Runs a TypeScript file on this Node (native type stripping) from the repository root. */
export function runNode(file: string, cwd: string, timeoutMs = 20_000): Promise<RunResult> {
  return new Promise((resolve) => {
    // Only programs that use greenlets get the hook: with it, Node loads even a `.cts` file
    // through the ES module loader, which changes the nextTick/promise order chapter 5 shows.
    const flags = /#lib\/(?:greenlet|gevent)\b/.test(readFileSync(file, 'utf8')) ? NODE_FLAGS : [];
    const child = spawn(process.execPath, [...flags, file], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, timedOut });
    });
  });
}

/** The verdict on one snippet against its recording. */
export interface SnippetVerdict {
  readonly file: string;
  readonly ok: boolean;
  readonly problem?: string;
  readonly stdout: string;
}

/** Runs a snippet and compares its normalised output and exit status with the recording. */
export async function checkSnippet(file: string, cwd: string): Promise<SnippetVerdict> {
  let meta;
  try {
    meta = parseSnippet(readFileSync(file, 'utf8'), file).meta;
  } catch (error) {
    return { file, ok: false, problem: (error as Error).message, stdout: '' };
  }
  const run = await runNode(file, cwd);
  const fail = (problem: string): SnippetVerdict => ({
    file,
    ok: false,
    problem,
    stdout: run.stdout,
  });
  if (run.timedOut) return fail('did not finish within 20 s');
  if (run.code !== meta.exit) {
    return fail(
      `exited with ${run.code}, expected ${meta.exit}${run.stderr ? `\n${indent(run.stderr)}` : ''}`,
    );
  }
  const recordingPath = outputPathFor(file);
  if (!existsSync(recordingPath))
    return fail(`has no recorded output (${recordingPath}); run \`npm run record\``);
  const expected = normalizeOutput(readFileSync(recordingPath, 'utf8'), meta.normalize);
  const actual = normalizeOutput(run.stdout, meta.normalize);
  const diff = firstDifference(expected, actual);
  return diff === undefined
    ? { file, ok: true, stdout: run.stdout }
    : fail(`output drifted from ${recordingPath}\n${diff}`);
}

/** Describes the first line where two outputs differ, or undefined when equal. */
export function firstDifference(expected: string, actual: string): string | undefined {
  if (expected === actual) return undefined;
  const e = expected.split('\n');
  const a = actual.split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) {
      return `  line ${i + 1}:\n    recorded: ${e[i] === undefined ? '(no line)' : JSON.stringify(e[i])}\n    now:      ${a[i] === undefined ? '(no line)' : JSON.stringify(a[i])}`;
    }
  }
  return '  outputs differ';
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .slice(0, 12)
    .map((l) => `    ${l}`)
    .join('\n');
}
