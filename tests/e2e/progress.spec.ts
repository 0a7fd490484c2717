import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { violationsInBothThemes } from './axe.ts';

const LESSON = '/lessons/waiting-is-the-job/';
const PREDICT = 'waiting-is-the-job/predict-blocked-timer';
const KEY = 'async-io:progress';

/** Passes the chapter 1 predict exercise for real (it is the quickest to pass). */
async function passPredict(page: Page) {
  await page.goto(LESSON);
  const p = page.locator(`[data-exercise-id="${PREDICT}"].exercise-panel`);
  await p
    .getByRole('textbox', { name: /Your prediction/ })
    .fill('script starts\nbusy loop done\npromise callback\ntimer callback (delay 0 ms)');
  await p.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(p.locator('[data-part="badge"]')).toHaveText(/^✓ Passed on /, { timeout: 30_000 });
}

const chapter = (page: Page) => page.locator('.course-map [data-lesson="waiting-is-the-job"]');

/** The exercise's title and its chapter's, as the lesson page shows them. */
async function titlesOnLesson(page: Page) {
  const heading = page.locator(`section.exercise[data-exercise-id="${PREDICT}"] > h3`);
  const tag = (await heading.locator('.tag').textContent()) ?? '';
  const exercise = ((await heading.textContent()) ?? '').replace(tag, '').trim();
  const lesson = ((await page.locator('h1').first().textContent()) ?? '').trim();
  expect(exercise.length).toBeGreaterThan(0);
  return { exercise, lesson, anchor: (await heading.getAttribute('id'))! };
}

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The Progress page's list of passes names this exercise by its title, under its chapter. */
async function expectListedByTitle(page: Page, titles: Awaited<ReturnType<typeof titlesOnLesson>>) {
  const list = page.locator('progress-page [data-part="passed"]');
  const section = list.locator('section', {
    has: page.getByRole('heading', { name: new RegExp(`^Chapter 1: ${escapeRe(titles.lesson)}$`) }),
  });
  const link = section.getByRole('link', { name: titles.exercise, exact: true });
  await expect(link).toHaveAttribute('href', `${LESSON}#${titles.anchor}`);
  await expect(section.locator('li')).toHaveText(
    new RegExp(`^${escapeRe(titles.exercise)} — passed `),
  );
  await expect(list).not.toContainText(PREDICT);
}

test('a pass survives a reload, updates the course map and sets "continue where you left off"', async ({
  page,
}) => {
  await passPredict(page);
  await page.reload();
  await expect(page.locator(`[data-exercise-id="${PREDICT}"] [data-part="badge"]`)).toBeVisible();
  // The sidebar marks the chapter compactly, with words for screen readers.
  await expect(page.locator('.course-nav [aria-current="page"] + .progress-mark')).toHaveText(
    '1/2 1 of 2 exercises passed',
  );
  await page.goto('/lessons/threads-and-their-price/');
  await page.goto('/');
  await expect(chapter(page).locator('.progress-mark')).toHaveText('1 of 2 exercises passed');
  await expect(page.locator('.course-map .part').first().locator('> .progress-mark')).toHaveText(
    /^1 of \d+ exercises passed$/,
  );
  await expect(page.getByRole('link', { name: /^Continue where you left off/ })).toHaveAttribute(
    'href',
    '/lessons/threads-and-their-price/',
  );
  await expect(page.locator('progress-status')).toBeHidden();
});

test('export → reset → import round-trips the progress', async ({ page }) => {
  await passPredict(page);
  const titles = await titlesOnLesson(page);
  await page.evaluate(() =>
    document.dispatchEvent(
      new CustomEvent('course:snippet-run', { detail: { id: 'waiting-is-the-job/blocked-timer' } }),
    ),
  );
  await page.goto('/progress/');
  const summary = page.locator('progress-page [data-part="summary"]');
  await expect(summary).toHaveText('1 exercise passed · 1 snippets run (1 runs)');
  await expectListedByTitle(page, titles);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, 'utf8')) as { progress: { exercises: object } };
  expect(Object.keys(exported.progress.exercises)).toEqual([PREDICT]);

  await page.getByRole('button', { name: 'Reset progress' }).click();
  await expect(page.getByRole('button', { name: 'Yes, reset my progress' })).toBeFocused();
  await page.getByRole('button', { name: 'Yes, reset my progress' }).click();
  await expect(summary).toHaveText('0 exercises passed · 0 snippets run (0 runs)');
  await expect(page.locator('progress-page [data-part="passed"]')).toHaveText(/^None yet/);
  await expect(chapter(page).locator('.progress-mark')).toHaveText('0 of 2 exercises passed');

  await page.getByLabel('Import progress from a file…').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText(
    '1 passed exercises',
  );
  await expect(summary).toHaveText('1 exercise passed · 1 snippets run (1 runs)');
  await expectListedByTitle(page, titles);
  await expect(chapter(page).locator('.progress-mark')).toHaveText('1 of 2 exercises passed');
  await page.getByLabel('Import progress from a file…').setInputFiles({
    name: 'other.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello": "world"}'),
  });
  await expect(page.getByRole('status').filter({ hasText: 'Nothing' })).toContainText(
    'not a progress record',
  );
});

