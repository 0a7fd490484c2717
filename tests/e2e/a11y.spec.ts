import { expect, test } from '@playwright/test';
import { builtPages } from './pages.ts';
import { seriousViolations } from './axe.ts';

for (const theme of ['light', 'dark'] as const) {
  for (const path of builtPages()) {
    test(`axe: no serious or critical violations on ${path} (${theme})`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
}
