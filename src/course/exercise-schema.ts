import { z } from 'astro/zod';

/** Front matter of an exercise's `exercise.md`; its body is the task statement. */
export const exerciseSchema = z
  .object({
    /** Short imperative title, e.g. "Fetch five services together". */
    title: z.string().min(3).max(80),
    /**
     * The task in one line, for the slide deck: a slide shows the title, this line and the code,
     * and the whole task (the body) goes to the slide's speaker notes. `code` in backticks.
     */
    brief: z.string().min(10).max(120),
    /**
     * `code`: the learner edits `starter.ts` until `check.ts` passes.
     * `predict`: the learner writes the output they expect of `program.ts`; the real run grades it.
     */
    kind: z.enum(['code', 'predict']).default('code'),
    /**
     * Predict exercises: the `// #region <name>` of `program.ts` a slide shows (the lines the
     * prediction turns on), captioned "lines a–b of program.ts"; the lesson page, Check and Copy
     * keep the whole program.
     */
    slideRegion: z
      .string()
      .regex(/^[\w-]+$/)
      .optional(),
    /** Hints revealed one at a time, each saying more than the last. */
    hints: z.array(z.string().min(10)).min(2).max(4),
    /**
     * How long one Check may run in the reader's browser before it is stopped (default 10 s).
     * For checks that simulate very many connections; say in the task that Check takes a while.
     */
    timeLimitSeconds: z.number().int().min(1).max(120).optional(),
  })
  .strict();

/** Validated exercise front matter. */
export type ExerciseData = z.infer<typeof exerciseSchema>;
