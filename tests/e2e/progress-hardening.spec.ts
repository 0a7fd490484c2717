// Hostile inputs against the learner's saved progress (issue 17, items 2, 5, 6 and 7): imports
// naming things the course does not have or that cannot be saved, crafted stored records, full
// storage, and a stale tab after a reset elsewhere. No page error is allowed in any of them.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './axe.ts';

const LESSON = '/lessons/waiting-is-the-job/';
const PREDICT = 'waiting-is-the-job/predict-blocked-timer';
const SNIPPET = 'waiting-is-the-job/blocked-timer';
const KEY = 'async-io:progress';
const SET_ASIDE = 'async-io:progress:set-aside';
const GENERATION = 'async-io:progress:generation';
const AT = '2026-01-02T03:04:05.000Z';

let errors: string[];
test.beforeEach(({ page }) => {
  errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
});
test.afterEach(() => expect(errors).toEqual([]));

/** An export file of these passed exercises and run snippets. */
function exportFile(exercises: string[], snippets: string[] = []): Buffer {
  const file = {
    format: 'async-io-course-progress',
    version: 1,
    exportedAt: AT,
    progress: {
      version: 1,
      exercises: Object.fromEntries(exercises.map((id) => [id, { passedAt: AT }])),
      snippets: Object.fromEntries(snippets.map((id) => [id, { firstRunAt: AT, runs: 3 }])),
      lastLesson: null,
    },
    setAside: [],
  };
  return Buffer.from(JSON.stringify(file));
}

const importFile = (page: Page, buffer: Buffer) =>
  page
    .getByLabel('Import progress from a file…')
    .setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer });

const message = (page: Page) => page.locator('progress-page [data-part="message"]');
const summary = (page: Page) => page.locator('progress-page [data-part="summary"]');
const stored = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(k), key);

/**
 * Makes `setItem` throw QuotaExceededError, as full storage does, for keys starting with one of
 * the prefixes in `sessionStorage['refuse']` (a JSON list), so a test can switch it on and off.
 */
async function stubFullStorage(page: Page) {
  await page.addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      const refused = JSON.parse(sessionStorage.getItem('refuse') ?? '[]') as string[];
      if (this === localStorage && refused.some((p) => key.startsWith(p)))
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      set.call(this, key, value);
    };
  });
}
const refuse = (page: Page, prefixes: string[]) =>
  page.evaluate((p) => sessionStorage.setItem('refuse', JSON.stringify(p)), prefixes);

test.describe('imports (item 2)', () => {
  test('ids that name nothing in the course are left out and named; the rest is imported', async ({
    page,
  }) => {
    await page.goto('/progress/');
    await importFile(
      page,
      exportFile([PREDICT, 'gone/old-exercise', '__proto__'], [SNIPPET, 'x/y']),
    );
    await expect(message(page)).toHaveText(
      'Imported progress.json: 1 passed exercises and 1 snippets run, merged with what was here. ' +
        '2 ids name nothing in this course and were left out: exercise "gone/old-exercise", snippet "x/y". ' +
        '1 record was malformed and left out: exercise "__proto__" (not an exercise id).',
    );
    await expect(summary(page)).toHaveText('1 exercise passed · 1 snippets run (3 runs)');
    const saved = JSON.parse((await stored(page, KEY))!) as { exercises: object };
    expect(Object.keys(saved.exercises)).toEqual([PREDICT]);

    await importFile(page, exportFile(['gone/a', 'gone/b']));
    await expect(message(page)).toHaveText(
      'Nothing was imported: all 2 of its ids name nothing in this course: exercise "gone/a", exercise "gone/b".',
    );
    await expect(summary(page)).toHaveText('1 exercise passed · 1 snippets run (3 runs)');
  });

  test('an import that cannot be saved is not kept, and the learner is told', async ({ page }) => {
    await stubFullStorage(page);
    await page.goto('/progress/');
    await refuse(page, [KEY]);
    await importFile(page, exportFile([PREDICT]));
    await expect(message(page)).toHaveText(
      'Nothing was imported: there is no room for it in browser storage (it is full), so it was not kept.',
    );
    await expect(summary(page)).toHaveText('0 exercises passed · 0 snippets run (0 runs)');
    expect(await stored(page, KEY)).toBeNull();
    expect(await stored(page, GENERATION)).toBeNull();
    await expect(
      page.locator('.course-map [data-lesson="waiting-is-the-job"] .progress-mark'),
    ).toHaveText('0 of 2 exercises passed');
    // With room again, the same file is imported.
    await refuse(page, []);
    await importFile(page, exportFile([PREDICT]));
    await expect(summary(page)).toHaveText('1 exercise passed · 0 snippets run (0 runs)');
  });
});

