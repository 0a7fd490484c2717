import { keepKnown, namedIds, type KnownIds, type UnknownId } from './known-ids.ts';
import { readProgress } from './migrate.ts';
import { readSetAsideList } from './set-aside.ts';
import {
  EXPORT_FORMAT,
  PROGRESS_VERSION,
  type Progress,
  type ProgressExport,
  type SetAside,
} from './schema.ts';

/** What an imported file holds, once read. */
export type ParsedImport =
  | {
      readonly ok: true;
      /** Only what names something in the course. */
      readonly progress: Progress;
      readonly setAside: readonly SetAside[];
      /** Ids the file used that name nothing in the course: left out, to be named to the learner. */
      readonly unknown: readonly UnknownId[];
      /** Entries that were malformed (bad id, date, count), in words: left out, to be named. */
      readonly malformed: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

/** The contents of an export file. */
export function exportFile(
  progress: Progress,
  setAside: readonly SetAside[],
  now: Date,
): ProgressExport {
  return {
    format: EXPORT_FORMAT,
    version: PROGRESS_VERSION,
    exportedAt: now.toISOString(),
    progress,
    setAside,
  };
}

/**
 * The largest import accepted, in characters (about bytes): an export of the whole course with
 * every exercise passed and records set aside is a few kilobytes, so anything near this is not
 * one. Checked before parsing, so a huge file costs no parse and is never stored.
 */
export const MAX_IMPORT_CHARS = 1_000_000;

/** Why a file of `size` bytes (or characters) is refused, or undefined if its size is fine. */
export function importSizeProblem(size: number): string | undefined {
  return size > MAX_IMPORT_CHARS
    ? `the file is ${(size / 1e6).toFixed(1)} MB, and a progress export is a few kilobytes (at most 1 MB is read)`
    : undefined;
}

/**
 * Reads an export file, or a bare progress record (what localStorage holds, should a learner
 * copy it by hand), of any known version. Refuses anything else with a reason. Ids that name no
 * exercise, snippet or lesson of the course (`known`) are left out and listed; so are malformed
 * entries (a key that is no id, a date that is none or is in the future, a bad run count). A
 * file with nothing but such entries is refused.
 */
export function parseImport(text: string, now: Date, known: KnownIds): ParsedImport {
  const tooBig = importSizeProblem(text.length);
  if (tooBig) return { ok: false, reason: tooBig };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the file is not JSON' };
  }
  const file = value as Partial<ProgressExport> | null;
  const isExport = file?.format === EXPORT_FORMAT;
  const read = readProgress(isExport ? file.progress : value, now, { rejectFuture: true });
  if (!read.ok) return { ok: false, reason: `the file cannot be used: ${read.reason}` };
  const setAside = isExport ? readSetAsideList(file.setAside) : [];
  const { progress, unknown } = keepKnown(read.progress, known);
  const empty =
    Object.keys(progress.exercises).length === 0 &&
    Object.keys(progress.snippets).length === 0 &&
    progress.lastLesson === null &&
    setAside.length === 0;
  const { malformed } = read;
  if (empty && (unknown.length > 0 || malformed.length > 0)) {
    const n = unknown.length;
    const why = [
      n === 0
        ? ''
        : `${n === 1 ? 'its one id names' : `all ${n} of its ids name`} nothing in this course: ${namedIds(unknown)}`,
      malformed.length === 0 ? '' : malformedText(malformed),
    ];
    return { ok: false, reason: why.filter(Boolean).join('; ') };
  }
  return { ok: true, progress, setAside, unknown, malformed };
}

/** How many malformed records a message names before it says "and N more". */
const NAMED_MALFORMED = 5;

/**
 * Words for malformed records that were left out, e.g.
 * `3 records were malformed and left out: exercise "__proto__" (not an exercise id), …`.
 */
export function malformedText(malformed: readonly string[]): string {
  const n = malformed.length;
  const named = malformed.slice(0, NAMED_MALFORMED).join(', ');
  const more = n > NAMED_MALFORMED ? ` and ${n - NAMED_MALFORMED} more` : '';
  return `${n} ${n === 1 ? 'record was' : 'records were'} malformed and left out: ${named}${more}`;
}
