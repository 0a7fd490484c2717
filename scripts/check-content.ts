// The content check: every lesson's front matter, every file a lesson refers to, every snippet
// run on this Node and compared with its recording, every exercise's starter failing and its
// solution passing. `--record` rewrites the recordings from a fresh run instead of comparing;
// `--only=<part of a lesson folder>` limits either to matching lessons.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLessons } from './lib/lessons.ts';
import { frontmatterProblems, referencedFiles } from './lib/frontmatter.ts';
import { checkSnippet, runNode } from './lib/snippets.ts';
import { checkExercise } from './lib/exercises.ts';
import { outputPathFor } from '../src/course/lesson-files.ts';
import { parseSnippet } from '../src/course/snippet-source.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const record = args.includes('--record');
const lessonsRoot = resolve(
  root,
  args.find((a) => a.startsWith('--lessons='))?.slice(10) ?? 'src/lessons',
);

let passed = 0;
let failed = 0;
const pass = (what: string) => {
  passed++;
  console.log(`  ✓ ${what}`);
};
const fail = (what: string, why: string) => {
  failed++;
  console.log(`  ✗ ${what}\n${why.replace(/^/gm, '      ')}`);
};

/** Runs tasks two at a time (the machine has two cores) and keeps their order in the log. */
async function inPairs<T, R>(items: readonly T[], fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    [0, 1].map(async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

const only = args.find((a) => a.startsWith('--only='))?.slice(7);
const lessons = findLessons(lessonsRoot).filter((l) => only === undefined || l.rel.includes(only));
if (lessons.length === 0) {
  console.error(`No lessons found under ${lessonsRoot}`);
  process.exit(1);
}
for (const lesson of lessons) {
  console.log(`${lesson.rel}`);
  const text = readFileSync(lesson.index, 'utf8');
  const rel = relative(root, lesson.index);
  const problems = frontmatterProblems(rel, text);
  if (problems.length === 0) pass('front matter');
  else fail('front matter', problems.join('\n'));
  const missing = referencedFiles(text).filter(
    (src) => !existsSync(join(dirname(lesson.index), src)),
  );
  if (missing.length === 0) pass('referenced files exist');
  else
    fail('referenced files exist', missing.map((m) => `${rel}: "${m}" does not exist`).join('\n'));

  if (record) {
    for (const file of lesson.snippets) {
      const meta = parseSnippet(readFileSync(file, 'utf8'), file).meta;
      const run = await runNode(file, root);
      if (run.timedOut || run.code !== meta.exit) {
        fail(
          `record ${relative(root, file)}`,
          `exit ${run.code}${run.timedOut ? ' (timed out)' : ''}\n${run.stderr}`,
        );
        continue;
      }
      writeFileSync(outputPathFor(file), run.stdout);
      pass(`recorded ${relative(root, outputPathFor(file))}`);
    }
    continue;
  }
  const verdicts = await inPairs(lesson.snippets, (f) => checkSnippet(f, root));
  for (const v of verdicts) {
    const name = `snippet ${relative(lessonsRoot, v.file)}`;
    if (v.ok) pass(name);
    else fail(name, v.problem ?? 'failed');
  }
  const exercises = await inPairs(lesson.exercises, (d) => checkExercise(d, root));
  for (const v of exercises) {
    const name = `exercise ${relative(lessonsRoot, v.dir)}`;
    if (v.ok) pass(name);
    else fail(name, v.problems.join('\n'));
  }
}
console.log(`\ncontent: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
