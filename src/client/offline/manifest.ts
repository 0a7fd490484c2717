/**
 * The offline manifest: every file of one build of the site, with its SHA-256, its size and the
 * build's version. `scripts/build-offline.ts` writes it into `/sw.js` after the whole build (Astro
 * and Pagefind); the service worker keeps each version's files in a cache of its own, and checks
 * every file it stores against the hash here, so a cache never holds files of two builds.
 */

/** One file of the build, as the site serves it. */
export interface ManifestFile {
  /** Path as requested: `/lessons/the-reactor/` for `lessons/the-reactor/index.html`. */
  readonly url: string;
  /** SHA-256 of the file's bytes, lower-case hex. */
  readonly hash: string;
  /** Size in bytes. */
  readonly size: number;
}

/** One build of the site. */
export interface OfflineManifest {
  /** Names the build; two builds with the same files get the same version. */
  readonly version: string;
  /** SHA-256 of the response headers the site sends (`src/course/headers.ts`), hex. */
  readonly headersHash: string;
  /** Every file, sorted by URL. */
  readonly files: readonly ManifestFile[];
}

/** The prefix of every cache that holds a version's files; the rest of the name is the version. */
export const CACHE_PREFIX = 'course-files-';

/** The cache name of a version. */
export const cacheNameFor = (version: string): string => `${CACHE_PREFIX}${version}`;

/** The path a built file is requested by: `a/index.html` → `/a/`, `index.html` → `/`. */
export function urlForFile(relativePath: string): string {
  const path = relativePath.split('\\').join('/').replace(/^\/+/, '');
  if (path === 'index.html') return '/';
  if (path.endsWith('/index.html')) return `/${path.slice(0, -'index.html'.length)}`;
  return `/${path}`;
}

/** A page (an HTML document) rather than an asset, by its URL. */
export function isPage(url: string): boolean {
  return url.endsWith('/') || url.endsWith('.html');
}

/**
 * Files every version stores as soon as its service worker installs: everything but the pages
 * (scripts and styles, the editor, the runner worker and the kit, the search index and its
 * WebAssembly), so any page that is saved also runs, searches and checks offline. Pages are saved
 * when visited, or all at once by "Make available offline".
 */
export const isShell = (file: ManifestFile): boolean => !isPage(file.url);

const HEX64 = /^[0-9a-f]{64}$/;
const VERSION = /^[\w.-]{1,64}$/;

/** Checks a manifest read from anywhere; returns undefined for anything malformed. */
export function parseManifest(value: unknown): OfflineManifest | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { version, headersHash, files } = value as Record<string, unknown>;
  if (typeof version !== 'string' || !VERSION.test(version)) return undefined;
  if (typeof headersHash !== 'string' || !HEX64.test(headersHash)) return undefined;
  if (!Array.isArray(files)) return undefined;
  const out: ManifestFile[] = [];
  const seen = new Set<string>();
  for (const f of files as unknown[]) {
    if (typeof f !== 'object' || f === null) return undefined;
    const { url, hash, size } = f as Record<string, unknown>;
    if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//')) return undefined;
    if (typeof hash !== 'string' || !HEX64.test(hash)) return undefined;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return undefined;
    if (seen.has(url)) return undefined;
    seen.add(url);
    out.push({ url, hash, size });
  }
  return { version, headersHash, files: out };
}

/**
 * The manifest URL a request is for, or undefined when the request is for no file of the build.
 * The query is ignored (Pagefind asks for `pagefind-entry.json?ts=…`, decks take `?print`), and
 * `/lessons/x` finds `/lessons/x/` as the static server does.
 */
export function lookupKey(
  requestUrl: string,
  origin: string,
  known: ReadonlyMap<string, ManifestFile>,
): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.origin !== origin) return undefined;
  let path: string;
  try {
    path = decodeURI(url.pathname);
  } catch {
    return undefined;
  }
  if (known.has(path)) return path;
  if (!path.endsWith('/') && known.has(`${path}/`)) return `${path}/`;
  if (path.endsWith('/index.html') && known.has(path.slice(0, -'index.html'.length)))
    return path.slice(0, -'index.html'.length);
  return undefined;
}

/** Lower-case hex SHA-256 of some bytes (Web Crypto: in the browser, the worker and Node). */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A size for people: `850 KB`, `11.2 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
