import { LESSONS_ROOT } from './content-root.ts';
import { outputPathFor } from './lesson-files.ts';

// Every snippet and recording under the lesson roots (`content-root.ts`: the course, and the
// fixture course of the UI tests), read once at build time by Vite, which needs literal globs.
const files = import.meta.glob<string>(
  [
    '/src/lessons/**/snippets/*.{ts,cts,mts}',
    '/src/lessons/**/snippets/*.output.txt',
    '/src/lessons/**/exercises/*/*.{ts,txt}',
    '/tests/fixtures/site/**/snippets/*.{ts,cts,mts}',
    '/tests/fixtures/site/**/snippets/*.output.txt',
    '/tests/fixtures/site/**/exercises/*/*.{ts,txt}',
  ],
  { query: '?raw', import: 'default', eager: true },
);

/** A lesson file's text by its path relative to the lesson root; throws with the path when missing. */
export function readLessonFile(relative: string): string {
  const text = files[`/${LESSONS_ROOT}/${relative}`];
  if (text === undefined) throw new Error(`No such lesson file: ${LESSONS_ROOT}/${relative}`);
  return text;
}

/** The recorded Node output for a snippet, or undefined when none has been recorded yet. */
export function readRecordedOutput(relative: string): string | undefined {
  return files[`/${LESSONS_ROOT}/${outputPathFor(relative)}`];
}

/** The files of a lesson's `snippets/` folder (`lessonDir` relative to the lesson root), by name. */
export function lessonSnippetFiles(lessonDir: string): string[] {
  const prefix = `/${LESSONS_ROOT}/${lessonDir}/snippets/`;
  return Object.keys(files)
    .filter((key) => key.startsWith(prefix) && /^[^/]+\.[cm]?ts$/.test(key.slice(prefix.length)))
    .map((key) => key.slice(prefix.length))
    .sort();
}
