import type { SetAside } from './schema.ts';
import { clip, isDate, isObj } from './well-typed.ts';

/** Longest reason kept: a reason is one sentence; a longer one is cut (the raw text never is). */
export const MAX_REASON_CHARS = 300;

/** A set-aside record from stored or imported data, with only its well-typed fields. */
function toSetAside(v: unknown): SetAside | undefined {
  if (!isObj(v) || typeof v['raw'] !== 'string') return undefined;
  const reason =
    typeof v['reason'] === 'string' && v['reason'] !== ''
      ? clip(v['reason'], MAX_REASON_CHARS)
      : 'no reason was recorded';
  return isDate(v['at']) ? { at: v['at'], reason, raw: v['raw'] } : { reason, raw: v['raw'] };
}

/**
 * Reads a list of set-aside records (from storage or an imported file), keeping only well-typed
 * fields: a `reason` that is not a string, an `at` that is not a date, extra or `__proto__` keys
 * are left out. Entries with no text to keep (`raw` not a string) are not dropped: they are kept,
 * as found, in one more record, so nothing the learner had is lost. Not an array: no records.
 */
export function readSetAsideList(value: unknown): SetAside[] {
  if (!Array.isArray(value)) return [];
  const kept: SetAside[] = [];
  const broken: unknown[] = [];
  for (const v of value as unknown[]) {
    const s = toSetAside(v);
    if (s) kept.push(s);
    else broken.push(v);
  }
  if (broken.length > 0) {
    kept.push({
      reason: `${broken.length === 1 ? 'a set-aside record was' : `${broken.length} set-aside records were`} damaged and ${broken.length === 1 ? 'is' : 'are'} kept as found`,
      raw: JSON.stringify(broken),
    });
  }
  return kept;
}

/**
 * The stored set-aside list. Text that is not a JSON list is kept whole as one record, so even a
 * damaged list is never lost.
 */
export function parseSetAside(raw: string, now: Date): SetAside[] {
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value)) return readSetAsideList(value);
  } catch {
    // not JSON: kept below
  }
  return [{ at: now.toISOString(), reason: 'the set-aside list itself was damaged', raw }];
}
