import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { builtPages } from './pages.ts';

// Every code exercise's reference solution passes its checks in the browser too, not only on
// Node (scripts/check-content.ts proves starter-fails / solution-passes there): the worker, the
// green transform and the harness must agree with Node on every exercise of the course.
const dist = process.env.DIST_DIR ?? 'dist';
const exercises = builtPages()
  .filter((p) => p.startsWith('/lessons/'))
  .flatMap((path) => {
    const html = readFileSync(join(dist, path, 'index.html'), 'utf8');
    return [...html.matchAll(/class="exercise" data-exercise-id="([^"]+)" data-kind="code"/g)].map(
      (m) => ({ path, id: m[1]! }),
    );
  });

const panel = (page: Page, id: string) => page.locator(`[data-exercise-id="${id}"].exercise-panel`);

test('the build has code exercises', () => {
  expect(exercises.length).toBeGreaterThan(10);
});

for (const { path, id } of exercises) {
  test(`solution passes in the browser: ${id}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(path);
    const p = panel(page, id);
    const load = p.getByRole('button', { name: 'Load the solution into the editor' });
    // Opening the solution is the means here, not what is tested (exercises.spec.ts tests it):
    // on a loaded machine a click can land before the panel is ready, so try again until it opens.
    await expect(async () => {
      if (!(await load.isVisible())) {
        await p.getByRole('button', { name: 'Show solution' }).click();
        const yes = p.getByRole('button', { name: 'Yes, show it' });
        if (await yes.isVisible()) await yes.click();
      }
      await expect(load).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
    await load.click();
    await p.getByRole('button', { name: 'Check', exact: true }).click();
    const summary = p.locator('[data-part="summary"]');
    await expect(summary).not.toHaveAttribute('data-state', 'running', { timeout: 90_000 });
    const failures = await p.locator('.result.fail').allTextContents();
    expect(failures).toEqual([]);
    await expect(summary).toHaveText(/^[1-9]\d* passed, 0 failed$/);
  });
}
