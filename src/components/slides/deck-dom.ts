import { fitOutputs } from './output-fit.ts';
import { planSlides, stepSource, type SectionInfo } from '../../course/slides/plan.ts';
import type { Position } from '../../course/slides/position.ts';

/** One slide as the deck sees it in the page. */
export interface SlideView {
  readonly el: HTMLElement;
  readonly title: string;
  /** Click steps in reveal order; step n shows the first n of them. */
  readonly steps: readonly HTMLElement[];
  /** Speaker notes (`<Notes>`), hidden from the audience. */
  readonly notes: readonly HTMLElement[];
  /**
   * For a slide with no notes of its own, the notes of the first later slide of the same
   * section that has some (a heading's claim is often explained under the code that follows it
   * on a "(continued)" slide); empty otherwise.
   */
  readonly sectionNotes: readonly HTMLElement[];
}

const INVISIBLE = new Set(['SCRIPT', 'STYLE', 'LINK', 'TEMPLATE']);
const elementKids = (el: Element): Element[] =>
  [...el.children].filter((c) => !INVISIBLE.has(c.tagName));
const isNotes = (el: Element): boolean => el.matches('[data-speaker-notes], [data-slide-break]');

function describe(section: HTMLElement): SectionInfo {
  const kids = elementKids(section);
  const h1 = section.querySelector(':scope > h1');
  const firstKid = kids[0];
  const heading = h1 ?? (firstKid?.tagName === 'H2' ? firstKid : undefined);
  const text = [...section.childNodes].some(
    (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
  );
  return {
    heading: heading?.textContent ?? undefined,
    visible: text || kids.some((k) => !isNotes(k)),
  };
}

function stepsOf(slide: HTMLElement): HTMLElement[] {
  return [...slide.querySelectorAll<HTMLElement>('[data-steps]')].flatMap((wrapper) => {
    const kids = elementKids(wrapper);
    const from =
      stepSource(kids.map((k) => k.tagName)) === 'list-items' ? elementKids(kids[0]!) : kids;
    return from.filter((k): k is HTMLElement => k instanceof HTMLElement);
  });
}

/**
 * Finds the slides the page rendered (`<section class="slide">` children of the stage), drops
 * the empty ones for good, and labels each as a slide for assistive technology.
 */
export function collectSlides(stage: HTMLElement, lessonTitle: string): SlideView[] {
  const sections = [...stage.querySelectorAll<HTMLElement>(':scope > section.slide')];
  const plan = planSlides(sections.map(describe), lessonTitle);
  const kept = new Set(plan.map((p) => p.section));
  sections.forEach((s, i) => {
    if (!kept.has(i)) {
      s.hidden = true;
      s.classList.add('slide-empty');
    }
  });
  const views = plan.map(({ section, title, continues }, i) => {
    const el = sections[section]!;
    el.setAttribute('role', 'group');
    el.setAttribute('aria-roledescription', 'slide');
    el.setAttribute('aria-label', `${i + 1} of ${plan.length}: ${title}`);
    el.dataset['slideNumber'] = String(i + 1);
    // A "(continued)" slide shows its section's title, small, for the audience (deck.css).
    if (continues !== undefined) el.dataset['continues'] = continues;
    el.tabIndex = 0; // so a slide whose content scrolls can be scrolled with the keyboard
    const steps = stepsOf(el);
    steps.forEach((s, n) => (s.dataset['step'] = String(n + 1)));
    const notes = [...el.querySelectorAll<HTMLElement>('[data-speaker-notes]')];
    return { el, title, continues, steps, notes };
  });
  return views.map((v, i) => ({
    ...v,
    sectionNotes: v.notes.length > 0 ? [] : laterNotes(views, i),
  }));
}

/** The notes of the first slide after `i` that continues its section and has notes. */
function laterNotes(
  views: readonly {
    title: string;
    continues: string | undefined;
    notes: readonly HTMLElement[];
  }[],
  i: number,
): readonly HTMLElement[] {
  const own = views[i]!.continues ?? views[i]!.title;
  for (let j = i + 1; j < views.length && views[j]!.continues === own; j++)
    if (views[j]!.notes.length > 0) return views[j]!.notes;
  return [];
}

/**
 * Shows one moment: only the current slide is displayed; the others are `hidden` and `inert`,
 * and so are steps not yet revealed (kept in the layout, so revealing one does not move the rest).
 */
export function showPosition(slides: readonly SlideView[], pos: Position): void {
  slides.forEach((s, i) => {
    const current = i === pos.slide;
    s.el.hidden = !current;
    s.el.inert = !current;
    s.el.toggleAttribute('data-current', current);
    s.steps.forEach((step, n) => {
      const shown = !current || n < pos.step;
      step.inert = !shown;
      step.toggleAttribute('data-step-hidden', !shown);
    });
  });
  fitShown(slides, pos);
}

/**
 * Fits the outputs of the slide at `pos` to their boxes (see output-fit.ts), on the fixed stage
 * only: a reflowed (narrow) or printed deck lays its slides out otherwise.
 */
export function fitShown(slides: readonly SlideView[], pos: Position): void {
  const shown = slides[pos.slide]?.el;
  if (
    shown &&
    !shown.closest('[data-reflow]') &&
    document.documentElement.dataset['deckView'] !== 'print'
  )
    fitOutputs(shown);
}
