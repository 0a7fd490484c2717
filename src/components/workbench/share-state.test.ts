import { describe, expect, it } from 'vitest';
import { offerShared, sharedNotice, shownCode } from './share-state.ts';

const ORIGINAL = 'console.log("lesson");';
const SHARED = 'console.log("friend");';
const MINE = 'console.log("mine");';

describe('offerShared', () => {
  it('shows the shared code at once when the reader has no edit', () => {
    const s = offerShared(undefined, ORIGINAL, ORIGINAL, SHARED);
    expect(s).toEqual({ code: SHARED, mine: undefined, showing: 'shared' });
    expect(shownCode(s)).toBe(SHARED);
  });

  it('keeps the reader’s own edit on show and asks first', () => {
    const s = offerShared(undefined, MINE, ORIGINAL, SHARED);
    expect(s).toEqual({ code: SHARED, mine: MINE, showing: 'mine' });
    expect(shownCode(s)).toBe(MINE);
    const n = sharedNotice(s);
    expect(n.use).toBe(true);
    expect(n.back).toBe('Keep my version');
  });

  it('does not ask when the reader’s edit is the shared code already', () => {
    expect(offerShared(undefined, SHARED, ORIGINAL, SHARED).showing).toBe('shared');
  });

  it('a second link keeps the reader’s version, not the first link’s code', () => {
    const first = offerShared(undefined, ORIGINAL, ORIGINAL, SHARED);
    const second = offerShared(first, SHARED, ORIGINAL, 'console.log("other");');
    expect(second.mine).toBeUndefined();
    expect(second.showing).toBe('shared');
    const withMine = offerShared(
      { ...offerShared(undefined, MINE, ORIGINAL, SHARED), showing: 'shared' },
      SHARED,
      ORIGINAL,
      'x',
    );
    expect(withMine).toEqual({ code: 'x', mine: MINE, showing: 'mine' });
  });
});

describe('sharedNotice', () => {
  it('says the code is someone else’s and has not run', () => {
    const n = sharedNotice(offerShared(undefined, ORIGINAL, ORIGINAL, SHARED));
    expect(n.text).toMatch(/someone else’s/);
    expect(n.text).toMatch(/has not run/);
    expect(n.text).toMatch(/nothing runs until you press Run/);
    expect(n).toMatchObject({ use: false, back: undefined });
  });

  it('offers the way back once the reader chose the shared code over their own', () => {
    const s = { ...offerShared(undefined, MINE, ORIGINAL, SHARED), showing: 'shared' as const };
    expect(sharedNotice(s)).toMatchObject({ use: false, back: 'Back to my version' });
    expect(sharedNotice(s).text).toMatch(/stays saved until you edit or run/);
  });
});
