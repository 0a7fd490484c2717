import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLessons } from './lessons.ts';
import { frontmatterProblems, referencedFiles } from './frontmatter.ts';
import { checkSnippet, firstDifference } from './snippets.ts';

const root = resolve(import.meta.dirname, '../..');
const fixtures = resolve(root, 'tests/fixtures/lessons');

describe('lesson discovery', () => {
  it('finds every lesson folder with its snippets', () => {
    const lessons = findLessons(fixtures);
    expect(lessons.map((l) => l.rel)).toEqual([
      '01-part/01-good',
      '01-part/02-bad',
      '01-part/03-drift',
    ]);
    expect(lessons[0]!.snippets.map((s) => s.split('/').at(-1))).toEqual(['hello.ts']);
  });
});

describe('front matter validation', () => {
  it('accepts a valid lesson', () => {
    const file = resolve(fixtures, '01-part/01-good/index.mdx');
    expect(frontmatterProblems('good.mdx', readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('names the file and each bad field', () => {
    const file = resolve(fixtures, '01-part/02-bad/index.mdx');
    const problems = frontmatterProblems('lessons/bad/index.mdx', readFileSync(file, 'utf8'));
    expect(problems.every((p) => p.startsWith('lessons/bad/index.mdx: field "'))).toBe(true);
    const fields = problems.map((p) => /field "([^"]+)"/.exec(p)![1]);
    expect(fields).toEqual(['summary', 'minutes', 'sources']);
  });

  it('rejects unknown fields, so typos do not pass silently', () => {
    // Every required field stays valid: the only problems are the two unknown keys.
    const text = readFileSync(resolve(fixtures, '01-part/01-good/index.mdx'), 'utf8')
      .replace('minutes: 10', 'minutes: 10\nminuets: 10')
      .replace(
        '    url: https://example.org/',
        '    url: https://example.org/\n    auther: Someone',
      );
    expect(frontmatterProblems('x.mdx', text)).toEqual([
      'x.mdx: field "sources.0": Unrecognized key: "auther"',
      'x.mdx: field "(top level)": Unrecognized key: "minuets"',
    ]);
  });

  it('reports a lesson without front matter', () => {
    expect(frontmatterProblems('x.mdx', '# Hello')).toEqual([
      'x.mdx: no front matter (a block between --- lines at the top)',
    ]);
  });

  it('lists the files a lesson refers to', () => {
    expect(
      referencedFiles(
        '<Snippet src="./snippets/a.ts" />\n<Snippet region="r" src="./snippets/b.ts"/>',
      ),
    ).toEqual(['./snippets/a.ts', './snippets/b.ts']);
  });
});

describe('snippet recordings', () => {
  it('passes a snippet whose output matches its recording', async () => {
    const v = await checkSnippet(resolve(fixtures, '01-part/01-good/snippets/hello.ts'), root);
    expect(v).toMatchObject({ ok: true });
  });

  it('fails a snippet whose output drifted, naming the line', async () => {
    const v = await checkSnippet(resolve(fixtures, '01-part/03-drift/snippets/count.ts'), root);
    expect(v.ok).toBe(false);
    expect(v.problem).toContain('line 3');
    expect(v.problem).toContain('"tick 4"');
    expect(v.problem).toContain('"tick 3"');
  });

  it('describes the first differing line', () => {
    expect(firstDifference('a\nb\n', 'a\nb\n')).toBeUndefined();
    expect(firstDifference('a\n', 'a\nb\n')).toContain('line 2');
  });
});
