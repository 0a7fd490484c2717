/**
 * Where the course's lessons live. The site is built from `src/lessons`; the end-to-end tests of
 * the UI (exercise panel, workbench) also build a small fixture course from `tests/fixtures/site`
 * (`COURSE_LESSONS=tests/fixtures/site`), so that editing a chapter never breaks a UI test.
 * Read at build time only (Astro's content config and the lesson-file reader).
 */
export const LESSON_ROOTS = ['src/lessons', 'tests/fixtures/site'] as const;
export type LessonRoot = (typeof LESSON_ROOTS)[number];

/** The lesson root named by `value` (the `COURSE_LESSONS` variable), or an error naming the choices. */
export function lessonRoot(value: string | undefined): LessonRoot {
  if (value === undefined || value === '') return 'src/lessons';
  const found = LESSON_ROOTS.find((root) => root === value);
  if (!found) {
    throw new Error(
      `COURSE_LESSONS="${value}" is not a lesson root; use one of: ${LESSON_ROOTS.join(', ')}`,
    );
  }
  return found;
}

/** The lesson root of this build. */
export const LESSONS_ROOT: LessonRoot = lessonRoot(
  typeof process === 'undefined' ? undefined : process.env['COURSE_LESSONS'],
);

/** A lesson entry's file path (`src/lessons/01-x/02-y/index.mdx`) relative to the lesson root. */
export function relativeToLessonRoot(filePath: string, root: LessonRoot = LESSONS_ROOT): string {
  const prefix = `${root}/`;
  if (!filePath.startsWith(prefix)) {
    throw new Error(`Lesson file "${filePath}" is not under the lesson root ${root}`);
  }
  return filePath.slice(prefix.length);
}
