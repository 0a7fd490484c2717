import type { LessonData } from './schema.ts';
import { parts as defaultParts, type Part, type PlannedChapter } from './parts.ts';

/** What the course tree needs of a lesson entry (a subset of Astro's collection entry). */
export interface LessonEntryLike {
  readonly id: string;
  readonly data: LessonData;
}

/** A lesson placed in the course: its data plus its neighbours. */
export interface CourseLesson {
  readonly id: string;
  readonly href: string;
  readonly data: LessonData;
  readonly prev: CourseLesson | undefined;
  readonly next: CourseLesson | undefined;
}

/** A part with its chapters in order. */
export interface CoursePart extends Part {
  readonly lessons: readonly CourseLesson[];
  readonly minutes: number;
  /** Planned chapters of this part that have no lesson yet, in order. */
  readonly upcoming: readonly PlannedChapter[];
}

/** The whole course, computed once from the collection. */
export interface Course {
  readonly parts: readonly CoursePart[];
  readonly lessons: readonly CourseLesson[];
  get(id: string): CourseLesson | undefined;
}

/** URL of a lesson page. */
export const lessonHref = (id: string): string => `/lessons/${id}/`;

/**
 * Orders lessons by chapter number, links prev/next, groups them by part and checks
 * the invariants the schema cannot see on one file alone (unique chapter numbers,
 * chapters numbered within their part's order, prerequisites that exist and come earlier).
 */
export function buildCourse(
  entries: readonly LessonEntryLike[],
  parts: readonly Part[] = defaultParts,
): Course {
  const sorted = [...entries].sort((a, b) => a.data.order - b.data.order);
  const problems: string[] = [];
  const seen = new Map<number, string>();
  for (const e of sorted) {
    const other = seen.get(e.data.order);
    if (other !== undefined)
      problems.push(`chapter ${e.data.order} is used by both "${other}" and "${e.id}"`);
    seen.set(e.data.order, e.id);
    if (!parts.some((p) => p.number === e.data.part))
      problems.push(`"${e.id}": part ${e.data.part} does not exist`);
  }
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (b.data.part < a.data.part) {
      problems.push(
        `"${b.id}" (chapter ${b.data.order}, part ${b.data.part}) comes after part ${a.data.part}`,
      );
    }
  }
  const position = new Map(sorted.map((e, i) => [e.id, i]));
  for (const e of sorted) {
    for (const pre of e.data.prerequisites) {
      const at = position.get(pre);
      if (at === undefined) problems.push(`"${e.id}": prerequisite "${pre}" is not a lesson`);
      else if (at >= position.get(e.id)!)
        problems.push(`"${e.id}": prerequisite "${pre}" comes later in the course`);
    }
  }
  if (problems.length > 0)
    throw new Error(`The course does not hold together:\n- ${problems.join('\n- ')}`);

  // Neighbours are filled in after every lesson object exists, hence the mutable view.
  const placed: { -readonly [K in keyof CourseLesson]: CourseLesson[K] }[] = sorted.map((e) => ({
    id: e.id,
    href: lessonHref(e.id),
    data: e.data,
    prev: undefined,
    next: undefined,
  }));
  placed.forEach((l, i) => {
    l.prev = placed[i - 1];
    l.next = placed[i + 1];
  });
  const byId = new Map(placed.map((l) => [l.id, l]));
  return {
    lessons: placed,
    parts: parts.map((p) => {
      const inPart = placed.filter((l) => l.data.part === p.number);
      const written = new Set(inPart.map((l) => l.data.order));
      return {
        ...p,
        lessons: inPart,
        minutes: inPart.reduce((s, l) => s + l.data.minutes, 0),
        upcoming: p.planned.filter((c) => !written.has(c.order)),
      };
    }),
    get: (id) => byId.get(id),
  };
}
