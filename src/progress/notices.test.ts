import { describe, expect, it } from 'vitest';
import { noticeFor, noticeText } from './notices.ts';

describe('notice text on the Progress page', () => {
  it('points at the Progress page elsewhere, and below on the page itself', () => {
    for (const n of [noticeFor('set-aside', 1), noticeFor('set-aside', 3), noticeFor('full')]) {
      expect(noticeText(n, false)).toMatch(/from the Progress page( to keep it)?\.$/);
      expect(noticeText(n, true)).not.toMatch(/Progress page/);
      expect(noticeText(n, true)).toMatch(/below( to keep it)?\.$/);
    }
    expect(noticeText(noticeFor('set-aside', 2), true)).toBe(
      '2 saved progress records could not be read (damaged, or from another version of the course). They are kept, and can be exported below.',
    );
  });

  it('keeps the one text of notices that do not mention the page', () => {
    const n = noticeFor('unavailable');
    expect(noticeText(n, true)).toBe(n.text);
    expect(noticeText(n, false)).toBe(n.text);
  });
});
