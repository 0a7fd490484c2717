import { expect, test, type Page } from '@playwright/test';
import { builtPages } from './pages.ts';

// At 1280×720, every slide of every deck fits its 16:9 stage: with all its click steps shown,
// nothing is taller than the slide and nothing sticks out to the right of it, and no code block
// or table has to scroll sideways. A snippet's code shows whole, neither scrolling in its box
// nor cut off by it: a long program names the lines the slide is about with
// `<Snippet slideRegion>`. A recorded output shows whole too: the deck sets it smaller, or beside
// its code (output-fit.ts), and an output too long for that has a slide of its own
// (`slideShow="output"`). A slide that is meant to scroll says so with an element carrying
// `data-slide-scrolls` (the authors' guide shows one); it is skipped.
const decks = builtPages().filter((p) => /^\/slides\/[^/]+\/$/.test(p));

test.use({ viewport: { width: 1280, height: 720 } });

test('the build has decks to check', () => {
  expect(decks.length).toBeGreaterThan(1);
});

/** What one slide's check found; `problems` is empty when the slide fits. */
interface SlideFit {
  readonly number: number;
  readonly title: string;
  readonly problems: string[];
}

/**
 * Shows every slide of the deck with all its click steps, one after the other, and measures
 * each, in one call into the page: the deck follows the URL's hash (`#3.2`: slide 3, step 2), so
 * the walk sets it and measures once the deck has followed. A slide the deck does not show as
 * asked is a problem too.
 */
function walkDeck(page: Page): Promise<{ slides: number; fits: SlideFit[] }> {
  return page.evaluate(async () => {
    const measure = (): SlideFit => {
      const slide = document.querySelector<HTMLElement>('section.slide[data-current]')!;
      const label = slide.getAttribute('aria-label') ?? '';
      const number = Number(slide.dataset['slideNumber']);
      const title = label.replace(/^\d+ of \d+: /, '');
      const problems: string[] = [];
      if (slide.querySelector('[data-slide-scrolls]')) return { number, title, problems };
      const name = (el: Element): string => {
        const cls = [...el.classList].slice(0, 2).join('.');
        const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        return `<${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}>${text ? ` "${text}"` : ''}`;
      };
      if (slide.scrollHeight > slide.clientHeight + 1) {
        problems.push(
          `content is ${slide.scrollHeight}px tall in a ${slide.clientHeight}px slide (${slide.scrollHeight - slide.clientHeight}px too tall)`,
        );
      }
      // The stage is scaled as a whole: compare rectangles in the same (scaled) pixels, report
      // in the stage's own pixels.
      const box = slide.getBoundingClientRect();
      const scale = box.width / slide.offsetWidth || 1;
      const clipped = (el: Element): boolean => {
        for (let p = el.parentElement; p && p !== slide; p = p.parentElement) {
          if (getComputedStyle(p).overflowX !== 'visible') return true;
        }
        return false;
      };
      for (const el of slide.querySelectorAll<HTMLElement>('*')) {
        if (el.closest('[data-speaker-notes], details:not([open]) > :not(summary)')) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden') continue;
        const beyond = (r.right - box.right) / scale;
        if (beyond > 1 && !clipped(el)) {
          problems.push(`${name(el)} sticks out ${Math.round(beyond)}px on the right`);
        }
        const sideways = style.overflowX === 'auto' || style.overflowX === 'scroll';
        if (sideways && el.scrollWidth > el.clientWidth + 1 && !clipped(el)) {
          problems.push(
            `${name(el)} scrolls sideways: ${el.scrollWidth}px of content in ${el.clientWidth}px`,
          );
        }
      }
      for (const pre of slide.querySelectorAll<HTMLElement>('.snippet > .snippet-code > pre')) {
        const figure = pre.closest('.snippet')!;
        const file = figure.getAttribute('data-file') ?? 'a snippet';
        if (pre.scrollHeight > pre.clientHeight + 1) {
          problems.push(
            `the code of ${file} scrolls: ${pre.scrollHeight}px in a ${pre.clientHeight}px box (show fewer lines with slideRegion)`,
          );
        } else if (
          pre.getBoundingClientRect().bottom >
          figure.getBoundingClientRect().bottom + scale
        ) {
          problems.push(`the code of ${file} is cut off at the bottom of its figure`);
        }
      }
      // Every recorded output shows whole: neither scrolling nor cut off by its figure.
      for (const pre of slide.querySelectorAll<HTMLElement>('.snippet > .snippet-output > pre')) {
        if (pre.getClientRects().length === 0) continue; // not on this slide (a live run's place)
        const file = pre.closest('.snippet')!.getAttribute('data-file') ?? 'a snippet';
        const size = parseFloat(getComputedStyle(pre).fontSize);
        const text = document.createRange();
        text.selectNodeContents(pre);
        let bottom = -Infinity; // of the last line of text (a trailing newline adds none)
        for (const r of text.getClientRects()) if (r.width > 0) bottom = Math.max(bottom, r.bottom);
        const over =
          pre.scrollHeight > pre.clientHeight + 1 ||
          pre.scrollWidth > pre.clientWidth + 1 ||
          bottom > pre.closest('.snippet')!.getBoundingClientRect().bottom + scale;
        if (over)
          problems.push(
            `the output of ${file} scrolls or is cut off at ${size}px (too long for its slide: give it one of its own with slideShow="output")`,
          );
      }
      // One line per offender: an element whose parent already sticks out adds nothing.
      return { number, title, problems: [...new Set(problems)].slice(0, 6) };
    };
    const plan = [
      ...document.querySelectorAll<HTMLElement>('section.slide[data-slide-number]'),
    ].map((s) => ({
      number: Number(s.dataset['slideNumber']),
      steps: s.querySelectorAll('[data-step]').length,
    }));
    const fits: SlideFit[] = [];
    for (const { number, steps } of plan) {
      // Every step shown: the slide as it looks once the presenter has clicked through it.
      const hash = `#${steps ? `${number}.${steps}` : number}`;
      if (location.hash !== hash) {
        const followed = new Promise<boolean>((resolve) => {
          addEventListener('hashchange', () => resolve(true), { once: true });
          setTimeout(() => resolve(false), 5_000);
        });
        location.hash = hash;
        if (!(await followed)) {
          fits.push({ number, title: '', problems: [`the deck did not follow ${hash}`] });
          continue;
        }
      }
      const current = document.querySelector<HTMLElement>(
        `section.slide[data-current][data-slide-number="${number}"]`,
      );
      if (
        !current ||
        current.checkVisibility() === false ||
        current.querySelector('[data-step-hidden]')
      ) {
        fits.push({ number, title: '', problems: [`${hash} is not shown with all its steps`] });
        continue;
      }
      fits.push(measure());
    }
    return { slides: plan.length, fits };
  });
}

for (const deck of decks) {
  test(`every slide fits the stage: ${deck}`, async ({ page }) => {
    await page.goto(deck);
    await expect(page.locator('html')).toHaveAttribute('data-deck-ready', '');
    await page.evaluate(() => document.fonts.ready);
    const { slides, fits } = await walkDeck(page);
    expect(slides).toBeGreaterThan(0);
    const violations = fits.flatMap((fit) =>
      fit.problems.map((p) => `${deck}#${fit.number} "${fit.title}": ${p}`),
    );
    test.info().annotations.push({
      type: 'overflow',
      description: `${slides} slides, ${violations.length} problems`,
    });
    expect(violations, violations.join('\n')).toEqual([]);
  });
}
