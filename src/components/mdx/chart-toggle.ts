/**
 * The part every chart redrawn from the reader's run shares (chapters 11 and 12, drawn in
 * `ChartFrame.astro`): the label saying whose figures are shown, the button that flips between
 * the reader's figures and the recorded ones (hidden until the reader has a run), and the live
 * region that says what changed. The chart keeps its own data and drawing; it calls `redraw`
 * with the figures to show.
 */

/** The few element features used here, so the logic can be tested without a DOM. */
export interface ToggleParts {
  readonly root: { dataset: Record<string, string | undefined> };
  readonly label: { textContent: string | null };
  readonly live: { textContent: string | null };
  readonly button: {
    hidden: HTMLElement['hidden'];
    textContent: string | null;
    addEventListener(type: 'click', listener: () => void): void;
  };
}

export interface FiguresToggle {
  /** True while the reader has asked for the recorded figures. */
  readonly recordedOnly: boolean;
  /** A new run of the reader's arrived: show it (the chart then redraws). */
  showMine(): void;
  /**
   * After each redraw: the label's text, whether the reader's figures are on show (marked on the
   * root as `data-showing`, which the frame's CSS draws as a double rule, not by colour alone),
   * and whether the reader has any figures (the button appears once they do).
   */
  shown(label: string, mine: boolean, hasMine: boolean): void;
  /** Says one sentence in the live region. */
  say(text: string): void;
}

/** The button's words: what pressing it will show. */
export const toggleText = (recordedOnly: boolean): string =>
  recordedOnly ? 'Show your figures' : 'Show the recorded figures';

/**
 * Wires the toggle. `redraw` draws the chart from the current state (it reads `recordedOnly`);
 * `announce` gives the sentence for the live region after a press.
 */
export function wireFiguresToggle(
  parts: ToggleParts,
  redraw: () => void,
  announce: (recordedOnly: boolean) => string,
): FiguresToggle {
  let recordedOnly = false;
  const toggle: FiguresToggle = {
    get recordedOnly() {
      return recordedOnly;
    },
    showMine() {
      recordedOnly = false;
    },
    shown(label, mine, hasMine) {
      parts.label.textContent = label;
      parts.root.dataset['showing'] = mine ? 'mine' : 'recorded';
      parts.button.hidden = !hasMine;
      parts.button.textContent = toggleText(recordedOnly);
    },
    say(text) {
      parts.live.textContent = text;
    },
  };
  parts.button.addEventListener('click', () => {
    recordedOnly = !recordedOnly;
    redraw();
    toggle.say(announce(recordedOnly));
  });
  return toggle;
}

/** The parts inside a `ChartFrame` root, found by their data attributes. */
export function toggleParts(root: HTMLElement): ToggleParts {
  const find = <T extends Element>(selector: string): T => {
    const el = root.querySelector<T & Element>(selector);
    if (!el) throw new Error(`chart frame without ${selector}`);
    return el;
  };
  return {
    root,
    label: find('[data-source-label]'),
    live: find('[data-live]'),
    button: find<HTMLButtonElement>('[data-action="toggle-figures"]'),
  };
}
