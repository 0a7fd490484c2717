/** The logical size every slide is laid out at; the stage is scaled as a whole to fit a screen. */
export const STAGE = { width: 1280, height: 720 } as const;

/**
 * The scale that fits the stage into a box of `width` × `height` pixels, keeping 16:9
 * (letterboxed). Never zero, so a hidden (0×0) box does not collapse the layout.
 */
export function fitScale(width: number, height: number): number {
  const s = Math.min(width / STAGE.width, height / STAGE.height);
  return Number.isFinite(s) && s > 0 ? s : 1;
}

/**
 * Below this width the deck stops scaling a 1280-px stage (text would shrink to a few pixels)
 * and lets each slide fill the screen at normal size, scrolling vertically.
 */
export const REFLOW_BELOW = 640;

/** How much to shrink a slide's content so `contentHeight` fits one printed page. */
export const printFit = (contentHeight: number, pageHeight: number = STAGE.height): number =>
  contentHeight > pageHeight ? pageHeight / contentHeight : 1;

/** Elapsed time as `m:ss`, or `h:mm:ss` past an hour, for the presenter's timer. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
