import { describe, expect, it } from 'vitest';
import { actionFor, SHORTCUTS } from './keys.ts';

const free = { typing: false, onControl: false };

describe('deck key map', () => {
  it('maps the presentation keys', () => {
    const cases: [string, string | undefined][] = [
      ['ArrowRight', 'next'],
      ['PageDown', 'next'],
      [' ', 'next'],
      ['ArrowLeft', 'prev'],
      ['PageUp', 'prev'],
      ['Home', 'first'],
      ['End', 'last'],
      ['o', 'overview'],
      ['O', undefined],
      ['g', 'goto'],
      ['b', 'blackout'],
      ['f', 'fullscreen'],
      ['p', 'presenter'],
      ['x', undefined],
      ['ArrowDown', undefined],
    ];
    for (const [key, action] of cases)
      expect(actionFor({ key, shiftKey: key === 'O' }, free), key).toBe(action);
  });

  it('Shift+Space goes back and Shift+/ (?) opens the help', () => {
    expect(actionFor({ key: ' ', shiftKey: true }, free)).toBe('prev');
    expect(actionFor({ key: '?', shiftKey: true }, free)).toBe('help');
  });

  it('takes nothing while the learner types, and no modified keys', () => {
    for (const key of ['ArrowRight', ' ', 'o', 'b', '?'])
      expect(actionFor({ key }, { typing: true, onControl: false })).toBeUndefined();
    expect(actionFor({ key: 'ArrowLeft', altKey: true }, free)).toBeUndefined();
    expect(actionFor({ key: 'f', ctrlKey: true }, free)).toBeUndefined();
    expect(actionFor({ key: 'p', metaKey: true }, free)).toBeUndefined();
  });

  it('leaves Space to a focused button but still takes the arrows there', () => {
    const onButton = { typing: false, onControl: true };
    expect(actionFor({ key: ' ' }, onButton)).toBeUndefined();
    expect(actionFor({ key: 'ArrowRight' }, onButton)).toBe('next');
  });

  it('documents every action it maps', () => {
    expect(SHORTCUTS.map(([k]) => k).join(' ')).toContain('PageDown');
    expect(SHORTCUTS).toHaveLength(9);
  });
});
