import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossOriginIsolationHeaders } from '../../src/course/headers.ts';
import {
  LAYERS,
  checkLayers,
  missingPaths,
  platformUses,
  sourceFiles,
  valueCycles,
  type ImportMap,
} from './layering.ts';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  imports: ImportMap;
};
const scan = checkLayers(root, ['src', 'scripts', 'tests', '.'], pkg.imports);

describe('layering (the table in tests/unit/layering.ts)', () => {
  it('every import in src/, scripts/ and tests/ follows the table', () => {
    expect(scan.violations.map((v) => v.message)).toEqual([]);
  });

  it('imports that load code (all but type-only and ?raw) form no cycle among modules of src/', () => {
    expect(valueCycles(scan)).toEqual([]);
  });

  it('src/kit and src/lib use no DOM, no Node built-ins and no nondeterminism', () => {
    const offenders = sourceFiles(root, ['src/kit', 'src/lib'])
      .filter((f) => !/\.test\.ts$|\.test-support\.ts$/.test(f))
      .flatMap((f) =>
        platformUses(readFileSync(resolve(root, f), 'utf8')).map(
          (u) => `${f}:${u.line}: ${u.name}`,
        ),
      );
    expect(offenders).toEqual([]);
  });
});

describe('ARCHITECTURE.md', () => {
  it('names only files that exist', () => {
    const text = readFileSync(resolve(root, 'ARCHITECTURE.md'), 'utf8');
    expect(missingPaths(text, root)).toEqual([]);
  });

  it('shows every layer of the table', () => {
    const text = readFileSync(resolve(root, 'ARCHITECTURE.md'), 'utf8');
    const absent = LAYERS.map((l) => l.name).filter((name) => !text.includes(`\`${name}\``));
    expect(absent).toEqual([]);
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
