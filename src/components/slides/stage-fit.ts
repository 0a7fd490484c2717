import { fitScale, printFit, REFLOW_BELOW, STAGE } from '../../course/slides/stage.ts';

/**
 * Scales the fixed 1280×720 stage to fit its box (the window, or the presenter's pane) and
 * keeps doing so as the box changes size. Narrow screens get a reflowed stage instead
 * (`data-reflow`): a phone would otherwise show slide text a few pixels high. A preview (the
 * presenter's "next" frame) is always scaled, since it must look like the audience's screen.
 */
export function fitStage(viewport: HTMLElement, stage: HTMLElement, canReflow = true): void {
  const apply = (): void => {
    const { width, height } = viewport.getBoundingClientRect();
    const reflow = canReflow && width < REFLOW_BELOW;
    viewport.toggleAttribute('data-reflow', reflow);
    const s = reflow ? 1 : fitScale(width, height);
    stage.style.setProperty('--deck-scale', String(s));
    // Centre the scaled stage: transform does not change the stage's layout box.
    stage.style.setProperty('--deck-left', `${Math.max(0, (width - STAGE.width * s) / 2)}px`);
    stage.style.setProperty('--deck-top', `${Math.max(0, (height - STAGE.height * s) / 2)}px`);
  };
  new ResizeObserver(apply).observe(viewport);
  apply();
}

/**
 * Shrinks the content of slides that would overflow a printed page (on screen they scroll),
 * so each slide prints on exactly one page. Run while the print layout is applied.
 */
export function fitForPrint(slides: readonly HTMLElement[]): void {
  for (const slide of slides) {
    slide.style.removeProperty('--print-fit');
    // Padding does not shrink with the content, so one pass can fall short: refine a few times.
    let fit = 1;
    for (let i = 0; i < 4; i++) {
      const more = printFit(slide.scrollHeight, slide.clientHeight || STAGE.height);
      if (more >= 1) break;
      fit *= more * 0.99;
      slide.style.setProperty('--print-fit', String(fit));
    }
  }
}
