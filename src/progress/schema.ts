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
  /** Keyed by exercise id, `<lesson id>/<exercise folder>`. */
  readonly exercises: Readonly<Record<string, ExerciseProgress>>;
  /** Keyed by snippet id, `<lesson id>/<file name>`. */
  readonly snippets: Readonly<Record<string, SnippetProgress>>;
  readonly lastLesson: LastLesson | null;
}

/** A stored text this build could not use, with why; exported with the progress. */
export interface SetAside {
  /** When it was set aside (ISO 8601). */
  readonly at: string;
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
  return { version: PROGRESS_VERSION, exercises: {}, snippets: {}, lastLesson: null };
}
