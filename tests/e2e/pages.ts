import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every built HTML page, as a URL path (`/lessons/x/`), read from `DIST_DIR` (default `dist/`). */
export function builtPages(dist = process.env.DIST_DIR ?? 'dist'): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== '_astro' && name !== 'pagefind') walk(p);
      } else if (name.endsWith('.html')) {
        const rel = relative(dist, p).replace(/\\/g, '/');
        out.push(rel === 'index.html' ? '/' : `/${rel.replace(/index\.html$/, '')}`);
      }
    }
  };
  walk(dist);
  return out.sort();
}
