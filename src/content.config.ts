import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './course/schema.ts';
import { lessonIdFromPath } from './course/lesson-id.ts';

/** Every `src/lessons/NN-part/NN-chapter/index.mdx` is one lesson; `_`-prefixed folders are ignored. */
const lessons = defineCollection({
  loader: glob({
    base: './src/lessons',
    pattern: ['**/index.mdx', '!**/_*/**'],
    generateId: ({ entry }) => lessonIdFromPath(entry),
  }),
  schema: lessonSchema,
});

export const collections = { lessons };
