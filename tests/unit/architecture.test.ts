import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossOriginIsolationHeaders } from '../../src/course/headers.ts';

const root = resolve(import.meta.dirname, '../..');

function files(dir: string, ext = /\.(ts|mts|cts)$/): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (ext.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2]!);
}

describe('layering', () => {
  it('src/runtime and src/kit never import UI code', () => {
    const offenders: string[] = [];
    for (const layer of ['src/runtime', 'src/kit']) {
      for (const file of files(resolve(root, layer))) {
        for (const spec of imports(file)) {
          if (/components\/|scripts\/|\.astro$|astro:/.test(spec))
            offenders.push(`${relative(root, file)} imports ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the kit uses no DOM and no Node built-ins, so it runs in a worker, WebContainer and Node alike', () => {
    const offenders: string[] = [];
    for (const file of files(resolve(root, 'src/kit')).filter((f) => !f.endsWith('.test.ts'))) {
      const text = readFileSync(file, 'utf8');
      for (const spec of imports(file))
        if (spec.startsWith('node:')) offenders.push(`${relative(root, file)} imports ${spec}`);
      if (
        /\b(document|window|process|Buffer|Date\.now|Math\.random)\b/.test(
          text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''),
        )
      ) {
        offenders.push(
          `${relative(root, file)} uses a platform global or a nondeterministic source`,
        );
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('hosting headers', () => {
  it('public/_headers and vercel.json send the same cross-origin isolation headers as the dev server', () => {
    const netlify = readFileSync(resolve(root, 'public/_headers'), 'utf8');
    const vercel = JSON.parse(readFileSync(resolve(root, 'vercel.json'), 'utf8')) as {
      headers: { headers: { key: string; value: string }[] }[];
    };
    for (const [key, value] of Object.entries(crossOriginIsolationHeaders)) {
      expect(netlify).toContain(`${key}: ${value}`);
      expect(vercel.headers[0]!.headers).toContainEqual({ key, value });
    }
  });
});
