import { describe, expect, it } from 'vitest';
import type { OfflineManifest } from './manifest.ts';
import { cachesToDelete, notStored, planInstall } from './plan.ts';

const h = (c: string): string => c.repeat(64);
const HEADERS = h('e');
const manifest = (
  version: string,
  files: Record<string, string>,
  headersHash = HEADERS,
): OfflineManifest => ({
  version,
  headersHash,
  files: Object.entries(files).map(([url, c]) => ({ url, hash: h(c), size: 10 })),
});
const urls = (files: readonly { url: string }[]): string[] => files.map((f) => f.url);

describe('planInstall', () => {
  const next = manifest('v2', {
    '/': '1',
    '/a/': '2',
    '/b/': '3',
    '/_astro/x.js': '4',
    '/pagefind/p.js': '5',
  });

  it('with nothing stored: fetches the assets, no page', () => {
    const plan = planInstall(next, [], false);
    expect(plan.copy).toEqual([]);
    expect(urls(plan.fetchRequired)).toEqual(['/_astro/x.js', '/pagefind/p.js']);
    expect(plan.fetchOptional).toEqual([]);
  });

  it('copies unchanged stored files, fetches changed ones, and keeps the reader’s pages', () => {
    const old = manifest('v1', {
      '/': '1',
      '/a/': '9',
      '/b/': '3',
      '/_astro/x.js': '4',
      '/pagefind/p.js': '8',
    });
    const stored = new Set(['/a/', '/b/', '/_astro/x.js', '/pagefind/p.js']);
    const plan = planInstall(next, [{ cacheName: 'c1', manifest: old, stored }], false);
    expect(plan.copy.map((c) => [c.file.url, c.from])).toEqual([
      ['/b/', 'c1'],
      ['/_astro/x.js', 'c1'],
    ]);
    expect(urls(plan.fetchRequired)).toEqual(['/pagefind/p.js']);
    // '/a/' was stored and changed: fetched again; '/' was never stored: left until visited.
    expect(urls(plan.fetchOptional)).toEqual(['/a/']);
  });

  it('with the whole course kept: every page is wanted', () => {
    const plan = planInstall(next, [], true);
    expect(urls(plan.fetchOptional)).toEqual(['/', '/a/', '/b/']);
  });

  it('never copies a file stored under other headers, or one not stored', () => {
    const old = manifest('v1', { '/_astro/x.js': '4', '/pagefind/p.js': '5' }, h('f'));
    const plan = planInstall(
      next,
      [{ cacheName: 'c1', manifest: old, stored: new Set(['/_astro/x.js']) }],
      false,
    );
    expect(plan.copy).toEqual([]);
    const same = manifest('v1', { '/_astro/x.js': '4', '/pagefind/p.js': '5' });
    const plan2 = planInstall(
      next,
      [{ cacheName: 'c1', manifest: same, stored: new Set(['/_astro/x.js']) }],
      false,
    );
    expect(plan2.copy.map((c) => c.file.url)).toEqual(['/_astro/x.js']);
    expect(urls(plan2.fetchRequired)).toEqual(['/pagefind/p.js']);
  });
});

describe('notStored and cachesToDelete', () => {
  it('lists the files not stored yet, in order', () => {
    expect(urls(notStored([{ url: '/a' }, { url: '/b' }, { url: '/c' }], ['/b']))).toEqual([
      '/a',
      '/c',
    ]);
  });

  it('deletes every version cache but the current one and the one kept', () => {
    expect(cachesToDelete(['p-1', 'p-2', 'p-3', 'other'], 'p-', 'p-3', 'p-2')).toEqual(['p-1']);
    expect(cachesToDelete(['p-1', 'p-3'], 'p-', 'p-3', undefined)).toEqual(['p-1']);
  });
});
