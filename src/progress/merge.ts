import type { Progress } from './schema.ts';
import { idMap } from './well-typed.ts';

const earlier = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);

/**
 * Combines two progress records without losing anything from either: an exercise is passed if
 * it was passed in either (with the earlier date), snippet runs keep the larger count, and the
 * last lesson is the more recent visit. Used for imports and for changes made in another tab.
 */
export function mergeProgress(a: Progress, b: Progress): Progress {
  const exercises = idMap(Object.entries(a.exercises));
  for (const [id, e] of Object.entries(b.exercises)) {
    const mine = exercises[id];
    exercises[id] = mine ? { passedAt: earlier(mine.passedAt, e.passedAt) } : e;
  }
  const snippets = idMap(Object.entries(a.snippets));
  for (const [id, s] of Object.entries(b.snippets)) {
    const mine = snippets[id];
    snippets[id] = mine
      ? { firstRunAt: earlier(mine.firstRunAt, s.firstRunAt), runs: Math.max(mine.runs, s.runs) }
      : s;
  }
  const la = a.lastLesson;
  const lb = b.lastLesson;
  const lastLesson = !la ? lb : !lb ? la : Date.parse(lb.at) > Date.parse(la.at) ? lb : la;
  return { version: a.version, exercises, snippets, lastLesson };
}
