/**
 * A program's recorded output on a slide is shown whole when it can be: a long output is set in a
 * smaller font, down to a floor, instead of scrolling in its box (a lecturer cannot scroll a
 * projected slide while talking, and the last lines are usually the point).
 */

/** Font sizes (px, in the 1280×720 stage) for recorded output: the slides' code size, and the floor. */
export const OUTPUT_FONT = { max: 20, min: 12 } as const;

/**
 * The largest whole size in [min, max] for which `fits(size)` holds, or `min` when none does.
 * `fits` must be monotone: a smaller size never fits worse.
 */
export function largestFit(min: number, max: number, fits: (px: number) => boolean): number {
  if (fits(max)) return max;
  if (!fits(min)) return min;
  let lo = min; // fits
  let hi = max; // does not fit
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Below this size (px) a recorded output under its code is hard to read from the back of a room:
 * the slide tries the code and the output side by side instead (see {@link fitOutputs}).
 */
export const COMFORTABLE_OUTPUT = 16;

/** How a recorded output was fitted: its size (px) and whether it shows whole at that size. */
export interface OutputFit {
  readonly size: number;
  readonly whole: boolean;
}

/**
 * Which layout shows a program's output better: side by side only when the output shows whole
 * there and either did not show whole under the code, or shows larger; the code must show as well
 * there as under it (no sideways scrolling, no more cut off at the bottom).
 */
export function preferColumns(
  stacked: OutputFit,
  columns: OutputFit,
  codeFitsInColumns: boolean,
): boolean {
  if (!codeFitsInColumns || !columns.whole) return false;
  return !stacked.whole || columns.size > stacked.size;
}

/**
 * Whether an output is better shown with its long lines wrapped: when it shows whole only so, or
 * at least {@link WRAP_GAIN} px larger (a wrapped line breaks a column of output apart, so a
 * small gain is not worth it), or when neither shows whole (wrapped, nothing is cut off at the
 * right).
 */
export function preferWrapped(plain: OutputFit, wrapped: OutputFit): boolean {
  if (!plain.whole) return wrapped.whole || wrapped.size >= plain.size;
  return wrapped.whole && wrapped.size >= plain.size + WRAP_GAIN;
}

/** How much larger (px) a wrapped output must be to be preferred to one with whole lines. */
export const WRAP_GAIN = 4;

/**
 * Sets each recorded output on `slide` in the largest size at which it neither scrolls nor is cut
 * off at the right (see {@link OUTPUT_FONT}). Lines still too long at the floor are wrapped
 * (`data-wrap`) rather than cut; an output still too tall keeps the floor and scrolls in a box of
 * the usual height. An output that shows whole under its code only below
 * {@link COMFORTABLE_OUTPUT}, or not whole at all, is tried beside the code (`data-columns` on the
 * snippet: code on the left, output on the right, deck.css), and kept there if it shows better
 * (see {@link preferColumns}). The output of a run on the slide is set in the largest size at
 * which it shows whole, in the layout chosen for the recording. Run when the slide is shown, with
 * all its steps as they are, and when a run on it ends.
 */
export function fitOutputs(slide: HTMLElement): void {
  for (const figure of slide.querySelectorAll<HTMLElement>('.snippet')) {
    const pre = figure.querySelector<HTMLElement>(':scope > .snippet-output > pre');
    // After Run the live output takes the recording's place (deck.css hides it): the layout
    // chosen for the recording stays, and the live output is fitted in it.
    if (pre !== null && pre.getClientRects().length > 0) fitRecorded(figure, pre);
    const log = figure.querySelector<HTMLElement>(':scope > .run-output:not([hidden]) > .run-log');
    if (log !== null) fitLive(figure, log);
  }
}

/** Fits a recorded output under its code, or beside it if it shows better there. */
function fitRecorded(figure: HTMLElement, pre: HTMLElement): void {
  delete figure.dataset['columns'];
  const stacked = fitOutput(pre);
  if (stacked.whole && stacked.size >= COMFORTABLE_OUTPUT) return;
  const code = figure.querySelector<HTMLElement>(':scope > .snippet-code > pre');
  if (code === null || code.getClientRects().length === 0) return; // no code on this slide
  const codeTooTall = code.scrollHeight - code.clientHeight;
  figure.dataset['columns'] = '';
  // Beside the code an output keeps its lines whole: a wrapped line in a narrow column breaks a
  // table or a log apart (a lecturer's review found a six-column table wrapped row by row).
  const columns = fitOutput(pre, false);
  const codeFits =
    code.scrollWidth <= code.clientWidth + 1 &&
    code.scrollHeight - code.clientHeight <= Math.max(codeTooTall, 1);
  if (preferColumns(stacked, columns, codeFits)) return;
  delete figure.dataset['columns'];
  fitOutput(pre);
}

/**
 * Fits the output of a run on the slide (its lines already wrap) in the largest size at which it
 * shows whole; the floor if none does (it scrolls then, as while the program runs).
 */
function fitLive(figure: HTMLElement, log: HTMLElement): void {
  const fits = (px: number): boolean => {
    log.style.fontSize = `${px}px`;
    return showsWhole(log, figure);
  };
  const size = largestFit(OUTPUT_FONT.min, OUTPUT_FONT.max, fits);
  fits(size);
  if (size === OUTPUT_FONT.max) log.style.removeProperty('font-size');
}

/**
 * Fits one recorded output in the layout its snippet has now; see {@link fitOutputs}. With
 * `mayWrap` false its long lines are never wrapped.
 */
function fitOutput(pre: HTMLElement, mayWrap = true): OutputFit {
  const box = pre.parentElement as HTMLElement; // .snippet-output: its minimum height is in lines
  const figure = pre.closest('.snippet') as HTMLElement;
  delete pre.dataset['wrap'];
  const fits = (px: number): boolean => {
    box.style.fontSize = pre.style.fontSize = `${px}px`;
    return showsWhole(pre, figure);
  };
  /** Whether some line is too long for the box at the largest size (leaves that size set). */
  const tooWide = (): boolean => {
    box.style.fontSize = pre.style.fontSize = `${OUTPUT_FONT.max}px`;
    return pre.scrollWidth > pre.clientWidth + 1;
  };
  const plain = largestFit(OUTPUT_FONT.min, OUTPUT_FONT.max, fits);
  const plainWhole = fits(plain);
  let size = plain;
  let whole = plainWhole;
  if ((plainWhole && plain === OUTPUT_FONT.max) || !mayWrap) {
    // Fits at the largest size, or may not wrap: nothing to try.
  } else if (!tooWide()) {
    fits(plain);
  } else {
    // Lines too long at the largest size: wrapping them may let the output show larger.
    pre.dataset['wrap'] = '';
    const wrapped = largestFit(OUTPUT_FONT.min, OUTPUT_FONT.max, fits);
    const wrappedWhole = fits(wrapped);
    if (preferWrapped({ size: plain, whole: plainWhole }, { size: wrapped, whole: wrappedWhole })) {
      size = wrapped;
      whole = wrappedWhole;
    } else {
      delete pre.dataset['wrap'];
      fits(plain);
    }
  }
  if (size === OUTPUT_FONT.max) pre.style.removeProperty('font-size');
  // The box keeps its usual height (five lines of the usual size) for an output that scrolls
  // anyway, so that more of it shows in the small size.
  if (size === OUTPUT_FONT.max || !whole) box.style.removeProperty('font-size');
  return { size, whole };
}

/**
 * `el` neither scrolls (down or sideways) nor has text below the end of `figure` (its box may
 * reach past the figure's end, which cuts it off).
 */
function showsWhole(el: HTMLElement, figure: HTMLElement): boolean {
  return (
    el.scrollHeight <= el.clientHeight + 1 &&
    el.scrollWidth <= el.clientWidth + 1 &&
    textBottom(el) <= figure.getBoundingClientRect().bottom + 1
  );
}

/** Where the last line of `el`'s text ends on screen (a trailing newline adds no line). */
export function textBottom(el: Element): number {
  const range = document.createRange();
  range.selectNodeContents(el);
  let bottom = -Infinity;
  for (const r of range.getClientRects()) if (r.width > 0) bottom = Math.max(bottom, r.bottom);
  return bottom;
}
