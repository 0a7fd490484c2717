import { emptyProgress, type Progress } from './schema.ts';
import { clip, idMap, isObj, parseJson } from './well-typed.ts';

/** The ids of the course as lists, as a page embeds them at build time. */
export interface CourseIdLists {
  readonly lessons: readonly string[];
  readonly exercises: readonly string[];
  readonly snippets: readonly string[];
}

/** The ids that name something in this course, for checking an imported file against. */
export interface KnownIds {
  readonly lessons: ReadonlySet<string>;
  readonly exercises: ReadonlySet<string>;
  readonly snippets: ReadonlySet<string>;
}

export function knownIds(lists: CourseIdLists): KnownIds {
  return {
    lessons: new Set(lists.lessons),
    exercises: new Set(lists.exercises),
    snippets: new Set(lists.snippets),
  };
}

const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Reads the lists a page embedded (JSON); undefined when they are missing or malformed. */
export function parseKnownIds(text: string | null | undefined): KnownIds | undefined {
  const v = parseJson(text);
  if (!isObj(v)) return undefined;
  const { lessons, exercises, snippets } = v;
  return isStrings(lessons) && isStrings(exercises) && isStrings(snippets)
    ? knownIds({ lessons, exercises, snippets })
    : undefined;
}

/** An id an imported file used that names nothing in the course, and what it was meant to be. */
export interface UnknownId {
  readonly kind: 'exercise' | 'snippet' | 'lesson';
  readonly id: string;
}

/**
 * Splits a progress record into what names something in the course and what does not: passes of
 * exercises, runs of snippets and a last lesson that this course does not have.
 */
export function keepKnown(
  progress: Progress,
  known: KnownIds,
): { readonly progress: Progress; readonly unknown: readonly UnknownId[] } {
  const unknown: UnknownId[] = [];
  const pick = <T>(
    map: Readonly<Record<string, T>>,
    ids: ReadonlySet<string>,
    kind: UnknownId['kind'],
  ) =>
    idMap(
      Object.entries(map).filter(([id]) => {
        if (ids.has(id)) return true;
        unknown.push({ kind, id });
        return false;
      }),
    );
  const exercises = pick(progress.exercises, known.exercises, 'exercise');
  const snippets = pick(progress.snippets, known.snippets, 'snippet');
  const l = progress.lastLesson;
  if (l && !known.lessons.has(l.id)) unknown.push({ kind: 'lesson', id: l.id });
  const lastLesson = l && known.lessons.has(l.id) ? l : null;
  return { progress: { ...emptyProgress(), exercises, snippets, lastLesson }, unknown };
}

/** How many ids a message names before it says "and N more". */
const NAMED = 5;
/** How much of one id a message shows. */
const ID_CHARS = 60;

/** The first few of `unknown`, e.g. `exercise "old/ex", snippet "x/y" and 3 more`. */
export function namedIds(unknown: readonly UnknownId[]): string {
  const named = unknown.slice(0, NAMED).map((u) => `${u.kind} "${clip(u.id, ID_CHARS)}"`);
  const more = unknown.length > NAMED ? ` and ${unknown.length - NAMED} more` : '';
  return `${named.join(', ')}${more}`;
}

/** Words for ids that were left out, e.g. `2 ids name nothing in this course and were left out: …`. */
export function unknownIdsText(unknown: readonly UnknownId[]): string {
  const n = unknown.length;
  return `${n} ${n === 1 ? 'id names' : 'ids name'} nothing in this course and ${n === 1 ? 'was' : 'were'} left out: ${namedIds(unknown)}`;
}
