import { z } from 'astro/zod';

/** A work the lesson draws on, cited at the end of the page. */
export const sourceSchema = z
  .object({
    /** Title of the work, as its author gives it. */
    title: z.string().min(1),
    /** Where to read it: a public URL. */
    url: z.url(),
    /** Author or publisher, when known. */
    author: z.string().min(1).optional(),
    /** What the lesson takes from it, in a few words. */
    note: z.string().min(1).optional(),
  })
  .strict();

/** Front matter of a lesson's `index.mdx`. Unknown fields are errors, so typos fail the build. */
export const lessonSchema = z
  .object({
    /** Chapter title, shown in the course map, the page heading and the browser tab. */
    title: z.string().min(3).max(80),
    /** One or two sentences for the course map and the page description. */
    summary: z.string().min(20).max(320),
    /** Part of the course the chapter belongs to (see `parts.ts`). */
    part: z.number().int().min(1).max(3),
    /** Chapter number: unique across the course, decides the reading order. */
    order: z.number().int().min(1).max(99),
    /** What the reader can do after the chapter, one sentence each. */
    objectives: z.array(z.string().min(10)).min(1),
    /** Lesson ids (folder names without the number prefix) to read first. */
    prerequisites: z.array(z.string().regex(/^[a-z0-9-]+$/)).default([]),
    /** Honest reading-and-exercise time, in minutes. */
    minutes: z.number().int().min(5).max(240),
    /** Primary sources the chapter's facts were checked against. */
    sources: z.array(sourceSchema).min(1),
  })
  .strict();

/** Validated lesson front matter. */
export type LessonData = z.infer<typeof lessonSchema>;
/** A cited source. */
export type LessonSource = z.infer<typeof sourceSchema>;
