import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { builtPages } from './pages.ts';

// Every colour Shiki gives a code token, in both themes, keeps 4.5:1 contrast (WCAG 1.4.3) on
// its code block's background. Checked once here over the distinct colours of the whole build,
// instead of by axe on each of the ~80,000 token spans (tests/e2e/axe.ts leaves them out).
const dist = process.env.DIST_DIR ?? 'dist';

/** WCAG 2 relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

test('the contrast formula matches WCAG reference values', () => {
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  expect(contrast('#777777', '#ffffff')).toBeLessThan(4.5);
});

test('every code token colour keeps 4.5:1 on its background, in both themes', () => {
  const pairs = new Set<string>();
  for (const page of builtPages()) {
    const file = join(dist, page === '/' ? '' : page, page.endsWith('.html') ? '' : 'index.html');
    const text = readFileSync(file, 'utf8');
    for (const pre of text.matchAll(
      /<pre class="astro-code[^"]*" style="([^"]*)"[^>]*>([\s\S]*?)<\/pre>/g,
    )) {
      const bgLight = /--shiki-light-bg:(#[0-9a-fA-F]{6})/.exec(pre[1]!)?.[1];
      const bgDark = /--shiki-dark-bg:(#[0-9a-fA-F]{6})/.exec(pre[1]!)?.[1];
      expect(bgLight && bgDark, `${page}: a code block without both backgrounds`).toBeTruthy();
      for (const t of pre[2]!.matchAll(
        /--shiki-light:(#[0-9a-fA-F]{6});--shiki-dark:(#[0-9a-fA-F]{6})/g,
      )) {
        pairs.add(`light ${t[1]!.toLowerCase()} ${bgLight!.toLowerCase()}`);
        pairs.add(`dark ${t[2]!.toLowerCase()} ${bgDark!.toLowerCase()}`);
      }
    }
  }
  expect(pairs.size).toBeGreaterThan(4);
  const low = [...pairs]
    .map((p) => p.split(' ') as [string, string, string])
    .filter(([, fg, bg]) => contrast(fg, bg) < 4.5)
    .map(([theme, fg, bg]) => `${theme}: ${fg} on ${bg} is ${contrast(fg, bg).toFixed(2)}:1`);
  expect(low).toEqual([]);
});
