import { expect, test, type Page } from '@playwright/test';
import { runAndWait } from '../fixtures/runtime/e2e-helpers.ts';
import { violationsInBothThemes } from './axe.ts';
import { builtPages } from './pages.ts';

// The authors' guide deck has steps, notes and a slide break; the first lesson has snippets.
const GUIDE = '/slides/writing-slides/';
const LESSON = '/slides/waiting-is-the-job/';

const current = (page: Page) => page.locator('section.slide[data-current]');
const live = (page: Page) => page.locator('[data-deck-live]');

async function openDeck(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator('html')).toHaveAttribute('data-deck-ready', '');
}

test('keys move through slides and steps; every move has a URL and a history entry', async ({
  page,
}) => {
  await openDeck(page, GUIDE);
  await expect(page).toHaveURL(/#1$/);
  await expect(current(page).locator('h1')).toHaveText('Writing slides');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#2$/);
  await expect(current(page).locator('h2')).toHaveText('One source, two views');
  await expect(live(page)).toHaveText('Slide 2 of 7: One source, two views');
  await page.keyboard.press('Space');
  await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(/#3\.1$/);
  await expect(live(page)).toHaveText('Slide 3 of 7: Click steps, step 1 of 3');
  const items = current(page).locator('[data-step]');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toBeVisible();
  await expect(items.nth(1)).toBeHidden();
  await page.keyboard.press('End');
  await expect(page).toHaveURL(/#7$/);
  await page.keyboard.press('Home');
  await expect(page).toHaveURL(/#1$/);
  // Back and forward retrace the moves.
  await page.goBack();
  await expect(page).toHaveURL(/#7$/);
  await page.goBack();
  await expect(page).toHaveURL(/#3\.1$/);
  await expect(items.nth(0)).toBeVisible();
  await page.goForward();
  await expect(current(page)).toHaveAttribute('data-slide-number', '7');
  // Going back from a slide shows the previous one as it was left: all steps revealed.
  await page.goto(`${GUIDE}#4`);
  await page.keyboard.press('PageUp');
  await expect(page).toHaveURL(/#3\.3$/);
  // A slide break continues its section's title (slide 4 has two steps to pass first).
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(live(page)).toHaveText('Slide 5 of 7: Steps of any kind (continued)');
});

test('a deep link opens one step of a slide, and survives a reload', async ({ page }) => {
  await openDeck(page, `${GUIDE}#3.2`);
  const items = current(page).locator('[data-step]');
  await expect(current(page).locator('h2')).toHaveText('Click steps');
  await expect(items.nth(1)).toBeVisible();
  await expect(items.nth(2)).toBeHidden();
  await expect(items.nth(2)).toHaveJSProperty('inert', true);
  await page.reload();
  await expect(items.nth(1)).toBeVisible();
  await expect(items.nth(2)).toBeHidden();
  // Other slides are hidden and inert; a heading's id opens its slide too.
  await expect(page.locator('section.slide[hidden]').first()).toHaveJSProperty('inert', true);
  await page.goto(`${GUIDE}#long-slides-scroll`);
  await expect(current(page).locator('h2')).toHaveText('Long slides scroll');
});

test('a deck shows <DeckOnly> content and leaves <PageOnly> content out', async ({ page }) => {
  await openDeck(page, `${GUIDE}#page-only-and-deck-only-content`);
  await expect(current(page).getByText('Keep blank lines inside both')).toBeVisible();
  await expect(page.getByText('This paragraph is on no slide')).toHaveCount(0);
});

test('presenter and audience windows follow each other both ways', async ({ context }) => {
  const audience = await context.newPage();
  await openDeck(audience, `${GUIDE}#2`);
  const presenter = await context.newPage();
  const errors: string[] = [];
  for (const p of [audience, presenter]) {
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  }
  await openDeck(presenter, `${GUIDE}?presenter#1`);
  // The presenter joins the running talk.
  await expect(presenter).toHaveURL(/\?presenter#2$/);
  const notes = presenter.locator('[data-presenter-notes]');
  await expect(notes).toContainText('press the Slides link');
  await expect(presenter.locator('[data-presenter-timer]')).toHaveText(/^\d+:\d\d$/);
  const next = presenter.frameLocator('[data-presenter-next] iframe');
  await expect(next.locator('section.slide[data-current] h2')).toHaveText('Click steps');
  // Notes stay hidden from the audience.
  await expect(audience.locator('[data-speaker-notes]').first()).toBeHidden();
  await presenter.keyboard.press('ArrowRight');
  await expect(audience).toHaveURL(/#3$/);
  await expect(current(audience).locator('h2')).toHaveText('Click steps');
  await audience.keyboard.press('ArrowRight');
  await expect(presenter).toHaveURL(/#3\.1$/);
  await expect(notes).toContainText('Three clicks');
  await expect(next.locator('section.slide[data-current] [data-step]').nth(1)).toBeVisible();
  await presenter.keyboard.press('b');
  await expect(audience.locator('[data-deck-blackout]')).toBeVisible();
  await presenter.keyboard.press('x');
  await expect(audience.locator('[data-deck-blackout]')).toBeHidden();
  expect(errors).toEqual([]);
});

test("a slide without notes shows its section's notes from the next slide, saying so", async ({
  page,
}) => {
  // "Steps of any kind" (slide 4) has none; its "(continued)" slide 5 has the section's.
  await openDeck(page, `${GUIDE}?presenter#4`);
  const notes = page.locator('[data-presenter-notes]');
  await expect(notes).toContainText('From the next slide of this section:');
  await expect(notes).toContainText('Notes for the continued slide.');
  await openDeck(page, `${GUIDE}?presenter#5`);
  await expect(notes).toHaveText('Notes for the continued slide.');
});

test('a continued slide shows its section title, small, to the audience', async ({ page }) => {
  await openDeck(page, `${GUIDE}#5`);
  const slide = current(page);
  await expect(slide).toHaveAttribute('data-continues', 'Steps of any kind');
  const head = await slide.evaluate((el) => getComputedStyle(el, '::before').content);
  expect(head).toContain('Steps of any kind');
  // A slide with its own heading has none.
  await openDeck(page, `${GUIDE}#4`);
  await expect(current(page)).not.toHaveAttribute('data-continues');
});

test('the overview lists every slide and opens one', async ({ page }) => {
  await openDeck(page, `${GUIDE}#2`);
  await page.keyboard.press('o');
  const dialog = page.getByRole('dialog', { name: 'All slides' });
  await expect(dialog).toBeVisible();
  const cards = dialog.locator('.overview-card');
  await expect(cards).toHaveCount(7);
  await expect(cards.nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(cards.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(cards.nth(2)).toBeFocused();
  await cards.nth(4).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/#5$/);
  // g asks for a number.
  await page.keyboard.press('g');
  await page.getByRole('spinbutton', { name: /Slide number/ }).fill('3');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#3$/);
  await page.keyboard.press('Shift+?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('?print');
});

test('shortcuts are ignored while typing in a snippet editor; snippets run on slides', async ({
  page,
}) => {
  await openDeck(page, `${LESSON}#io-bound-or-cpu-bound`);
  const figure = current(page).locator('figure.snippet').first();
  const hash = new URL(page.url()).hash;
  await figure.locator('.snippet-code pre').click();
  const editor = figure.locator('.cm-editor');
  await expect(editor).toBeVisible();
  await expect(editor.locator('.cm-content')).toBeFocused();
  for (const key of ['ArrowRight', 'Space', 'PageDown', 'o', 'g', 'b', 'f', 'End'])
    await page.keyboard.press(key);
  await expect(page).toHaveURL(new RegExp(`${hash}$`));
  await expect(page.locator('dialog[open]')).toHaveCount(0);
  await expect(page.locator('[data-deck-blackout]')).toBeHidden();
  await page.keyboard.press('Escape');
  await page.keyboard.press('ControlOrMeta+z');
  const run = await runAndWait(figure);
  expect(run.state).toBe('finished');
  expect(run.stdout.length).toBeGreaterThan(0);
  // The live output takes the recorded one's place, in the slides' code size or smaller, whole.
  const log = figure.locator('.run-log');
  await expect(figure.locator('.snippet-output')).toBeHidden();
  await expect.poll(() => log.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  const size = parseFloat(await log.evaluate((el) => getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(12);
  expect(size).toBeLessThanOrEqual(20);
});

/** Opens the slide of `deck` that holds the snippet matching `figure` (a CSS selector). */
async function openSlideWith(page: Page, deck: string, figure: string) {
  await openDeck(page, deck);
  const n = await page
    .locator(`section.slide[data-slide-number]:has(${figure})`)
    .first()
    .getAttribute('data-slide-number');
  expect(n).not.toBeNull();
  await page.goto(`${deck}#${n}`);
  await expect(current(page).locator(figure)).toBeVisible();
  return current(page).locator(figure);
}

test('an output shown better beside its code goes there, and a run there is fitted whole', async ({
  page,
}) => {
  const figure = await openSlideWith(
    page,
    '/slides/non-blocking-sockets/',
    'figure.snippet[data-file="three-answers.ts"]',
  );
  await expect(figure).toHaveAttribute('data-columns', '');
  // Beside the code, lines stay whole: a wrapped table or log would break apart.
  await expect(figure.locator('.snippet-output pre')).not.toHaveAttribute('data-wrap');
  const code = (await figure.locator('.snippet-code').boundingBox())!;
  const recorded = (await figure.locator('.snippet-output').boundingBox())!;
  expect(recorded.x).toBeGreaterThanOrEqual(code.x + code.width - 1);
  expect(recorded.y).toBeLessThan(code.y + code.height);
  const run = await runAndWait(figure);
  expect(run.state).toBe('finished');
  const log = figure.locator('.run-log');
  const live = (await log.boundingBox())!;
  expect(live.x).toBeGreaterThanOrEqual(code.x + code.width - 1);
  await expect.poll(() => log.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
});

test('slideShow="output": a slide of the output and its Run button, without the code', async ({
  page,
}) => {
  const figure = await openSlideWith(
    page,
    '/slides/non-blocking-sockets/',
    'figure.snippet[data-file="partial-send.ts"][data-slide-show="output"]',
  );
  await expect(figure.locator('.snippet-code')).toBeHidden();
  await expect(figure.locator('.snippet-output pre')).toContainText('send calls: 15, EAGAIN: 8');
  // The slide before shows the code, without an output of its own.
  await page.keyboard.press('ArrowLeft');
  const excerpt = current(page).locator('figure.snippet[data-file="partial-send.ts"]');
  await expect(excerpt.locator('.snippet-code')).toContainText('reply.slice(sent)');
  await expect(excerpt.locator('.snippet-output')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  const run = await runAndWait(figure);
  expect(run.state).toBe('finished');
  expect(run.stdout).toContain('send calls: 15, EAGAIN: 8');
});

test('print view: one page per slide, with or without notes', async ({ page }) => {
  for (const query of ['?print', '?print&notes']) {
    await openDeck(page, `${LESSON}${query}`);
    const slides = await page.locator('section.slide[data-slide-number]').count();
    expect(slides).toBeGreaterThan(5);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages, query).toBe(slides);
    await page.emulateMedia({ media: 'screen' });
  }
  await expect(page.locator('[data-speaker-notes]').first()).toBeVisible();
});

test('reduced motion: steps appear without a transition', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openDeck(page, `${GUIDE}#3`);
  const d = await current(page)
    .locator('[data-step]')
    .first()
    .evaluate((el) => getComputedStyle(el).transitionDuration);
  expect(parseFloat(d)).toBeLessThan(0.001);
});

test('the lesson page links to its deck and back', async ({ page }) => {
  await page.goto('/lessons/waiting-is-the-job/');
  await page.getByRole('link', { name: 'Slides', exact: true }).click();
  await expect(page).toHaveURL(/\/slides\/waiting-is-the-job\/#1$/);
  await page.getByRole('link', { name: '← Lesson page' }).click();
  await expect(page).toHaveURL(/\/lessons\/waiting-is-the-job\/$/);
});

test('a deck follows the system theme, and the lesson page’s toggle in another tab, live', async ({
  context,
}) => {
  const deck = await context.newPage();
  await deck.emulateMedia({ colorScheme: 'light' });
  await openDeck(deck, `${LESSON}#2`);
  const theme = deck.locator('html');
  await expect(theme).toHaveAttribute('data-theme', 'light');
  await deck.evaluate(() => document.body.setAttribute('data-same-load', ''));
  await deck.emulateMedia({ colorScheme: 'dark' });
  await expect(theme).toHaveAttribute('data-theme', 'dark');
  // The lecturer flips the theme on the lesson page beside the deck.
  const lesson = await context.newPage();
  await lesson.emulateMedia({ colorScheme: 'dark' });
  await lesson.goto('/lessons/waiting-is-the-job/');
  await lesson.getByRole('button', { name: 'Dark theme' }).click();
  await expect(lesson.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(theme).toHaveAttribute('data-theme', 'light');
  await expect(deck.locator('body[data-same-load]')).toHaveCount(1); // no reload
});

test('axe: no serious or critical violations in decks (both themes)', async ({ page }) => {
  for (const url of [`${GUIDE}#3.1`, `${LESSON}#4`, `${GUIDE}?presenter#2`]) {
    await page.emulateMedia({ colorScheme: 'light' });
    await openDeck(page, url);
    expect(await violationsInBothThemes(page), url).toEqual({
      light: [],
      dark: [],
    });
  }
});

test('an exercise’s slide shows its one-line brief and code; the whole task is in its notes', async ({
  page,
}) => {
  const exercise = await openSlideWith(
    page,
    '/slides/async-await/',
    'section.exercise[data-exercise-id$="/async-queue"]',
  );
  await expect(exercise.locator('.brief')).toBeVisible();
  await expect(exercise.locator('.brief code').first()).toHaveText('AsyncQueue');
  await expect(exercise.locator('.task')).toBeHidden();
  await expect(exercise.locator('[data-part="code"]')).toBeVisible();
  const notes = current(page).locator('[data-speaker-notes]');
  await expect(notes).toContainText('The whole task');
  await expect(notes).toContainText('task_done()');
  // The lesson page gives the task itself, and no brief.
  await page.goto('/lessons/async-await/');
  const onPage = page.locator('section.exercise[data-exercise-id$="/async-queue"]');
  await expect(onPage.locator('.task')).toContainText('task_done()');
  await expect(onPage.locator('.brief')).toBeHidden();
});

test('a title slide has notes: the lesson’s time, what it builds on, its sources', async ({
  page,
}) => {
  await openDeck(page, '/slides/async-await/?presenter#1');
  const notes = page.locator('[data-presenter]');
  await expect(notes).toContainText('The lesson page takes about 80 minutes');
  await expect(notes).toContainText('It builds on chapter 7');
  await expect(notes).toContainText('Facts checked against: ECMAScript 2025');
});

test('a timeline tells its kinds of bar apart, with a legend on the slide', async ({ page }) => {
  const timeline = await openSlideWith(
    page,
    '/slides/async-await/',
    'figure.timeline:has(title:text("Three crawler workers"))',
  );
  const legend = timeline.getByRole('list', { name: 'Legend' });
  await expect(legend).toBeVisible();
  await expect(legend.getByRole('listitem')).toHaveText([
    'fetching a page (waiting for the network)',
    'waiting in get() for a URL',
  ]);
  // Waiting for the network is hatched; waiting for work is an outline, not the same hatching.
  const fills = await timeline
    .locator('svg[role="img"] rect.bar')
    .evaluateAll((rects) => rects.map((r) => `${r.classList[1]} ${r.getAttribute('fill') ?? ''}`));
  expect(fills.filter((f) => f.startsWith('wait ')).every((f) => f.includes('url(#'))).toBe(true);
  expect(fills.filter((f) => f.startsWith('idle ')).length).toBeGreaterThan(0);
  expect(fills.filter((f) => f.startsWith('idle ')).some((f) => f.includes('url(#'))).toBe(false);
});

// Every page with a program on it offers Run: on each lesson page and each deck, the first
// program's Run button is enhanced (shown), so `<snippet-bench>` was defined. Two decks had
// none: their first snippet sat in `<PageOnly>`, and Astro dropped the script with that slot.
const withCode = builtPages().filter((p) => /^\/(lessons|slides)\/[^/]+\/$/.test(p));
test('every lesson page and deck with a program offers Run', async ({ page }) => {
  test.setTimeout(120_000);
  const missing: string[] = [];
  let checked = 0;
  for (const url of withCode) {
    await page.goto(url);
    const programs = page.locator('figure.snippet[data-kind="program"]');
    if ((await programs.count()) === 0) continue;
    checked++;
    const defined = await page
      .waitForFunction(() => customElements.get('snippet-bench') !== undefined, null, {
        timeout: 5_000,
      })
      .then(() => true)
      .catch(() => false);
    const run = programs.first().locator('[data-action="run"]');
    if (!defined || (await run.getAttribute('hidden')) !== null) missing.push(url);
  }
  expect(checked).toBeGreaterThan(20);
  expect(missing).toEqual([]);
});

test('a predict exercise’s slide shows the lines its slideRegion names; the page, all of it', async ({
  page,
}) => {
  const exercise = await openSlideWith(
    page,
    '/slides/non-blocking-sockets/',
    'section.exercise[data-exercise-id$="/predict-eagain-eof"]',
  );
  await expect(exercise.locator('.ex-label .slide-excerpt')).toHaveText(
    /lines \d+–\d+ of program\.ts/,
  );
  const shown = await exercise
    .locator('.ex-code .line')
    .evaluateAll((lines) => lines.filter((l) => l.getClientRects().length > 0).length);
  expect(shown).toBe(8);
  await page.goto('/lessons/non-blocking-sockets/');
  const onPage = page.locator('section.exercise[data-exercise-id$="/predict-eagain-eof"]');
  await expect(onPage.locator('.ex-code')).toContainText('function attempt');
  await expect(onPage.locator('.ex-code')).not.toContainText('#region');
  await expect(onPage.locator('.slide-excerpt')).toBeHidden();
});
