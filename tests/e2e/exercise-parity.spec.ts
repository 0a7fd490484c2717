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

// One test per lesson page (one page load for all its exercises); each exercise is a step and a
// failure is soft, naming the exercise, so one bad exercise does not hide the others.
for (const path of [...new Set(exercises.map((e) => e.path))]) {
  const here = exercises.filter((e) => e.path === path);
  test(`solutions pass in the browser: the ${here.length} code exercises of ${path}`, async ({
    page,
  }) => {
    test.setTimeout(30_000 + here.length * 120_000);
    await page.goto(path);
    for (const { id } of here) {
      await test.step(id, async () => {
        const p = panel(page, id);
        const load = p.getByRole('button', { name: 'Load the solution into the editor' });
        // Opening the solution is the means here, not what is tested (ui/exercises.spec.ts tests
        // it): on a loaded machine a click can land before the panel is ready, so try again.
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
        expect.soft(failures, `${id}: failing checks`).toEqual([]);
        await expect.soft(summary, `${id}: summary`).toHaveText(/^[1-9]\d* passed, 0 failed$/);
      });
    }
  });
}