test.describe('crafted stored data (item 5)', () => {
  test('a crafted set-aside list and progress record do not break the Progress page', async ({
    page,
  }) => {
    const setAside = JSON.stringify([
      { at: 5, reason: { toString: 1 }, raw: 'first' },
      { PROTO: { raw: 'inherited' } },
      { at: '2025-05-05T05:05:05Z', reason: '<img src=x onerror="window.hit=1">', raw: 'third' },
      { reason: 'r'.repeat(100_000), raw: 'fourth', extra: { deep: [1, { deeper: true }] } },
    ]).replace('"PROTO"', '"__proto__"'); // an own "__proto__" key, as JSON.parse makes it
    const progress = JSON.stringify({
      version: 1,
      exercises: { [PREDICT]: { passedAt: AT }, constructor: { passedAt: { nested: AT } } },
      snippets: { [SNIPPET]: { firstRunAt: AT, runs: { valueOf: 2 } } },
      lastLesson: { id: ['waiting-is-the-job'], at: 0 },
    }).replace('"constructor"', '"__proto__"');
    await page.goto('/');
    await page.evaluate(
      ([k1, v1, k2, v2]) => {
        localStorage.setItem(k1!, v1!);
        localStorage.setItem(k2!, v2!);
      },
      [SET_ASIDE, setAside, KEY, progress],
    );
    await page.goto('/progress/');
    await expect(summary(page)).toHaveText('1 exercise passed · 0 snippets run (0 runs)');
    const records = page.locator('[data-part="set-aside-list"] li');
    // Three well-formed records, the damaged one kept as found, and the damaged progress record.
    await expect(records).toHaveCount(5);
    await expect(records.nth(0)).toHaveText('no reason was recorded (5 characters)');
    await expect(records.nth(1)).toContainText('<img src=x onerror="window.hit=1">');
    await expect(records.nth(2)).toContainText('…');
    expect((await records.nth(2).textContent())!.length).toBeLessThan(400);
    await expect(records.nth(3)).toContainText(
      'a set-aside record was damaged and is kept as found',
    );
    await expect(records.nth(4)).toContainText('3 entries were malformed');
    await expect(page.locator('[data-part="set-aside-list"] img')).toHaveCount(0);
    // Redraws (a pass elsewhere, a refresh) keep working; nothing leaked into Object.prototype.
    await page.evaluate(() =>
      dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })),
    );
    await expect(summary(page)).toHaveText('1 exercise passed · 0 snippets run (0 runs)');
    expect(
      await page.evaluate(() => [
        (window as { hit?: number }).hit,
        ({} as { raw?: string }).raw,
        ({} as { passedAt?: string }).passedAt,
      ]),
    ).toEqual([undefined, undefined, undefined]);
    // Everything is exported as it was found, and the page still passes axe.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export progress' }).click();
    const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as {
      setAside: { raw: string }[];
    };
    expect(exported.setAside.map((s) => s.raw)).toContain(progress);
    expect(await seriousViolations(page, 'main')).toEqual([]);
  });
});

test.describe('storage full (item 6)', () => {
  test('an edit that could not be saved stays on screen after later successful writes', async ({
    page,
  }) => {
    await stubFullStorage(page);
    await page.goto(LESSON);
    await refuse(page, ['async-io:edit:']);
    const panel = page.locator(`[data-exercise-id="${PREDICT}"].exercise-panel`);
    await panel.getByRole('textbox', { name: /Your prediction/ }).fill('script starts');
    const notice = page.locator('progress-status [data-notice="unsaved-edit"]');
    await expect(notice).toContainText(
      `Browser storage is full, so your prediction for the exercise "${PREDICT}" was not saved.`,
    );
    // A later successful write of the progress does not clear it.
    await page.evaluate((id) => {
      document.dispatchEvent(new CustomEvent('course:snippet-run', { detail: { id } }));
    }, SNIPPET);
    await expect
      .poll(async () => JSON.parse((await stored(page, KEY))!).snippets)
      .toHaveProperty([SNIPPET, 'runs'], 1);
    await expect(notice).toBeVisible();
    // Dismissing it is the learner's choice; focus does not get lost.
    const dismiss = notice.getByRole('button', { name: 'Dismiss' });
    await expect(dismiss).toHaveAccessibleDescription(/your prediction .* was not saved/);
    await dismiss.click();
    await expect(notice).toHaveCount(0);
    await expect(page.locator('#main')).toBeFocused();
  });

  test('progress that could not be saved stays on screen until it is saved', async ({ page }) => {
    await stubFullStorage(page);
    await page.goto(LESSON);
    await refuse(page, [KEY]);
    await page.evaluate((id) => {
      document.dispatchEvent(new CustomEvent('course:snippet-run', { detail: { id } }));
    }, SNIPPET);
    const notice = page.locator('progress-status [data-notice="full"]');
    await expect(notice).toContainText('storage is full');
    // An edit saved meanwhile is not the progress: the notice stays.
    const panel = page.locator(`[data-exercise-id="${PREDICT}"].exercise-panel`);
    await panel.getByRole('textbox', { name: /Your prediction/ }).fill('script starts');
    await expect.poll(() => stored(page, `async-io:edit:predict:${PREDICT}`)).not.toBeNull();
    await expect(notice).toBeVisible();
    // With room again, the next write saves everything and the notice goes.
    await refuse(page, []);
    await page.evaluate((id) => {
      document.dispatchEvent(new CustomEvent('course:snippet-run', { detail: { id } }));
    }, SNIPPET);
    await expect(notice).toHaveCount(0);
    // Both runs: the one that could not be saved was kept in memory and is saved now.
    expect(JSON.parse((await stored(page, KEY))!).snippets[SNIPPET].runs).toBe(2);
  });
});

