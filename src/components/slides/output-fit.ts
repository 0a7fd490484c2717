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
 * Sets each recorded output on `slide` in the largest size at which it neither scrolls nor is cut
 * off at the right (see {@link OUTPUT_FONT}). Lines still too long at the floor are wrapped
 * (`data-wrap`) rather than cut; an output still too tall keeps the floor and scrolls in a box of
 * the usual height. Run when the slide is shown, with all its steps as they are.
 */
export function fitOutputs(slide: HTMLElement): void {
  for (const pre of slide.querySelectorAll<HTMLElement>('.snippet > .snippet-output > pre')) {
    const box = pre.parentElement as HTMLElement; // .snippet-output: its minimum height is in lines
    const figure = pre.closest('.snippet') as HTMLElement;
    delete pre.dataset['wrap'];
    const fits = (px: number): boolean => {
      box.style.fontSize = pre.style.fontSize = `${px}px`;
      return (
        pre.scrollHeight <= pre.clientHeight + 1 &&
        pre.scrollWidth <= pre.clientWidth + 1 &&
        // Its text is not cut off by the figure either (the box may reach past the figure's end).
        textBottom(pre) <= figure.getBoundingClientRect().bottom + 1
      );
    };
    let size = largestFit(OUTPUT_FONT.min, OUTPUT_FONT.max, fits);
    if (!fits(size) && pre.scrollWidth > pre.clientWidth + 1) {
      pre.dataset['wrap'] = '';
      size = largestFit(OUTPUT_FONT.min, OUTPUT_FONT.max, fits);
    }
    const whole = fits(size);
    if (size === OUTPUT_FONT.max) pre.style.removeProperty('font-size');
    // The box keeps its usual height (five lines of the usual size) for an output that scrolls
    // anyway, so that more of it shows in the small size.
    if (size === OUTPUT_FONT.max || !whole) box.style.removeProperty('font-size');
  }
}

/** Where the last line of `el`'s text ends on screen (a trailing newline adds no line). */
export function textBottom(el: Element): number {
  const range = document.createRange();
  range.selectNodeContents(el);
  let bottom = -Infinity;
  for (const r of range.getClientRects()) if (r.width > 0) bottom = Math.max(bottom, r.bottom);
  return bottom;
}
