import { outputPathFor } from './lesson-files.ts';

// Every snippet and recording under src/lessons, read once at build time by Vite.
const files = import.meta.glob<string>(
  [
    '/src/lessons/**/snippets/*.{ts,cts,mts}',
    '/src/lessons/**/snippets/*.output.txt',
    '/src/lessons/**/exercises/*/*.{ts,txt}',
  ],
  { query: '?raw', import: 'default', eager: true },
);

/** A lesson file's text by its path relative to `src/lessons`; throws with the path when missing. */
export function readLessonFile(relative: string): string {
  const text = files[`/src/lessons/${relative}`];
  if (text === undefined) throw new Error(`No such lesson file: src/lessons/${relative}`);
  return text;
}

/** The recorded Node output for a snippet, or undefined when none has been recorded yet. */
export function readRecordedOutput(relative: string): string | undefined {
  return files[`/src/lessons/${outputPathFor(relative)}`];
}