test.describe('stale tabs (item 7)', () => {
  const seed = (page: Page) =>
    page.evaluate(
      ([k, v]) => localStorage.setItem(k!, v!),
      [
        KEY,
        JSON.stringify({
          version: 1,
          exercises: { [PREDICT]: { passedAt: AT } },
          snippets: {},
          lastLesson: { id: 'waiting-is-the-job', at: AT },
        }),
      ],
    );
  const runSnippet = (page: Page) =>
    page.evaluate((id) => {
      document.dispatchEvent(new CustomEvent('course:snippet-run', { detail: { id } }));
    }, SNIPPET);

  test('a reset in another tab is followed there, not undone', async ({ context, page }) => {
    await page.goto('/');
    await seed(page);
    await page.goto(LESSON);
    const badge = page.locator(`[data-exercise-id="${PREDICT}"] [data-part="badge"]`);
    await expect(badge).toBeVisible();
    const other = await context.newPage();
    other.on('pageerror', (e) => errors.push(e.message));
    await other.goto('/progress/');
    await other.getByRole('button', { name: 'Reset progress' }).click();
    await other.getByRole('button', { name: 'Yes, reset my progress' }).click();
    await expect(badge).toBeHidden();
    await runSnippet(page);
    await other.reload();
    await expect(summary(other)).toHaveText('0 exercises passed · 1 snippets run (1 runs)');
  });

  test('a tab that missed the reset (back/forward cache) catches up on pageshow and before writing', async ({
    page,
  }) => {
    await page.goto('/');
    await seed(page);
    await page.goto(LESSON);
    const badge = page.locator(`[data-exercise-id="${PREDICT}"] [data-part="badge"]`);
    await expect(badge).toBeVisible();
    // What a reset in another tab leaves, written without a storage event reaching this page,
    // as for a page frozen in the back/forward cache.
    await page.evaluate(
      ([k, g]) => {
        localStorage.removeItem(k!);
        localStorage.setItem(g!, '1');
      },
      [KEY, GENERATION],
    );
    await page.evaluate(() =>
      dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })),
    );
    await expect(badge).toBeHidden();

    // Again, now with no pageshow: the next write must not bring the old progress back.
    await seed(page);
    await page.evaluate((g) => localStorage.setItem(g, '1'), GENERATION);
    await page.reload();
    await expect(badge).toBeVisible();
    await page.evaluate(
      ([k, g]) => {
        localStorage.removeItem(k!);
        localStorage.setItem(g!, '2');
      },
      [KEY, GENERATION],
    );
    await runSnippet(page);
    const saved = JSON.parse((await stored(page, KEY))!) as {
      exercises: object;
      snippets: object;
      lastLesson: unknown;
    };
    expect(saved.exercises).toEqual({});
    expect(saved.lastLesson).toBeNull();
    expect(Object.keys(saved.snippets)).toEqual([SNIPPET]);
    await expect(badge).toBeHidden();
  });

  test('going back to a lesson after a reset elsewhere shows the reset', async ({
    context,
    page,
  }) => {
    await page.goto('/');
    await seed(page);
    await page.goto(LESSON);
    await page.evaluate(() => ((window as { marker?: number }).marker = 1));
    await page.goto('/progress/');
    const other = await context.newPage();
    other.on('pageerror', (e) => errors.push(e.message));
    await other.goto('/progress/');
    await other.getByRole('button', { name: 'Reset progress' }).click();
    await other.getByRole('button', { name: 'Yes, reset my progress' }).click();
    await other.close();
    await page.goBack();
    const restored = await page.evaluate(() => (window as { marker?: number }).marker === 1);
    test.info().annotations.push({
      type: 'back/forward cache',
      description: restored
        ? 'the lesson was restored from it'
        : 'not used here: the lesson reloaded',
    });
    await expect(page.locator(`[data-exercise-id="${PREDICT}"] [data-part="badge"]`)).toBeHidden();
    await runSnippet(page);
    expect(JSON.parse((await stored(page, KEY))!).exercises).toEqual({});
  });
});
