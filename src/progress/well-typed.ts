/**
 * Checks for values read from storage or from an imported file, which may hold anything JSON can
 * say: wrong types, nested objects, `__proto__` keys, huge strings. Only what passes is kept.
 */

/** A JSON object (not null, not an array). */
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The value a JSON text holds, or undefined when there is no text or it is not JSON: for data the
 * page embeds or stores, where anything unreadable is treated as missing.
 */
export function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Longer than any ISO 8601 date: a longer "date" is not one, and is not parsed. */
const MAX_DATE_CHARS = 40;

/** A date string (ISO 8601 as written by this course, or anything `Date.parse` reads). */
export const isDate = (v: unknown): v is string =>
  typeof v === 'string' && v.length <= MAX_DATE_CHARS && !Number.isNaN(Date.parse(v));

/** Longer than any id the course makes (`<lesson id>/<exercise or snippet name>`). */
export const MAX_ID_CHARS = 200;

/**
 * An id as the course makes them: words of letters, digits, `.`, `_` and `-` separated by `/`,
 * each starting with a letter or digit. So `__proto__`, `constructor.prototype` paths with empty
 * segments, whitespace and markup are not ids.
 */
export const isId = (v: string): boolean =>
  v.length <= MAX_ID_CHARS && /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)*$/.test(v);

/** A whole, non-negative count that JSON can carry exactly. */
export const isCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A text shortened to `max` characters (with "…"), for showing untrusted strings. */
export const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/**
 * An id-keyed record without a prototype: an id such as `__proto__` or `constructor` is an
 * ordinary key there, never the record's prototype or one of Object's methods.
 */
export function idMap<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [id, value] of entries) out[id] = value;
  return out;
}

/** A copy of `map` (prototype-less) with `id` set to `value`. */
export function withEntry<T>(map: Readonly<Record<string, T>>, id: string, value: T) {
  const out = idMap(Object.entries(map));
  out[id] = value;
  return out;
}

/** Whether `map` has its own entry for `id` (inherited names never count). */
export const hasId = (map: Readonly<Record<string, unknown>>, id: string): boolean =>
  Object.hasOwn(map, id);
