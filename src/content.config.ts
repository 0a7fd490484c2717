import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { LESSONS_ROOT } from './course/content-root.ts';
import { lessonSchema } from './course/schema.ts';
import { exerciseSchema } from './course/exercise-schema.ts';
import { exerciseIdFromPath, lessonIdFromPath } from './course/lesson-id.ts';

/** Every `src/lessons/NN-part/NN-chapter/index.mdx` (or the fixture course's, see `content-root.ts`) is one lesson; `_`-prefixed folders are ignored. */
const lessons = defineCollection({
  loader: glob({
    base: `./${LESSONS_ROOT}`,
    pattern: ['**/index.mdx', '!**/_*/**'],
    generateId: ({ entry }) => lessonIdFromPath(entry),
  }),
  schema: lessonSchema,
});

/** Every `exercises/<name>/exercise.md` inside a lesson: front matter plus the task statement. */
const exercises = defineCollection({
  loader: glob({
    base: `./${LESSONS_ROOT}`,
    pattern: ['**/exercises/*/exercise.md', '!**/_*/**'],
    generateId: ({ entry }) => exerciseIdFromPath(entry),
  }),
  schema: exerciseSchema,
});

export const collections = { lessons, exercises };
