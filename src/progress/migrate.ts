import {
  PROGRESS_VERSION,
  type ExerciseProgress,
  type LastLesson,
  type Progress,
  type SnippetProgress,
} from './schema.ts';
import { idMap, isDate, isId, isObj, type Obj } from './well-typed.ts';

/** What reading a stored or imported value gave. */
export type ReadResult =
  | {
      readonly ok: true;
      readonly progress: Progress;
      /** Entries that were malformed and left out (the caller keeps the original text). */
      readonly dropped: number;
      /** The version the data was written with, when it was migrated from an older one. */
      readonly migratedFrom?: number;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Version 0 was the unversioned draft the first preview builds wrote:
 * `{ passed: string[], lastLesson?: string }`, with no dates. Passing it on as version 1 dates
 * every pass to the migration, which is the best that can be said about when it happened.
 */
function fromV0(v: Obj, now: string): Obj {
  const passed = Array.isArray(v['passed']) ? v['passed'] : [];
  return {
    version: 1,
    exercises: idMap(
      passed.filter((id) => typeof id === 'string').map((id) => [id, { passedAt: now }] as const),
    ),
    snippets: {},
    lastLesson: typeof v['lastLesson'] === 'string' ? { id: v['lastLesson'], at: now } : null,
  };
}

/** Migration steps, indexed by the version they upgrade from. */
const steps: readonly ((v: Obj, now: string) => Obj)[] = [fromV0];

function versionOf(v: Obj): number | undefined {
  if (v['version'] === undefined) return Array.isArray(v['passed']) ? 0 : undefined;
  const n = v['version'];
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Keeps the well-formed entries of an id-keyed map, in a map without prototype, and counts the
 * others: entries whose key is not an id, whose value is not an object, or fails `valid`.
 */
function entries<T>(value: unknown, valid: (e: Obj) => T | undefined): [Record<string, T>, number] {
  const out = idMap<T>();
  if (!isObj(value)) return [out, value === undefined ? 0 : 1];
  let dropped = 0;
  for (const [id, e] of Object.entries(value)) {
    const ok = isId(id) && isObj(e) ? valid(e) : undefined;
    if (ok) out[id] = ok;
    else dropped++;
  }
  return [out, dropped];
}

/** A run count: a finite, non-negative number, made whole. */
const runs = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0
    ? Math.min(Math.floor(v), Number.MAX_SAFE_INTEGER)
    : undefined;

function sanitize(v: Obj): { progress: Progress; dropped: number } {
  const [exercises, d1] = entries<ExerciseProgress>(v['exercises'], (e) =>
    isDate(e['passedAt']) ? { passedAt: e['passedAt'] } : undefined,
  );
  const [snippets, d2] = entries<SnippetProgress>(v['snippets'], (e) => {
    const n = runs(e['runs']);
    return isDate(e['firstRunAt']) && n !== undefined
      ? { firstRunAt: e['firstRunAt'], runs: n }
      : undefined;
  });
  const l = v['lastLesson'];
  const lastLesson: LastLesson | null =
    isObj(l) && typeof l['id'] === 'string' && isId(l['id']) && isDate(l['at'])
      ? { id: l['id'], at: l['at'] }
      : null;
  const d3 = l !== undefined && l !== null && !lastLesson ? 1 : 0;
  return {
    progress: { version: PROGRESS_VERSION, exercises, snippets, lastLesson },
    dropped: d1 + d2 + d3,
  };
}

/**
 * Reads a progress record of any known version, migrating it to the current one. Data that is
 * not a progress record, or was written by a newer version of the course, is refused with a
 * reason (never guessed at), so the caller can set the original aside instead of losing it.
 */
export function readProgress(value: unknown, now: Date = new Date()): ReadResult {
  if (!isObj(value)) return { ok: false, reason: 'it is not a progress record' };
  const from = versionOf(value);
  if (from === undefined) return { ok: false, reason: 'it is not a progress record' };
  if (from > PROGRESS_VERSION) {
    return {
      ok: false,
      reason: `it was saved by a newer version of the course (format ${from}; this page reads ${PROGRESS_VERSION})`,
    };
  }
  let v = value;
  for (let at = from; at < PROGRESS_VERSION; at++) v = steps[at]!(v, now.toISOString());
  const { progress, dropped } = sanitize(v);
  return from < PROGRESS_VERSION
    ? { ok: true, progress, dropped, migratedFrom: from }
    : { ok: true, progress, dropped };
}

/** {@link readProgress} for stored text, which may not even be JSON. */
export function parseProgress(raw: string, now: Date = new Date()): ReadResult {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'it is not valid JSON (damaged or written by something else)' };
  }
  return readProgress(value, now);
}
