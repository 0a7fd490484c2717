import type { ExerciseProgress } from '../../progress/schema.ts';
import { isObj, parseJson } from '../../progress/well-typed.ts';

/** An exercise as the Progress page names it: its title and its place in the lesson. */
export interface OutlineExercise {
  readonly id: string;
  readonly title: string;
  readonly href: string;
}

/** A chapter with its exercises in the order the lesson shows them. */
export interface OutlineChapter {
  readonly number: number;
  readonly title: string;
  readonly href: string;
  readonly exercises: readonly OutlineExercise[];
}

/** The course's chapters in reading order, each with its exercises: embedded at build time. */
export type CourseOutline = readonly OutlineChapter[];

/** What the outline is built from: a lesson of the course, in reading order. */
export interface OutlineLesson {
  readonly id: string;
  readonly href: string;
  readonly title: string;
  readonly order: number;
  /** The lesson's MDX source, which places its exercises with `<Exercise src="./exercises/…" />`. */
  readonly body: string;
}

/** The anchor of an exercise on its lesson page: the id of its heading (`Exercise.astro`). */
export const exerciseAnchor = (name: string): string => `exercise-${name}`;

/** The exercise folders a lesson's MDX places, in the order they appear on the page. */
export function exerciseOrder(body: string): string[] {
  const names: string[] = [];
  for (const m of body.matchAll(/<Exercise\s[^>]*?\bsrc=["']\.\/exercises\/([a-z0-9-]+)\/?["']/g))
    if (!names.includes(m[1]!)) names.push(m[1]!);
  return names;
}

/**
 * The course's outline for the Progress page: each lesson (in the given, reading order) with the
 * exercises whose id is `<lesson id>/<folder>`, in the order its page shows them (an exercise its
 * page does not place comes last, by name). Lessons without exercises are left out.
 */
export function courseOutline(
  lessons: readonly OutlineLesson[],
  exercises: readonly { readonly id: string; readonly title: string }[],
): CourseOutline {
  return lessons.flatMap((lesson) => {
    const order = exerciseOrder(lesson.body);
    const rank = (name: string) => {
      const at = order.indexOf(name);
      return at < 0 ? order.length : at;
    };
    const own = exercises
      .filter((e) => e.id.startsWith(`${lesson.id}/`))
      .map((e) => ({ ...e, name: e.id.slice(lesson.id.length + 1) }))
      .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
    if (own.length === 0) return [];
    return [
      {
        number: lesson.order,
        title: lesson.title,
        href: lesson.href,
        exercises: own.map((e) => ({
          id: e.id,
          title: e.title,
          href: `${lesson.href}#${exerciseAnchor(e.name)}`,
        })),
      },
    ];
  });
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
/** A link inside the site: a path, never `javascript:` or another origin. */
const isPath = (v: unknown): v is string => isText(v) && /^\/(?!\/)/.test(v);

/** Reads the outline a page embedded (JSON); undefined when it is missing or malformed. */
export function parseOutline(text: string | null | undefined): CourseOutline | undefined {
  const v = parseJson(text);
  if (!Array.isArray(v)) return undefined;
  const chapters: OutlineChapter[] = [];
  for (const c of v as unknown[]) {
    if (!isObj(c) || !Array.isArray(c['exercises'])) return undefined;
    const { number, title, href } = c;
    if (typeof number !== 'number' || !isText(title) || !isPath(href)) return undefined;
    const exercises: OutlineExercise[] = [];
    for (const e of c['exercises'] as unknown[]) {
      if (!isObj(e) || !isText(e['id']) || !isText(e['title']) || !isPath(e['href']))
        return undefined;
      exercises.push({ id: e['id'], title: e['title'], href: e['href'] });
    }
    chapters.push({ number, title, href, exercises });
  }
  return chapters;
}

/** A passed exercise of the course, named. */
export interface PassedExercise extends OutlineExercise {
  readonly passedAt: string;
}

/** A chapter and the exercises of it the learner passed, in the lesson's order. */
export interface PassedChapter {
  readonly number: number;
  readonly title: string;
  readonly href: string;
  readonly exercises: readonly PassedExercise[];
}

/** The passed exercises, as the Progress page lists them. */
export interface PassedGroups {
  /** By chapter, in course order; only chapters with a passed exercise. */
  readonly chapters: readonly PassedChapter[];
  /** Passes of ids the course no longer has (or all of them, without an outline), oldest first. */
  readonly unknown: readonly { readonly id: string; readonly passedAt: string }[];
}

/**
 * Sorts the learner's passes into the course's chapters, named by their titles, in course order;
 * a pass of an id the outline does not have is kept apart, to be shown by its id.
 */
export function groupPassed(
  passed: Readonly<Record<string, ExerciseProgress>>,
  outline: CourseOutline | undefined,
): PassedGroups {
  const placed = new Set<string>();
  const chapters: PassedChapter[] = [];
  for (const chapter of outline ?? []) {
    const exercises: PassedExercise[] = [];
    for (const e of chapter.exercises) {
      if (!Object.hasOwn(passed, e.id) || placed.has(e.id)) continue;
      placed.add(e.id);
      exercises.push({ ...e, passedAt: passed[e.id]!.passedAt });
    }
    if (exercises.length > 0) chapters.push({ ...chapter, exercises });
  }
  const unknown = Object.entries(passed)
    .filter(([id]) => !placed.has(id))
    .map(([id, e]) => ({ id, passedAt: e.passedAt }))
    .sort((a, b) => a.passedAt.localeCompare(b.passedAt) || a.id.localeCompare(b.id));
  return { chapters, unknown };
}
