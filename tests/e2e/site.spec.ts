import { expect, test } from '@playwright/test';
import { builtPages } from './pages.ts';

const pages = builtPages();

test('home → lesson → next and back with the arrow keys', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Async I/O from the ground up');
  const first = page.locator('.course-map .chapter a').first();
  const title = (await first.locator('.title').textContent())!;
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const lessonUrl = page.url();
  await page.locator('body').press('ArrowLeft');
  await expect(page).toHaveURL(/\/$/);
  await page.goto(lessonUrl);
  // The arrow keys must not leave the page while the reader types in a field.
  await page.keyboard.press('Control+k');
  await page.getByRole('searchbox', { name: 'Search lessons' }).press('ArrowLeft');
  await expect(page).toHaveURL(lessonUrl);
});

test('search finds a lesson by a word from its body', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Control+k');
  const box = page.getByRole('searchbox', { name: 'Search lessons' });
  await expect(box).toBeFocused();
  await box.fill('Atomics');
  // Several chapters mention it; the one that introduces it must be among the results.
  const result = page.locator('.search-result a', { hasText: 'Waiting is the job' }).first();
  await expect(result).toBeVisible();
  await expect(page.getByRole('status')).toContainText(/lessons? found/);
  await result.click();
  await expect(page).toHaveURL(/\/lessons\/waiting-is-the-job\//);
});

test('the theme toggle follows the system, flips, and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('headings have anchors and code blocks have Copy buttons', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/lessons/waiting-is-the-job/');
  const anchor = page.locator('.prose h2 .heading-anchor').first();
  await expect(anchor).toHaveAttribute('href', /^#.+/);
  const snippet = page.locator('figure.snippet').first();
  await snippet.getByRole('button', { name: /^Copy/ }).click();
  await expect(snippet.getByRole('button', { name: /Copied|Copy/ })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.length).toBeGreaterThan(20);
  expect(copied).not.toContain('@runtime');
});

test('an unknown address gets the 404 page', async ({ page }) => {
  const res = await page.goto('/lessons/no-such-lesson/');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist');
});

for (const path of pages) {
  // One load per page for everything a page must be wherever it is read: cross-origin isolated
  // (the runner needs SharedArrayBuffer), quiet (no console errors, nothing from another origin)
  // and usable on a 360 px phone (nothing scrolls sideways).
  test(`isolated, quiet and 360 px wide without sideways scrolling: ${path}`, async ({
    page,
    baseURL,
  }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      if (
        !r.url().startsWith(baseURL!) &&
        !r.url().startsWith('data:') &&
        !r.url().startsWith('blob:')
      )
        foreign.push(r.url());
    });
    const res = await page.goto(path);
    await page.waitForLoadState('networkidle');
    if (path !== '/404.html') expect(res?.status()).toBe(200);
    expect(await page.evaluate(() => crossOriginIsolated), 'cross-origin isolated').toBe(true);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, 'pixels scrolling sideways at 360 px').toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
}
