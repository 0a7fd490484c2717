import { idMap } from './well-typed.ts';

/**
 * The learner's progress as kept in localStorage. The schema is versioned: a change to its shape
 * bumps {@link PROGRESS_VERSION} and adds a step to `migrate.ts`, so old data is carried forward.
 */

/** The version this build writes. */
export const PROGRESS_VERSION = 1;

/** The localStorage key of the progress record. */
export const PROGRESS_KEY = 'async-io:progress';

/** The localStorage key of records that could not be read (kept so they can still be exported). */
export const SET_ASIDE_KEY = 'async-io:progress:set-aside';

/**
 * The localStorage key of the stored data's generation: a whole number, absent meaning 0, raised
 * by every reset and import. A tab whose copy is of an older generation (one restored from the
 * back/forward cache after a reset elsewhere) reloads from storage instead of writing it back.
 */
export const GENERATION_KEY = 'async-io:progress:generation';

/** One passed exercise. */
export interface ExerciseProgress {
  /** When the learner first passed it (ISO 8601). */
  readonly passedAt: string;
}

/** One snippet the learner ran. */
export interface SnippetProgress {
  /** When it was first run (ISO 8601). */
  readonly firstRunAt: string;
  readonly runs: number;
}

/** The last lesson page the learner opened. */
export interface LastLesson {
  readonly id: string;
  /** ISO 8601. */
  readonly at: string;
}

/** Version 1 of the progress record. */
export interface Progress {
  readonly version: typeof PROGRESS_VERSION;
  /** Keyed by exercise id, `<lesson id>/<exercise folder>`; a map without prototype. */
  readonly exercises: Readonly<Record<string, ExerciseProgress>>;
  /** Keyed by snippet id, `<lesson id>/<file name>`; a map without prototype. */
  readonly snippets: Readonly<Record<string, SnippetProgress>>;
  readonly lastLesson: LastLesson | null;
}

/** A stored text this build could not use, with why; exported with the progress. */
export interface SetAside {
  /** When it was set aside (ISO 8601); absent when a damaged record did not say. */
  readonly at?: string;
  readonly reason: string;
  /** The text exactly as it was found. */
  readonly raw: string;
}

/** The shape of an exported progress file. */
export interface ProgressExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof PROGRESS_VERSION;
  readonly exportedAt: string;
  readonly progress: Progress;
  readonly setAside: readonly SetAside[];
}

/** Marks a JSON file as this course's progress export. */
export const EXPORT_FORMAT = 'async-io-course-progress';

/** A record with nothing in it. */
export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, exercises: idMap(), snippets: idMap(), lastLesson: null };
}
