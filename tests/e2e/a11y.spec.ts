import { expect, test, type Page } from '@playwright/test';
import { builtPages } from './pages.ts';
import { COLOUR_RULES, seriousViolations } from './axe.ts';

/** Switches the emulated system theme and waits until the page follows it. */
async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  const html = page.locator('html');
  // Pages with the theme toggle follow a system change live; a deck reads it on load.
  if ((await html.getAttribute('data-theme')) !== theme) await page.reload();
  await expect(html).toHaveAttribute('data-theme', theme);
}

// One page load per page: every WCAG rule in the light theme, then, in the dark theme, the rules
// whose outcome depends on colour (the themes change CSS colour variables only: the DOM, names,
// roles, sizes and layout are the same, so the other rules would repeat the light run's answer).
for (const path of builtPages()) {
  test(`axe: no serious or critical violations on ${path} (light, then dark colours)`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await seriousViolations(page), 'light').toEqual([]);
    await useTheme(page, 'dark');
    expect(await seriousViolations(page, { rules: COLOUR_RULES }), 'dark').toEqual([]);
  });
}
