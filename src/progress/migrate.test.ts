import { describe, expect, it } from 'vitest';
import { parseProgress, readProgress } from './migrate.ts';
import { mergeProgress } from './merge.ts';
import { completion, completionLabel } from './completion.ts';
import { emptyProgress } from './schema.ts';

const now = new Date('2025-03-01T10:00:00.000Z');

describe('readProgress', () => {
  it('reads a version 1 record as it is', () => {
    const v1 = {
      version: 1,
      exercises: { 'a/x': { passedAt: '2025-01-02T00:00:00.000Z' } },
      snippets: { 'a/s': { firstRunAt: '2025-01-01T00:00:00.000Z', runs: 2 } },
      lastLesson: { id: 'a', at: '2025-01-02T00:00:00.000Z' },
    };
    expect(readProgress(v1, now)).toEqual({ ok: true, progress: v1, dropped: 0, malformed: [] });
  });

  it('migrates the unversioned draft (version 0), dating passes to the migration', () => {
    const r = readProgress({ passed: ['a/x', 7], lastLesson: 'a' }, now);
    expect(r).toEqual({
      ok: true,
      dropped: 0,
      malformed: [],
      migratedFrom: 0,
      progress: {
        version: 1,
        exercises: { 'a/x': { passedAt: now.toISOString() } },
        snippets: {},
        lastLesson: { id: 'a', at: now.toISOString() },
      },
    });
  });

  it('refuses records from a newer version and foreign data, saying why', () => {
    expect(readProgress({ version: 2, exercises: {} })).toEqual({
      ok: false,
      reason: expect.stringMatching(/newer version of the course \(format 2/),
    });
    for (const foreign of [null, 3, 'x', [], { theme: 'dark' }, { version: 'one' }])
      expect(readProgress(foreign)).toEqual({ ok: false, reason: 'it is not a progress record' });
    expect(parseProgress('{"version":1,')).toMatchObject({ ok: false, reason: /not valid JSON/ });
  });

  it('keeps the good entries of a damaged record and counts the bad ones', () => {
    const r = parseProgress(
      JSON.stringify({
        version: 1,
        exercises: { good: { passedAt: '2025-01-01' }, bad: { passedAt: 'never' }, worse: 3 },
        snippets: 'oops',
        lastLesson: { id: 5 },
      }),
    );
    expect(r).toMatchObject({ ok: true, dropped: 4 });
    if (r.ok) expect(Object.keys(r.progress.exercises)).toEqual(['good']);
    expect(r.ok && r.malformed).toEqual([
      'exercise "bad" (passedAt is not a date)',
      'exercise "worse" (not a record)',
      'snippets (not a list of snippet records)',
      'lastLesson (its id is not text)',
    ]);
  });

  it('rejects future dates only when asked (imports), a day of clock difference allowed', () => {
    const at = (ms: number) => ({
      version: 1,
      snippets: { 'a/s': { firstRunAt: new Date(now.getTime() + ms).toISOString(), runs: 1 } },
      lastLesson: { id: 'a', at: new Date(now.getTime() + ms).toISOString() },
    });
    const year = 365 * 86_400_000;
    expect(readProgress(at(year), now)).toMatchObject({ ok: true, dropped: 0 });
    expect(readProgress(at(86_400_000), now, { rejectFuture: true })).toMatchObject({
      ok: true,
      dropped: 0,
    });
    expect(readProgress(at(year), now, { rejectFuture: true })).toMatchObject({
      ok: true,
      dropped: 2,
      malformed: [
        'snippet "a/s" (firstRunAt is in the future)',
        'lastLesson "a" (at is in the future)',
      ],
    });
  });
});

describe('readProgress against crafted data', () => {
  it('keeps id-keyed records in maps without prototype; __proto__ is not an id', () => {
    const r = parseProgress(
      '{"version":1,"exercises":{"__proto__":{"passedAt":"2025-01-01"},"a/x":{"passedAt":"2025-01-01"}},' +
        '"snippets":{"constructor":{"firstRunAt":"2025-01-01","runs":1}}}',
    );
    expect(r).toMatchObject({ ok: true, dropped: 1 });
    if (!r.ok) return;
    expect(Object.getPrototypeOf(r.progress.exercises)).toBeNull();
    expect(Object.getPrototypeOf(r.progress.snippets)).toBeNull();
    expect(Object.keys(r.progress.exercises)).toEqual(['a/x']);
    // Names that every plain object inherits are nothing here…
    expect(r.progress.exercises['toString']).toBeUndefined();
    expect(r.progress.exercises['passedAt' as string]).toBeUndefined();
    // …and an id that happens to be one is an ordinary entry.
    expect(r.progress.snippets['constructor']).toEqual({ firstRunAt: '2025-01-01', runs: 1 });
    const merged = mergeProgress(emptyProgress(), r.progress);
    expect(Object.getPrototypeOf(merged.exercises)).toBeNull();
    expect(merged.exercises['hasOwnProperty']).toBeUndefined();
  });

  it('drops runs that are not finite, dates that are huge strings, and ids that are too long', () => {
    const r = parseProgress(
      JSON.stringify({
        version: 1,
        exercises: {
          'a/long-date': { passedAt: `2025-01-01${' '.repeat(1e5)}` },
          [`a/${'x'.repeat(300)}`]: { passedAt: '2025-01-01' },
          'a/fine': { passedAt: '2025-01-01' },
        },
        snippets: { 'a/s': { firstRunAt: '2025-01-01', runs: 1e400 } },
        lastLesson: { id: { nested: 'object' }, at: '2025-01-01' },
      }).replace('"runs":null', '"runs":1e400'),
    );
    expect(r).toMatchObject({ ok: true, dropped: 4 });
    if (r.ok) expect(Object.keys(r.progress.exercises)).toEqual(['a/fine']);
  });
});

describe('mergeProgress', () => {
  it('keeps everything from both sides, earliest pass and latest visit', () => {
    const a = {
      ...emptyProgress(),
      exercises: { x: { passedAt: '2025-01-05T00:00:00Z' } },
      snippets: { s: { firstRunAt: '2025-01-01T00:00:00Z', runs: 3 } },
      lastLesson: { id: 'one', at: '2025-01-05T00:00:00Z' },
    };
    const b = {
      ...emptyProgress(),
      exercises: {
        x: { passedAt: '2025-01-02T00:00:00Z' },
        y: { passedAt: '2025-01-03T00:00:00Z' },
      },
      snippets: { s: { firstRunAt: '2025-01-04T00:00:00Z', runs: 1 } },
      lastLesson: { id: 'two', at: '2025-01-06T00:00:00Z' },
    };
    const m = mergeProgress(a, b);
    expect(m.exercises).toEqual({
      x: { passedAt: '2025-01-02T00:00:00Z' },
      y: { passedAt: '2025-01-03T00:00:00Z' },
    });
    expect(m.snippets['s']).toEqual({ firstRunAt: '2025-01-01T00:00:00Z', runs: 3 });
    expect(m.lastLesson?.id).toBe('two');
    expect(mergeProgress(a, emptyProgress())).toEqual(a);
  });
});

describe('completion', () => {
  it('counts passed exercises of a group and words it', () => {
    const p = { ...emptyProgress(), exercises: { 'a/x': { passedAt: now.toISOString() } } };
    expect(completionLabel(completion(p, ['a/x', 'a/y']))).toBe('1 of 2 exercises passed');
    expect(completionLabel(completion(p, ['a/x']))).toBe('Exercise passed');
    expect(completion(p, ['a/x'])).toEqual({ done: 1, total: 1, complete: true });
    expect(completionLabel(completion(p, []))).toBe('No exercises');
  });
});
