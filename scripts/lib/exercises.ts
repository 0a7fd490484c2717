import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { CheckReport } from '../../src/runtime/harness/index.ts';
import { exerciseSchema } from '../../src/course/exercise-schema.ts';
import { NODE_FLAGS, checkSnippet } from './snippets.ts';

/** The verdict on one exercise: its files are complete, the starter fails and the solution passes. */
export interface ExerciseVerdict {
  readonly dir: string;
  readonly ok: boolean;
  readonly problems: readonly string[];
}

async function report(cwd: string, check: string, mod: string): Promise<CheckReport | string> {
  const res = await runNodeArgs(cwd, [join(cwd, 'scripts/run-checks.ts'), check, mod]);
  const last = res.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as CheckReport;
  } catch {
    return `the check runner printed no report (exit ${res.code})${res.stderr ? `: ${res.stderr.trim().split('\n')[0]}` : ''}`;
  }
}

async function runNodeArgs(cwd: string, args: string[]) {
  const { spawn } = await import('node:child_process');
  return new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
  });
}

/** Checks one exercise folder. */
export async function checkExercise(dir: string, cwd: string): Promise<ExerciseVerdict> {
  const problems: string[] = [];
  const metaFile = join(dir, 'exercise.md');
  if (!existsSync(metaFile)) return { dir, ok: false, problems: [`${metaFile} is missing`] };
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(readFileSync(metaFile, 'utf8'));
  const parsed = m ? exerciseSchema.safeParse(parse(m[1]!)) : undefined;
  if (!m || !parsed) return { dir, ok: false, problems: [`${metaFile}: no front matter`] };
  if (!parsed.success) {
    return {
      dir,
      ok: false,
      problems: parsed.error.issues.map(
        (i) => `${metaFile}: field "${i.path.join('.')}": ${i.message}`,
      ),
    };
  }
  if (m[2]!.trim().length < 40)
    problems.push(`${metaFile}: the task statement (the body) is missing or too short`);

  if (parsed.data.kind === 'predict') {
    const program = join(dir, 'program.ts');
    if (!existsSync(program))
      return { dir, ok: false, problems: [...problems, `${program} is missing`] };
    const verdict = await checkSnippet(program, cwd);
    if (!verdict.ok) problems.push(`${program}: ${verdict.problem}`);
    else if (verdict.stdout.trim() === '')
      problems.push(`${program}: prints nothing, so there is nothing to predict`);
    return { dir, ok: problems.length === 0, problems };
  }

  for (const f of ['starter.ts', 'solution.ts', 'check.ts']) {
    if (!existsSync(join(dir, f))) problems.push(`${join(dir, f)} is missing`);
  }
  if (problems.length > 0) return { dir, ok: false, problems };
  const check = join(dir, 'check.ts');
  const starter = await report(cwd, check, join(dir, 'starter.ts'));
  const solution = await report(cwd, check, join(dir, 'solution.ts'));
  if (typeof starter === 'string') problems.push(`starter: ${starter}`);
  else if (starter.failed === 0)
    problems.push('starter.ts passes every check: it must fail at least one');
  if (typeof solution === 'string') problems.push(`solution: ${solution}`);
  else if (solution.failed > 0 || solution.passed === 0) {
    const first = solution.results.find((r) => !r.passed);
    const seed = first?.seed !== undefined ? ` under seed ${first.seed}` : '';
    problems.push(
      `solution.ts fails "${first?.name ?? 'no checks ran'}"${seed}: ${first?.message ?? ''}`,
    );
  }
  return { dir, ok: problems.length === 0, problems };
}
