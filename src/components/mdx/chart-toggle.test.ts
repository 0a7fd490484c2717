import { describe, expect, it } from 'vitest';
import { toggleText, wireFiguresToggle, type ToggleParts } from './chart-toggle.ts';

/** Plain objects standing in for the frame's elements. */
function fakeParts() {
  let click: (() => void) | undefined;
  const parts = {
    root: { dataset: {} as Record<string, string | undefined> },
    label: { textContent: '' as string | null },
    live: { textContent: '' as string | null },
    button: {
      hidden: true,
      textContent: '' as string | null,
      addEventListener: (_type: 'click', listener: () => void) => {
        click = listener;
      },
    },
  } satisfies ToggleParts;
  return { parts, press: () => click?.() };
}

describe('wireFiguresToggle', () => {
  it('keeps the button hidden until the reader has figures, then flips and announces', () => {
    const { parts, press } = fakeParts();
    const seen: boolean[] = [];
    let mine = false;
    const toggle = wireFiguresToggle(
      parts,
      () => {
        seen.push(toggle.recordedOnly);
        toggle.shown(toggle.recordedOnly ? 'Recorded' : 'Your run', !toggle.recordedOnly, mine);
      },
      (recordedOnly) => (recordedOnly ? 'recorded now' : 'yours now'),
    );
    toggle.shown('Recorded', false, false);
    expect(parts.button.hidden).toBe(true);
    expect(parts.root.dataset['showing']).toBe('recorded');

    mine = true;
    toggle.showMine();
    toggle.shown('Your run', true, true);
    expect(parts.button.hidden).toBe(false);
    expect(parts.button.textContent).toBe(toggleText(false));
    expect(parts.root.dataset['showing']).toBe('mine');

    press();
    expect(seen).toEqual([true]);
    expect(parts.label.textContent).toBe('Recorded');
    expect(parts.root.dataset['showing']).toBe('recorded');
    expect(parts.button.textContent).toBe('Show your figures');
    expect(parts.live.textContent).toBe('recorded now');

    press();
    expect(seen).toEqual([true, false]);
    expect(parts.button.textContent).toBe('Show the recorded figures');
    expect(parts.live.textContent).toBe('yours now');
  });

  it('a new run of the reader’s switches back to their figures', () => {
    const { parts, press } = fakeParts();
    const toggle = wireFiguresToggle(
      parts,
      () => {},
      () => '',
    );
    press();
    expect(toggle.recordedOnly).toBe(true);
    toggle.showMine();
    expect(toggle.recordedOnly).toBe(false);
    toggle.say('ran');
    expect(parts.live.textContent).toBe('ran');
  });
});
