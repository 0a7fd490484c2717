import { describe, expect, it } from 'vitest';
import { outputPathFor, resolveLessonFile, snippetId } from './lesson-files.ts';
import { exerciseIdFromPath, lessonDirFromPath, lessonIdFromPath } from './lesson-id.ts';

describe('lesson paths', () => {
  it('derives ids from folder names', () => {
    expect(lessonIdFromPath('01-kernels-view/01-waiting-is-the-job/index.mdx')).toBe(
      'waiting-is-the-job',
    );
    expect(lessonDirFromPath('01-kernels-view/01-waiting-is-the-job/index.mdx')).toBe(
      '01-kernels-view/01-waiting-is-the-job',
    );
    expect(() => lessonIdFromPath('index.mdx')).toThrow(/own folder/);
    expect(() => lessonIdFromPath('p/01-Bad_Name/index.mdx')).toThrow(/kebab-case/);
  });

  it('derives exercise ids from their lesson and folder', () => {
    expect(exerciseIdFromPath('01-p/02-threads/exercises/bounded-pool/exercise.md')).toBe(
      'threads/bounded-pool',
    );
    expect(() => exerciseIdFromPath('01-p/02-threads/exercises/Bad/exercise.md')).toThrow(
      /kebab-name/,
    );
  });

  it('resolves files inside the lesson and refuses to leave it', () => {
    expect(resolveLessonFile('p/c', './snippets/a.ts')).toBe('p/c/snippets/a.ts');
    expect(() => resolveLessonFile('p/c', 'snippets/a.ts')).toThrow(/must start with/);
    expect(() => resolveLessonFile('p/c', './../d/a.ts')).toThrow(/may not leave/);
  });

  it('names snippet ids and recordings', () => {
    expect(snippetId('waiting', 'p/c/snippets/five-services.ts')).toBe('waiting/five-services');
    expect(outputPathFor('p/c/snippets/x.ts')).toBe('p/c/snippets/x.output.txt');
  });
});
