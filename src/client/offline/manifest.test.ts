import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  isPage,
  isShell,
  lookupKey,
  parseManifest,
  sha256Hex,
  urlForFile,
  type ManifestFile,
} from './manifest.ts';

const H = 'a'.repeat(64);
const file = (url: string): ManifestFile => ({ url, hash: H, size: 1 });

describe('offline manifest', () => {
  it('names files by the URL they are requested by', () => {
    expect(urlForFile('index.html')).toBe('/');
    expect(urlForFile('lessons/the-reactor/index.html')).toBe('/lessons/the-reactor/');
    expect(urlForFile('404.html')).toBe('/404.html');
    expect(urlForFile('_astro/editor.D_jU98o7.js')).toBe('/_astro/editor.D_jU98o7.js');
    expect(urlForFile('pagefind\\wasm.en.pagefind')).toBe('/pagefind/wasm.en.pagefind');
  });

  it('tells pages from the assets every version stores at once', () => {
    expect(isPage('/lessons/x/')).toBe(true);
    expect(isPage('/404.html')).toBe(true);
    expect(isShell(file('/pagefind/pagefind-entry.json'))).toBe(true);
    expect(isShell(file('/_astro/worker-main-CGJs3M0Y.js'))).toBe(true);
    expect(isShell(file('/'))).toBe(false);
  });

  it('finds the file a request is for, ignoring the query, and nothing for other requests', () => {
    const known = new Map(
      ['/', '/lessons/a/', '/pagefind/pagefind-entry.json'].map((u) => [u, file(u)]),
    );
    const o = 'https://c.test';
    expect(lookupKey(`${o}/pagefind/pagefind-entry.json?ts=1`, o, known)).toBe(
      '/pagefind/pagefind-entry.json',
    );
    expect(lookupKey(`${o}/lessons/a`, o, known)).toBe('/lessons/a/');
    expect(lookupKey(`${o}/lessons/a/index.html`, o, known)).toBe('/lessons/a/');
    expect(lookupKey(`${o}/lessons/a/#s`, o, known)).toBe('/lessons/a/');
    expect(lookupKey(`${o}/lessons/b/`, o, known)).toBeUndefined();
    expect(lookupKey(`https://other.test/`, o, known)).toBeUndefined();
    expect(lookupKey(`${o}/%E0%A4%A`, o, known)).toBeUndefined();
    expect(lookupKey('not a url', o, known)).toBeUndefined();
  });

  it('accepts a well-formed manifest and refuses malformed ones', () => {
    const good = { version: 'v1', headersHash: H, files: [{ url: '/', hash: H, size: 3 }] };
    expect(parseManifest(good)).toEqual(good);
    const bad: unknown[] = [
      null,
      'x',
      { ...good, version: '' },
      { ...good, version: 'a b' },
      { ...good, headersHash: 'short' },
      { ...good, files: {} },
      { ...good, files: [{ url: 'relative', hash: H, size: 1 }] },
      { ...good, files: [{ url: '//evil.test/', hash: H, size: 1 }] },
      { ...good, files: [{ url: '/', hash: 'A'.repeat(64), size: 1 }] },
      { ...good, files: [{ url: '/', hash: H, size: -1 }] },
      { ...good, files: [{ url: '/', hash: H, size: 1.5 }] },
      { ...good, files: [good.files[0], good.files[0]] },
    ];
    for (const b of bad) expect(parseManifest(b), JSON.stringify(b)).toBeUndefined();
  });

  it('hashes with SHA-256 and prints sizes for people', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(850_400)).toBe('850 KB');
    expect(formatBytes(11_150_000)).toBe('11.2 MB');
  });
});
