import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { builtPages } from './pages.ts';

// Every internal link of the built site leads to a page that exists and, when it names a
// fragment, to an element with that id: cross-chapter links (`/lessons/the-reactor/#…`) break
// silently when a heading is renamed. Read from the HTML files; no browser needed.
const dist = process.env.DIST_DIR ?? 'dist';
const pages = builtPages();
const html = new Map(
  pages.map((p) => [
    p,
    readFileSync(join(dist, p === '/' ? '' : p, p.endsWith('.html') ? '' : 'index.html'), 'utf8'),
  ]),
);
const ids = new Map(
  [...html].map(([p, text]) => [
    p,
    new Set([...text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!)),
  ]),
);

test('every internal link resolves to a page and an anchor', () => {
  const broken: string[] = [];
  for (const [page, text] of html) {
    for (const [, href] of text.matchAll(/<a\b[^>]*\shref="([^"]+)"/g)) {
      if (!href!.startsWith('/') || href!.startsWith('//')) continue;
      const [path, fragment] = href!.replace(/&amp;/g, '&').split('#') as [string, string?];
      const target = path === '' ? page : path.split('?')[0]!;
      if (
        /^\/(_astro|pagefind)\//.test(target) ||
        (/\.\w+$/.test(target) && !target.endsWith('.html'))
      )
        continue;
      if (!ids.has(target)) {
        broken.push(`${page}: ${href} (no such page)`);
        continue;
      }
      if (fragment && !fragment.includes('=') && !/^\d+(\.\d+)?$/.test(fragment)) {
        const id = decodeURIComponent(fragment);
        if (!ids.get(target)!.has(id)) broken.push(`${page}: ${href} (no #${id} there)`);
      }
    }
  }
  expect(broken).toEqual([]);
});
