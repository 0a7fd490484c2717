import { describe, expect, it } from 'vitest';
import { clipLine } from '../output-limits.ts';
import { OutputSplitter, STDERR_BEGIN, STDERR_END } from './output.ts';

describe('OutputSplitter (issue 17, item 1)', () => {
  it('splits terminal output by lines and keeps each stream', () => {
    const s = new OutputSplitter();
    const lines = [
      ...s.push('a\r\nb'),
      ...s.push(`c\r\n${STDERR_BEGIN}err\r\n${STDERR_END}\x1b[1md\x1b[0m\r\n`),
      ...s.end(),
    ];
    expect(lines.map((l) => [l.stream, l.text])).toEqual([
      ['stdout', 'a'],
      ['stdout', 'bc'],
      ['stderr', 'err'],
      ['stdout', 'd'],
    ]);
  });

  it('keeps only the head of a huge line, across chunks, and counts the rest', () => {
    const s = new OutputSplitter();
    const chunk = 'z'.repeat(64 * 1024);
    const lines = [];
    const started = performance.now();
    for (let i = 0; i < 80; i++) lines.push(...s.push(chunk)); // 5 MB without a newline
    lines.push(...s.push('\r\nnext\r\n'));
    expect(performance.now() - started).toBeLessThan(500);
    expect(lines).toHaveLength(2);
    const [huge, next] = lines;
    expect(huge!.text.length).toBeLessThan(10_100);
    expect(clipLine(huge!.text, 10_000, huge!.cut)).toMatch(
      /^z{10000}… 5,232,880 more characters$/,
    );
    expect(next).toEqual({ stream: 'stdout', text: 'next' });
  });
});
