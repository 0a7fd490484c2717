import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

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
  readonly include?: string;
  readonly rules?: readonly string[];
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
