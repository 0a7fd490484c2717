/**
 * Which learner modules go through the green transform (`./green-transform.ts`): those that import
 * `#lib/greenlet` or `#lib/gevent`. Kept apart from the transform so that deciding costs nothing:
 * the transform and its parser (acorn) are loaded only for the programs that need them.
 */

/** True when a module imports `#lib/greenlet` or `#lib/gevent` (so it should be transformed). */
export function needsGreenTransform(js: string): boolean {
  return /^\s*import\b[^;'"]*?(?:\bfrom\s*)?(['"])#lib\/(?:greenlet|gevent)\1/m.test(js);
}
