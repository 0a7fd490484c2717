import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A program snippet on a built lesson page. */
export interface SnippetPage {
  readonly path: string;
  readonly id: string;
  readonly runtime: 'browser' | 'node';
}

/** Every program snippet (not excerpts) on every built lesson page under `dist`. */
export function findSnippetPages(dist: string): SnippetPage[] {
  const out: SnippetPage[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === 'index.html') {
        const html = readFileSync(p, 'utf8');
        const path = `/${relative(dist, dir).replace(/\\/g, '/')}/`;
        for (const [tag] of html.matchAll(/<figure\b[^>]*>/g)) {
          const attr = (a: string) => new RegExp(`${a}="([^"]*)"`).exec(tag)?.[1];
          if (attr('data-kind') !== 'program') continue;
          out.push({
            path,
            id: attr('data-snippet-id')!,
            runtime: attr('data-runtime') as SnippetPage['runtime'],
          });
        }
      }
    }
  };
  walk(join(dist, 'lessons'));
  return out;
}
