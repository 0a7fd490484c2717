import { expect, test } from '@playwright/test';
import { builtPages } from './pages.ts';
import {
  NOT_PROSE,
  countWords,
  densityProblems,
  medianWords,
  type MeasuredSlide,
} from '../../src/course/slides/density.ts';

// Every deck of the built site keeps to the slide-density rule (src/course/slides/density.ts):
// the words are counted in the rendered slides, after the deck has laid them out.
const decks = builtPages().filter((p) => /^\/slides\/[^/]+\/$/.test(p));

test('the build has decks to measure', () => {
  expect(decks.length).toBeGreaterThan(1);
});

for (const deck of decks) {
  test(`slide density: ${deck}`, async ({ page }) => {
    await page.goto(deck);
    await expect(page.locator('html')).toHaveAttribute('data-deck-ready', '');
    const raw = await page.evaluate((notProse) => {
      return [...document.querySelectorAll<HTMLElement>('section.slide[data-slide-number]')].map(
        (section) => {
          const copy = section.cloneNode(true) as HTMLElement;
          copy.removeAttribute('hidden');
          for (const el of copy.querySelectorAll(notProse)) el.remove();
          return {
            number: Number(section.dataset['slideNumber']),
            title: section.querySelector('h1, h2')?.textContent?.trim() ?? '',
            text: copy.textContent ?? '',
          };
        },
      );
    }, NOT_PROSE);
    let last = '';
    const slides: MeasuredSlide[] = raw
      .map((s) => {
        const title = s.title || `${last} (continued)`;
        last = s.title || last;
        return { number: s.number, title, words: countWords(s.text) };
      })
      .filter((s) => s.number > 1); // the title slide: the chapter's title, summary and objectives
    expect(slides.length).toBeGreaterThan(0);
    test.info().annotations.push({
      type: 'density',
      description: `${slides.length} slides, median ${medianWords(slides)} words, max ${Math.max(...slides.map((s) => s.words))}`,
    });
    expect(densityProblems(deck, slides)).toEqual([]);
  });
}
