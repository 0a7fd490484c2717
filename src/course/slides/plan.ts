/**
 * What the deck needs to know about one `<section class="slide">` the page rendered: its `##`
 * heading (if it starts with one) and whether it shows anything. A section starts at every
 * top-level `##` and every `<SlideBreak />`; the content before the first `##` is a section too.
 */
export interface SectionInfo {
  readonly heading: string | undefined;
  /** False for sections holding only whitespace, scripts, styles or speaker notes. */
  readonly visible: boolean;
}

/** A slide of the deck: which rendered section it is and the title it is announced by. */
export interface PlannedSlide {
  readonly section: number;
  readonly title: string;
  /** For a slide without a heading of its own, the title of the section it continues. */
  readonly continues?: string;
}

/**
 * Turns rendered sections into slides: empty sections are dropped (a lesson whose text starts
 * with `##` has an empty lead-in); a section without a heading (after a `<SlideBreak />`) takes
 * the title of the slide before it, marked "(continued)"; the lead-in is titled by the lesson.
 */
export function planSlides(sections: readonly SectionInfo[], lessonTitle: string): PlannedSlide[] {
  const out: PlannedSlide[] = [];
  let current = lessonTitle;
  let headed = false;
  sections.forEach((s, section) => {
    if (s.heading !== undefined && s.heading.trim() !== '') {
      current = s.heading.trim();
      headed = true;
    }
    if (!s.visible) return;
    const continued = s.heading === undefined && headed && out.length > 0;
    out.push(
      continued
        ? { section, title: `${current} (continued)`, continues: current }
        : { section, title: current },
    );
  });
  return out;
}

/** The polite announcement for a slide change: "Slide 3 of 12: Title", plus the step if any. */
export function announcement(
  index: number,
  total: number,
  title: string,
  step: number,
  steps: number,
): string {
  const base = `Slide ${index + 1} of ${total}: ${title}`;
  return steps > 0 ? `${base}, step ${step} of ${steps}` : base;
}

/**
 * Which elements of a `<Steps>` wrapper are its steps: the items of its list when the wrapper
 * holds just one list (the common case, `<Steps>` around a Markdown list), else its children.
 * Takes the tag names of the wrapper's element children (scripts and styles already left out).
 */
export function stepSource(childTags: readonly string[]): 'list-items' | 'children' {
  return childTags.length === 1 && /^(ul|ol)$/i.test(childTags[0]!) ? 'list-items' : 'children';
}
