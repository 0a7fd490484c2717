import { describe, expect, it } from 'vitest';
import { keepKnown, knownIds, parseKnownIds, unknownIdsText } from './known-ids.ts';
import { parseImport } from './transfer.ts';
import { EXPORT_FORMAT } from './schema.ts';

const now = new Date('2026-11-30T00:00:00Z');
const course = knownIds({
  lessons: ['waiting'],
  exercises: ['waiting/fetch-all', 'waiting/predict'],
  snippets: ['waiting/echo'],
});
const at = '2026-11-01T00:00:00.000Z';

/** An export file holding these ids. */
const file = (exercises: string[], snippets: string[] = [], lesson?: string) =>
  JSON.stringify({
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: at,
    progress: {
      version: 1,
      exercises: Object.fromEntries(exercises.map((id) => [id, { passedAt: at }])),
      snippets: Object.fromEntries(snippets.map((id) => [id, { firstRunAt: at, runs: 2 }])),
      lastLesson: lesson === undefined ? null : { id: lesson, at },
    },
    setAside: [],
  });

describe('ids an import may use', () => {
  it('reads the lists a page embeds, and refuses anything else', () => {
    const text = JSON.stringify({ lessons: ['a'], exercises: ['a/x'], snippets: [] });
    expect(parseKnownIds(text)?.exercises.has('a/x')).toBe(true);
    for (const bad of [null, '', 'nope', '[]', '{"lessons":[1],"exercises":[],"snippets":[]}'])
      expect(parseKnownIds(bad), String(bad)).toBeUndefined();
  });

  it('leaves out exercises, snippets and a last lesson the course does not have, naming them', () => {
    const r = parseImport(
      file(['waiting/fetch-all', 'old/gone'], ['waiting/echo', 'x/y'], 'renamed'),
      now,
      course,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.progress.exercises)).toEqual(['waiting/fetch-all']);
    expect(Object.keys(r.progress.snippets)).toEqual(['waiting/echo']);
    expect(r.progress.lastLesson).toBeNull();
    expect(r.unknown).toEqual([
      { kind: 'exercise', id: 'old/gone' },
      { kind: 'snippet', id: 'x/y' },
      { kind: 'lesson', id: 'renamed' },
    ]);
    expect(unknownIdsText(r.unknown)).toBe(
      '3 ids name nothing in this course and were left out: exercise "old/gone", snippet "x/y", lesson "renamed"',
    );
  });

  it('refuses a file whose every id names nothing in the course, saying how many and which', () => {
    const ids = Array.from({ length: 7 }, (_, i) => `other-course/ex-${i}`);
    expect(parseImport(file(ids), now, course)).toEqual({
      ok: false,
      reason:
        'all 7 of its ids name nothing in this course: exercise "other-course/ex-0", exercise "other-course/ex-1", exercise "other-course/ex-2", exercise "other-course/ex-3", exercise "other-course/ex-4" and 2 more',
    });
    expect(parseImport(file(['a/b']), now, course)).toMatchObject({
      ok: false,
      reason: /^its one id names nothing in this course: exercise "a\/b"$/,
    });
  });

  it('shortens a long id in the message', () => {
    const long = `a/${'b'.repeat(150)}`;
    const { unknown } = keepKnown(JSON.parse(file([long])).progress, course);
    expect(unknownIdsText(unknown)).toMatch(/^1 id names nothing .*: exercise "a\/b{57}…"$/);
  });

  it('keeps a file of known ids whole', () => {
    const r = parseImport(file(['waiting/predict'], ['waiting/echo'], 'waiting'), now, course);
    expect(r).toMatchObject({ ok: true, unknown: [] });
    if (r.ok) expect(r.progress.lastLesson?.id).toBe('waiting');
  });
});
