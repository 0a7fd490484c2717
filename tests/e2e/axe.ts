import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The WCAG rule sets every page and panel is held to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe on the page (or only inside `include`, a CSS selector) and returns its serious or
 * critical violations, one line each (`rule (impact): targets`), so a test can
 * `expect(await seriousViolations(page)).toEqual([])` and show what is wrong when it fails.
 */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  // Shiki's token spans (tens of thousands on a long lesson) are left out: their colours are
  // checked once for the whole build by tests/e2e/code-contrast.spec.ts. The <pre> itself (its
  // focusability, its name) is still scanned.
  let builder = new AxeBuilder({ page }).exclude('.astro-code .line');
  if (include !== undefined) builder = builder.include(include);
  const results = await builder.withTags(AXE_TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