for (const [what, raw] of [
  ['corrupt', '{"version":1,"exercises":{'],
  ['newer-version', '{"version":99,"exercises":{}}'],
  ['foreign', '["something", "else"]'],
] as const) {
  test(`${what} stored data is set aside with a notice, kept for export, and the page works`, async ({
    page,
  }) => {
    await page.goto('/');
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, raw] as const);
    await passPredict(page);
    const notice = page.locator('progress-status [data-notice="set-aside"]');
    await expect(notice).toContainText('could not be read');
    await page.goto('/progress/');
    await expect(page.locator('[data-part="set-aside-list"] li')).toHaveCount(1);
    await expect(page.locator('progress-page [data-part="summary"]')).toHaveText(
      /^1 exercise passed/,
    );
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export progress' }).click();
    const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as {
      setAside: { raw: string }[];
    };
    expect(exported.setAside.map((s) => s.raw)).toEqual([raw]);
    await page.getByRole('button', { name: 'Discard them' }).click();
    await expect(page.locator('progress-status')).toBeHidden();
  });
}

test('passes are listed by title and link to the exercise; an id the course lost is shown as is', async ({
  page,
}) => {
  await page.goto(LESSON);
  const titles = await titlesOnLesson(page);
  await page.evaluate(
    ([k, id]) =>
      localStorage.setItem(
        k!,
        JSON.stringify({
          version: 1,
          exercises: {
            'gone-chapter/old-exercise': { passedAt: '2025-01-01T00:00:00.000Z' },
            [id!]: { passedAt: '2026-01-01T00:00:00.000Z' },
          },
          snippets: {},
          lastLesson: null,
        }),
      ),
    [KEY, PREDICT],
  );
  await page.goto('/progress/');
  await expect(page.locator('progress-page [data-part="summary"]')).toHaveText(
    /^2 exercises passed/,
  );
  await expectListedByTitle(page, titles);
  const gone = page.locator('progress-page .passed-unknown');
  await expect(gone.getByRole('heading')).toHaveText('Not in this version of the course');
  await expect(gone.locator('li')).toHaveText(/^gone-chapter\/old-exercise — passed /);
  // The title leads to the exercise on its lesson page.
  await page
    .locator('progress-page [data-part="passed"]')
    .getByRole('link', { name: titles.exercise, exact: true })
    .click();
  await expect(page).toHaveURL(new RegExp(`${LESSON}#${titles.anchor}$`));
  await expect(page.locator(`#${titles.anchor}`)).toBeInViewport();
});

test('old-version data is migrated without a notice', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(([k, id]) => localStorage.setItem(k, JSON.stringify({ passed: [id] })), [
    KEY,
    PREDICT,
  ] as const);
  await page.goto('/');
  await expect(chapter(page).locator('.progress-mark')).toHaveText('1 of 2 exercises passed');
  await expect(page.locator('progress-status')).toBeHidden();
  expect(JSON.parse((await page.evaluate((k) => localStorage.getItem(k), KEY))!)).toMatchObject({
    version: 1,
  });
});

test('disabled storage gives a notice and exercises still work', async ({ page }) => {
  await page.addInitScript(() =>
    Object.defineProperty(window, 'localStorage', {
      get: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    }),
  );
  await passPredict(page);
  await expect(page.locator('progress-status [data-notice="unavailable"]')).toContainText(
    'storage is disabled',
  );
});

test('full storage gives a notice and exercises still work', async ({ page }) => {
  await page.addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key.startsWith('async-io:progress')) throw new DOMException('full', 'QuotaExceededError');
      set.call(this, key, value);
    };
  });
  await passPredict(page);
  await expect(page.locator('progress-status [data-notice="full"]')).toContainText(
    'storage is full',
  );
});

test('axe: notices and set-aside records have no serious violations (both themes)', async ({
  page,
}) => {
  await page.goto('/');
  await page.evaluate((k) => localStorage.setItem(k, 'not json'), KEY);
  for (const path of ['/', '/progress/']) {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(path);
    await expect(page.locator('progress-status [data-notice="set-aside"]')).toBeVisible();
    if (path === '/progress/') {
      await page.getByRole('button', { name: 'Reset progress' }).click();
      await expect(page.locator('[data-part="set-aside"]')).toBeVisible();
    }
    expect(await violationsInBothThemes(page), path).toEqual({ light: [], dark: [] });
  }
});

test('running a snippet is counted on the Progress page', async ({ page }) => {
  await page.goto(LESSON);
  const figure = page
    .locator('figure.snippet[data-kind="program"][data-runtime="browser"]')
    .first();
  await figure.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(figure.locator('.run-status')).toHaveAttribute('data-run', '1');
  await expect(figure.locator('.run-status')).not.toHaveAttribute('data-state', 'running', {
    timeout: 30_000,
  });
  await page.goto('/progress/');
  await expect(page.locator('progress-page [data-part="summary"]')).toHaveText(
    /· 1 snippets run \(1 runs\)$/,
  );
});
