import { describe, expect, it } from 'vitest';
import { buildCourse, type LessonEntryLike } from './tree.ts';
import type { LessonData } from './schema.ts';

const data = (order: number, part: number, prerequisites: string[] = []): LessonData => ({
  title: `Chapter ${order}`,
  summary: 'A summary long enough for the schema.',
  part,
  order,
  objectives: ['Do something useful.'],
  prerequisites,
  minutes: 20,
  sources: [{ title: 'S', url: 'https://example.org/' }],
});
const entry = (id: string, order: number, part = 1, pre: string[] = []): LessonEntryLike => ({
  id,
  data: data(order, part, pre),
});

describe('buildCourse', () => {
  it('orders lessons by chapter and links neighbours', () => {
    const course = buildCourse([entry('c', 3, 2), entry('a', 1), entry('b', 2)]);
    expect(course.lessons.map((l) => l.id)).toEqual(['a', 'b', 'c']);
    expect(course.get('b')?.prev?.id).toBe('a');
    expect(course.get('b')?.next?.id).toBe('c');
    expect(course.get('a')?.prev).toBeUndefined();
    expect(course.get('c')?.next).toBeUndefined();
    expect(course.get('a')?.href).toBe('/lessons/a/');
  });

  it('groups by part and totals the minutes', () => {
    const course = buildCourse([entry('a', 1), entry('b', 2), entry('c', 3, 2)]);
    expect(course.parts.map((p) => [p.number, p.lessons.length, p.minutes])).toEqual([
      [1, 2, 40],
      [2, 1, 20],
      [3, 0, 0],
    ]);
  });

  it('lists the planned chapters that have no lesson yet', () => {
    const course = buildCourse([entry('a', 1), entry('b', 2), entry('c', 7, 2)]);
    expect(course.parts[0]!.upcoming.map((c) => c.order)).toEqual([3, 4, 5]);
    expect(course.parts[1]!.upcoming.map((c) => c.order)).toEqual([6, 8]);
    expect(course.parts[2]!.upcoming.map((c) => c.title)).toContain('Green threads');
  });

  it('rejects duplicate chapter numbers, naming both lessons', () => {
    expect(() => buildCourse([entry('a', 1), entry('b', 1)])).toThrow(
      /chapter 1 is used by both "a" and "b"/,
    );
  });

  it('rejects parts out of order and unknown prerequisites', () => {
    expect(() => buildCourse([entry('a', 1, 2), entry('b', 2, 1)])).toThrow(/comes after part 2/);
    expect(() => buildCourse([entry('a', 1, 1, ['nope'])])).toThrow(
      /prerequisite "nope" is not a lesson/,
    );
    expect(() => buildCourse([entry('a', 1, 1, ['b']), entry('b', 2)])).toThrow(/comes later/);
  });
});
