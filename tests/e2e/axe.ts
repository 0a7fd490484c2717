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
  expect(await mergeCodeTokens(page), 'code lines with more than coloured token spans').toEqual([]);
  // With no frame on the page, axe runs in the page itself ("legacy mode"): the default mode runs
  // it per frame and then opens a blank page to merge the frames' results, about 1 s more per
  // call here (a long lesson: 5.1 s to 3.0 s for every rule). Frames are what the default mode
  // is for (legacy mode skips cross-origin ones), so a page with any frame gets the default.
  let builder = new AxeBuilder({ page })
    .setLegacyMode(page.frames().length === 1)
    .exclude('.astro-code .line');
  if (include !== undefined) builder = builder.include(include);
  builder = rules === undefined ? builder.withTags(AXE_TAGS) : builder.withRules([...rules]);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Merges Shiki's token spans inside highlighted code lines (`.astro-code .line`) into plain text,
 * so axe does not walk them. Axe is told to leave those lines out anyway (see above), but it still
 * builds its tree of every element on the page and matches every rule against it: on a long
 * lesson the ~7,000 token spans are three quarters of the page's elements, and merging them made
 * a full axe run there 2.4x faster (9.5 s to 3.9 s; the colour rules 4.1 s to 2.6 s; single
 * runs) with the same results. Only spans whose one attribute is `style` (a token's colours) are
 * merged: the line spans and spans with a class stay (a slide hides its cut lines and indents by
 * class), so text and layout are unchanged. The merge is safe only while nothing in a line has a meaning for
 * assistive technology: it returns every element there that is not a span or carries more than a
 * `style` and a `class` (a role, a label, a link, a tab stop), and merges nothing then, so the
 * caller fails.
 */
export async function mergeCodeTokens(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('.astro-code .line')];
    const odd: string[] = [];
    for (const line of lines)
      for (const el of line.querySelectorAll('*'))
        if (
          el.tagName !== 'SPAN' ||
          [...el.attributes].some((a) => !['style', 'class'].includes(a.name))
        )
          odd.push(el.outerHTML.slice(0, 120));
    if (odd.length > 0) return odd;
    for (const line of lines) {
      if (line.childElementCount === 0) continue;
      for (const token of line.querySelectorAll(':scope > span[style]:not([class])'))
        token.replaceWith(token.textContent ?? '');
      line.normalize();
    }
    return odd;
  });
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
 * the light run's answer. The test must start the page in the light theme; every page, decks
 * included, follows a system change live (src/client/theme.ts, `followTheme`).
 */
export async function violationsInBothThemes(
  page: Page,
  include?: string,
): Promise<ThemeViolations> {
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  const light = await seriousViolations(page, { include });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const dark = await seriousViolations(page, { include, rules: COLOUR_RULES });
  return { light, dark };
}
