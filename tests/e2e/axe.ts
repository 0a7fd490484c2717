import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The WCAG rule sets every page and panel is held to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * The axe rules whose outcome depends on colours alone. The course's two themes differ only in
 * CSS colour variables, so a page checked with every rule in one theme needs only these in the
 * other (tests/e2e/a11y.spec.ts).
 */
export const COLOUR_RULES: readonly string[] = ['color-contrast', 'link-in-text-block'];

/** Where axe looks: only inside `include` (a CSS selector), and only `rules` (default: AXE_TAGS). */
export interface AxeScope {
  readonly include?: string | undefined;
  readonly rules?: readonly string[] | undefined;
}

/**
 * Runs axe on the page (or only inside `scope`, a CSS selector or an `AxeScope`) and returns its
 * serious or critical violations, one line each (`rule (impact): targets`), so a test can
 * `expect(await seriousViolations(page)).toEqual([])` and show what is wrong when it fails.
 */
export async function seriousViolations(
  page: Page,
  scope: string | AxeScope = {},
): Promise<string[]> {
  const { include, rules } =
    typeof scope === 'string' ? { include: scope, rules: undefined } : scope;
  // Shiki's token spans (tens of thousands on a long lesson) are left out: their colours are
  // checked once for the whole build by tests/e2e/code-contrast.spec.ts. The <pre> itself (its
  // focusability, its name) is still scanned.
  let builder = new AxeBuilder({ page }).exclude('.astro-code .line');
  if (include !== undefined) builder = builder.include(include);
  builder = rules === undefined ? builder.withTags(AXE_TAGS) : builder.withRules([...rules]);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** What axe found in each theme: `{ light: [], dark: [] }` when the page passes. */
export interface ThemeViolations {
  readonly light: string[];
  readonly dark: string[];
}

/**
 * Axe in both themes on one page state, so a test builds that state (a run, an open timeline, a
 * failed check) once: every rule in the light theme, then, with the system switched to dark, the
 * rules whose outcome depends on colour (COLOUR_RULES). The themes change CSS colour variables
 * only: the DOM, names, roles, sizes and layout stay the same, so the other rules would repeat
 * the light run's answer. The test must start the page in the light theme. Pages with the theme
 * toggle follow a system change live; with `reload`, a page that does not (a deck reads the
 * system theme once, on load) is reloaded instead.
 */
export async function violationsInBothThemes(
  page: Page,
  include?: string,
  { reload = false }: { reload?: boolean } = {},
): Promise<ThemeViolations> {
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  const light = await seriousViolations(page, { include });
  await page.emulateMedia({ colorScheme: 'dark' });
  if (reload && (await html.getAttribute('data-theme')) !== 'dark') await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const dark = await seriousViolations(page, { include, rules: COLOUR_RULES });
  return { light, dark };
}
