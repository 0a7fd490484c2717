import { expect, test } from '@playwright/test';
import { builtPages } from './pages.ts';
import { violationsInBothThemes } from './axe.ts';

// Every page, one load each: every WCAG rule in the light theme, the colour rules in the dark one.
for (const path of builtPages()) {
  test(`axe: no serious or critical violations on ${path} (both themes)`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(path);
    expect(await violationsInBothThemes(page)).toEqual({
      light: [],
      dark: [],
    });
  });
}
