import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_CHARS, importSizeProblem, malformedText, parseImport } from './transfer.ts';
import { knownIds } from './known-ids.ts';

const now = new Date('2026-11-30T00:00:00Z');
const course = knownIds({ lessons: [], exercises: [], snippets: [] });

describe('progress import size', () => {
  it('accepts files of any plausible export size', () => {
    expect(importSizeProblem(0)).toBeUndefined();
    expect(importSizeProblem(MAX_IMPORT_CHARS)).toBeUndefined();
  });

  it('refuses a huge file before parsing it, saying why', () => {
    const huge = `{"format":"x","pad":"${'a'.repeat(MAX_IMPORT_CHARS)}"}`;
    const result = parseImport(huge, now, course);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(
      /^the file is 1\.0 MB, and a progress export is a few kilobytes/,
    );
    expect(importSizeProblem(53e6)).toMatch(/^the file is 53\.0 MB/);
  });

  it('still reads a small file that is not JSON as before', () => {
    expect(parseImport('nope', now, course)).toEqual({ ok: false, reason: 'the file is not JSON' });
  });
});

describe('progress import of malformed records', () => {
  const known = knownIds({
    lessons: ['l'],
    exercises: ['l/a', 'l/b', 'l/c', 'l/d'],
    snippets: ['l/s'],
  });
  // Written by hand: JSON.stringify would drop a `__proto__` key of an object literal.
  const reviewerFile = `{"format":"async-io-course-progress","version":1,"exportedAt":"2026-11-29T00:00:00Z",
    "progress":{"version":1,
      "exercises":{
        "l/a":{"passedAt":"2026-11-01T00:00:00Z"},
        "l/b":{"passedAt":"2026-11-02T00:00:00Z"},
        "gone/one":{"passedAt":"2026-11-03T00:00:00Z"},
        "gone/two":{"passedAt":"2026-11-03T00:00:00Z"},
        "__proto__":{"passedAt":"2026-11-03T00:00:00Z"},
        "<img src=x onerror=alert(1)>/x":{"passedAt":"2026-11-03T00:00:00Z"},
        "l/c":{"passedAt":"not a date"},
        "l/d":{"passedAt":"2999-01-01T00:00:00Z"}},
      "snippets":{"l/s":{"firstRunAt":"2026-11-01T00:00:00Z","runs":-5}},
      "lastLesson":{"id":"javascript:alert(1)","at":"2026-11-01T00:00:00Z"}},
    "setAside":[]}`;

  it('lists malformed entries apart from unknown ids, naming why each was left out', () => {
    const r = parseImport(reviewerFile, now, known);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.progress.exercises)).toEqual(['l/a', 'l/b']);
    expect(r.progress.snippets).toEqual({});
    expect(r.progress.lastLesson).toBeNull();
    expect(r.unknown.map((u) => u.id)).toEqual(['gone/one', 'gone/two']);
    expect(r.malformed).toEqual([
      'exercise "__proto__" (not an exercise id)',
      'exercise "<img src=x onerror=alert(1)>/x" (not an exercise id)',
      'exercise "l/c" (passedAt is not a date)',
      'exercise "l/d" (passedAt is in the future)',
      'snippet "l/s" (runs is not a count)',
      'lastLesson "javascript:alert(1)" (not a lesson id)',
    ]);
    expect(malformedText(r.malformed)).toBe(
      '6 records were malformed and left out: exercise "__proto__" (not an exercise id), ' +
        'exercise "<img src=x onerror=alert(1)>/x" (not an exercise id), ' +
        'exercise "l/c" (passedAt is not a date), exercise "l/d" (passedAt is in the future), ' +
        'snippet "l/s" (runs is not a count) and 1 more',
    );
  });

  it('accepts a date up to a day ahead (clocks differ) and refuses one further ahead', () => {
    const at = (ms: number) =>
      JSON.stringify({
        version: 1,
        exercises: { 'l/a': { passedAt: new Date(now.getTime() + ms).toISOString() } },
      });
    const hour = 3_600_000;
    expect(parseImport(at(23 * hour), now, known)).toMatchObject({ ok: true, malformed: [] });
    expect(parseImport(at(25 * hour), now, known)).toEqual({
      ok: false,
      reason: '1 record was malformed and left out: exercise "l/a" (passedAt is in the future)',
    });
  });

  it('shortens long keys and escapes control characters in what it names', () => {
    const key = `x${'y'.repeat(500)}\n`;
    const r = parseImport(
      JSON.stringify({
        version: 1,
        exercises: { [key]: { passedAt: '2026-01-01' }, 'l/a': { passedAt: '2026-01-01' } },
      }),
      now,
      known,
    );
    expect(r.ok && r.malformed).toEqual([`exercise "x${'y'.repeat(38)}…" (not an exercise id)`]);
    const many = Array.from({ length: 8 }, (_, i) => `e${i}`);
    expect(malformedText(many)).toBe(
      '8 records were malformed and left out: e0, e1, e2, e3, e4 and 3 more',
    );
    expect(malformedText(['e0'])).toBe('1 record was malformed and left out: e0');
  });

  it('refuses a file with nothing usable, naming unknown ids and malformed records', () => {
    const r = parseImport(
      '{"version":1,"exercises":{"gone/x":{"passedAt":"2026-01-01"},"__proto__":{}}}',
      now,
      known,
    );
    expect(r).toEqual({
      ok: false,
      reason:
        'its one id names nothing in this course: exercise "gone/x"; ' +
        '1 record was malformed and left out: exercise "__proto__" (not an exercise id)',
    });
  });
});
