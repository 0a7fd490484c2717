import { describe, expect, it } from 'vitest';
import { lessonRoot, relativeToLessonRoot } from './content-root.ts';

describe('lessonRoot', () => {
  it('defaults to the course', () => {
    expect(lessonRoot(undefined)).toBe('src/lessons');
    expect(lessonRoot('')).toBe('src/lessons');
  });
  it('accepts the fixture course', () => {
    expect(lessonRoot('tests/fixtures/site')).toBe('tests/fixtures/site');
  });
  it('refuses anything else, naming the choices', () => {
    expect(() => lessonRoot('../elsewhere')).toThrow(/src\/lessons, tests\/fixtures\/site/);
  });
});

describe('relativeToLessonRoot', () => {
  it('strips the root', () => {
    expect(relativeToLessonRoot('src/lessons/01-a/02-b/index.mdx', 'src/lessons')).toBe(
      '01-a/02-b/index.mdx',
    );
    expect(
      relativeToLessonRoot('tests/fixtures/site/01-a/01-b/index.mdx', 'tests/fixtures/site'),
    ).toBe('01-a/01-b/index.mdx');
  });
  it('refuses a file outside the root', () => {
    expect(() => relativeToLessonRoot('elsewhere/index.mdx', 'src/lessons')).toThrow(/not under/);
  });
});
