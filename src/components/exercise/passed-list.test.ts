import { describe, expect, it } from 'vitest';
import { idMap } from '../../progress/well-typed.ts';
import {
  courseOutline,
  exerciseOrder,
  groupPassed,
  parseOutline,
  type CourseOutline,
  type OutlineLesson,
} from './passed-list.ts';

const lessons: OutlineLesson[] = [
  {
    id: 'waiting',
    href: '/lessons/waiting/',
    title: 'Waiting is the job',
    order: 1,
    body: 'Text.\n\n<Exercise src="./exercises/fetch-all" />\n\nMore.\n\n<Exercise src="./exercises/predict-timer" />\n',
  },
  { id: 'no-exercises', href: '/lessons/no-exercises/', title: 'Reading only', order: 2, body: '' },
  {
    id: 'threads',
    href: '/lessons/threads/',
    title: 'Threads and their price',
    order: 3,
    // Placed out of alphabetical order, and one exercise the page does not place at all.
    body: '<Exercise src=\'./exercises/zeta\' />\n<Exercise src="./exercises/alpha/" />\n<Exercise src="./exercises/zeta" />',
  },
];
// As the collection lists them: in no useful order.
const exercises = [
  { id: 'threads/alpha', title: 'Alpha' },
  { id: 'waiting/predict-timer', title: 'Predict the timer' },
  { id: 'threads/unplaced', title: 'Not on the page' },
  { id: 'waiting/fetch-all', title: 'Fetch five services together' },
  { id: 'threads/zeta', title: 'Zeta' },
  { id: 'gone-lesson/orphan', title: 'Orphan' },
];
const outline = courseOutline(lessons, exercises);

const at = (iso: string) => ({ passedAt: iso });

describe('exerciseOrder', () => {
  it('lists the exercise folders a lesson places, in page order, once each', () => {
    expect(exerciseOrder(lessons[2]!.body)).toEqual(['zeta', 'alpha']);
    expect(exerciseOrder('<Snippet src="./snippets/x.ts" />')).toEqual([]);
  });
});

describe('courseOutline', () => {
  it('groups exercises under their chapter, in reading order and page order, with anchors', () => {
    expect(outline).toEqual([
      {
        number: 1,
        title: 'Waiting is the job',
        href: '/lessons/waiting/',
        exercises: [
          {
            id: 'waiting/fetch-all',
            title: 'Fetch five services together',
            href: '/lessons/waiting/#exercise-fetch-all',
          },
          {
            id: 'waiting/predict-timer',
            title: 'Predict the timer',
            href: '/lessons/waiting/#exercise-predict-timer',
          },
        ],
      },
      {
        number: 3,
        title: 'Threads and their price',
        href: '/lessons/threads/',
        exercises: [
          { id: 'threads/zeta', title: 'Zeta', href: '/lessons/threads/#exercise-zeta' },
          { id: 'threads/alpha', title: 'Alpha', href: '/lessons/threads/#exercise-alpha' },
          {
            id: 'threads/unplaced',
            title: 'Not on the page',
            href: '/lessons/threads/#exercise-unplaced',
          },
        ],
      },
    ]);
  });
});

describe('parseOutline', () => {
  it('reads back what the page embeds', () => {
    expect(parseOutline(JSON.stringify(outline))).toEqual(outline);
    expect(parseOutline('[]')).toEqual([]);
  });

  it.each([
    ['nothing', undefined],
    ['empty text', ''],
    ['not JSON', '[{'],
    ['an object', '{"chapters": []}'],
    ['a chapter without exercises', '[{"number":1,"title":"T","href":"/l/"}]'],
    ['a number that is text', '[{"number":"1","title":"T","href":"/l/","exercises":[]}]'],
    [
      'an exercise without a title',
      '[{"number":1,"title":"T","href":"/l/","exercises":[{"id":"a/b","href":"/l/#x"}]}]',
    ],
    [
      'a link off the site',
      '[{"number":1,"title":"T","href":"/l/","exercises":[{"id":"a/b","title":"B","href":"javascript:alert(1)"}]}]',
    ],
    [
      'a link to another origin',
      '[{"number":1,"title":"T","href":"//evil.example/","exercises":[]}]',
    ],
  ])('refuses %s', (_, text) => {
    expect(parseOutline(text)).toBeUndefined();
  });
});

describe('groupPassed', () => {
  it('names passes by title under their chapters, in course order, whatever order they were passed in', () => {
    const passed = idMap([
      ['threads/alpha', at('2026-01-01T00:00:00.000Z')],
      ['waiting/predict-timer', at('2026-01-03T00:00:00.000Z')],
      ['threads/zeta', at('2026-01-04T00:00:00.000Z')],
    ]);
    const groups = groupPassed(passed, outline);
    expect(groups.unknown).toEqual([]);
    expect(
      groups.chapters.map((c) => [c.number, c.title, c.exercises.map((e) => e.title)]),
    ).toEqual([
      [1, 'Waiting is the job', ['Predict the timer']],
      [3, 'Threads and their price', ['Zeta', 'Alpha']],
    ]);
    expect(groups.chapters[0]!.exercises[0]).toEqual({
      id: 'waiting/predict-timer',
      title: 'Predict the timer',
      href: '/lessons/waiting/#exercise-predict-timer',
      passedAt: '2026-01-03T00:00:00.000Z',
    });
  });

  it('keeps ids the course no longer has apart, oldest pass first', () => {
    const passed = idMap([
      ['gone/late', at('2026-02-01T00:00:00.000Z')],
      ['waiting/fetch-all', at('2026-01-02T00:00:00.000Z')],
      ['gone/early', at('2026-01-01T00:00:00.000Z')],
      ['__proto__', at('2026-01-05T00:00:00.000Z')],
    ]);
    const groups = groupPassed(passed, outline);
    expect(groups.chapters.map((c) => c.exercises.map((e) => e.id))).toEqual([
      ['waiting/fetch-all'],
    ]);
    expect(groups.unknown.map((u) => u.id)).toEqual(['gone/early', '__proto__', 'gone/late']);
  });

  it('never takes an inherited name for a pass', () => {
    const tricky: CourseOutline = [
      {
        number: 1,
        title: 'T',
        href: '/lessons/t/',
        exercises: [{ id: 'constructor', title: 'C', href: '/lessons/t/#exercise-c' }],
      },
    ];
    expect(groupPassed(idMap<{ passedAt: string }>(), tricky)).toEqual({
      chapters: [],
      unknown: [],
    });
  });

  it('without an outline, lists every pass by its id', () => {
    const passed = idMap([
      ['waiting/fetch-all', at('2026-01-02T00:00:00.000Z')],
      ['threads/zeta', at('2026-01-01T00:00:00.000Z')],
    ]);
    expect(groupPassed(passed, undefined)).toEqual({
      chapters: [],
      unknown: [
        { id: 'threads/zeta', passedAt: '2026-01-01T00:00:00.000Z' },
        { id: 'waiting/fetch-all', passedAt: '2026-01-02T00:00:00.000Z' },
      ],
    });
  });
});
