import {
  PROGRESS_VERSION,
  type ExerciseProgress,
  type LastLesson,
  type Progress,
  type SnippetProgress,
} from './schema.ts';
import { clip, idMap, isDate, isId, isObj, type Obj } from './well-typed.ts';

/** What reading a stored or imported value gave. */
export type ReadResult =
  | {
      readonly ok: true;
      readonly progress: Progress;
      /** Entries that were malformed and left out (the caller keeps the original text). */
      readonly dropped: number;
      /** The same entries in words, e.g. `exercise "a/x" (passedAt is not a date)`. */
      readonly malformed: readonly string[];
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

/** How much of an untrusted key a description of a malformed entry shows. */
const KEY_CHARS = 40;

/** A key from a file, shortened and quoted (control characters and quotes escaped). */
const quoted = (key: string): string => JSON.stringify(clip(key, KEY_CHARS));

/** What reading dates accepts: none later than `latest`, when given. */
interface DateRule {
  readonly latest?: number;
}

/** Why `v` is not a usable date under `rule`, or undefined if it is one. */
function dateProblem(v: unknown, rule: DateRule): string | undefined {
  if (!isDate(v)) return 'is not a date';
  return rule.latest !== undefined && Date.parse(v) > rule.latest ? 'is in the future' : undefined;
}

/** A field check: the kept value, or why the entry is malformed. */
type Check<T> = (e: Obj) => { readonly ok: T } | { readonly problem: string };

/**
 * Keeps the well-formed entries of an id-keyed map, in a map without prototype, and describes the
 * others: entries whose key is not an id, whose value is not an object, or fails `check`.
 */
function entries<T>(
  value: unknown,
  kind: string,
  field: string,
  check: Check<T>,
): [Record<string, T>, string[]] {
  const out = idMap<T>();
  if (value === undefined) return [out, []];
  if (!isObj(value)) return [out, [`${field} (not a list of ${kind} records)`]];
  const malformed: string[] = [];
  for (const [id, e] of Object.entries(value)) {
    const what = `${kind} ${quoted(id)}`;
    if (!isId(id)) malformed.push(`${what} (not ${kind === 'exercise' ? 'an' : 'a'} ${kind} id)`);
    else if (!isObj(e)) malformed.push(`${what} (not a record)`);
    else {
      const r = check(e);
      if ('ok' in r) out[id] = r.ok;
      else malformed.push(`${what} (${r.problem})`);
    }
  }
  return [out, malformed];
}

/** A run count: a finite, non-negative number, made whole. */
const runs = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0
    ? Math.min(Math.floor(v), Number.MAX_SAFE_INTEGER)
    : undefined;

function lastLessonOf(l: unknown, rule: DateRule): { ok: LastLesson | null } | { problem: string } {
  if (l === undefined || l === null) return { ok: null };
  if (!isObj(l)) return { problem: 'lastLesson (not a record)' };
  const id = l['id'];
  if (typeof id !== 'string') return { problem: 'lastLesson (its id is not text)' };
  if (!isId(id)) return { problem: `lastLesson ${quoted(id)} (not a lesson id)` };
  const bad = dateProblem(l['at'], rule);
  return bad
    ? { problem: `lastLesson ${quoted(id)} (at ${bad})` }
    : { ok: { id, at: l['at'] as string } };
}

function sanitize(v: Obj, rule: DateRule): { progress: Progress; malformed: string[] } {
  const [exercises, m1] = entries<ExerciseProgress>(
    v['exercises'],
    'exercise',
    'exercises',
    (e) => {
      const bad = dateProblem(e['passedAt'], rule);
      return bad ? { problem: `passedAt ${bad}` } : { ok: { passedAt: e['passedAt'] as string } };
    },
  );
  const [snippets, m2] = entries<SnippetProgress>(v['snippets'], 'snippet', 'snippets', (e) => {
    const bad = dateProblem(e['firstRunAt'], rule);
    if (bad) return { problem: `firstRunAt ${bad}` };
    const n = runs(e['runs']);
    return n === undefined
      ? { problem: 'runs is not a count' }
      : { ok: { firstRunAt: e['firstRunAt'] as string, runs: n } };
  });
  const l = lastLessonOf(v['lastLesson'], rule);
  const m3 = 'problem' in l ? [l.problem] : [];
  return {
    progress: {
      version: PROGRESS_VERSION,
      exercises,
      snippets,
      lastLesson: 'ok' in l ? l.ok : null,
    },
    malformed: [...m1, ...m2, ...m3],
  };
}

/** How far ahead of now a date read with `rejectFuture` may be (clocks differ): one day. */
export const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

/** Options for {@link readProgress}. */
export interface ReadOptions {
  /**
   * Treat dates more than {@link FUTURE_SLACK_MS} ahead of `now` as malformed. For imported
   * files; stored progress is not checked, so a device whose clock was turned back keeps it.
   */
  readonly rejectFuture?: boolean;
}

/**
 * Reads a progress record of any known version, migrating it to the current one. Data that is
 * not a progress record, or was written by a newer version of the course, is refused with a
 * reason (never guessed at), so the caller can set the original aside instead of losing it.
 */
export function readProgress(
  value: unknown,
  now: Date = new Date(),
  options: ReadOptions = {},
): ReadResult {
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
  const rule = options.rejectFuture ? { latest: now.getTime() + FUTURE_SLACK_MS } : {};
  const { progress, malformed } = sanitize(v, rule);
  const dropped = malformed.length;
  return from < PROGRESS_VERSION
    ? { ok: true, progress, dropped, malformed, migratedFrom: from }
    : { ok: true, progress, dropped, malformed };
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
