import type { Progress } from './schema.ts';

/** How many of a group of exercises (a chapter's, a part's) are passed. */
export interface Completion {
  readonly done: number;
  readonly total: number;
  readonly complete: boolean;
}

/** Completion of the exercises `ids` in `progress`. */
export function completion(progress: Progress, ids: readonly string[]): Completion {
  const done = ids.filter((id) => progress.exercises[id] !== undefined).length;
  return { done, total: ids.length, complete: ids.length > 0 && done === ids.length };
}

/** The words shown for a completion, e.g. "2 of 3 exercises passed" or "All 3 exercises passed". */
export function completionLabel(c: Completion): string {
  if (c.total === 0) return 'No exercises';
  const noun = c.total === 1 ? 'exercise' : 'exercises';
  if (c.complete) return c.total === 1 ? 'Exercise passed' : `All ${c.total} ${noun} passed`;
  return `${c.done} of ${c.total} ${noun} passed`;
}

/** The exercises of one lesson among all exercise ids (`<lesson id>/<name>`). */
export function exercisesOf(all: readonly string[], lessonId: string): string[] {
  return all.filter((id) => id.startsWith(`${lessonId}/`));
}
