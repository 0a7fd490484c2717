// Writes the service worker `/sw.js` into a finished build: run it after `astro build` and
// `pagefind --site dist`, so that the manifest lists every file the site will serve, search index
// included. Each file gets its SHA-256 and size; the build gets a version (a hash of all of them
// and of the site's headers, so an unchanged build keeps its version and prompts nobody).
//
//   node scripts/build-offline.ts [dist-dir] [--version=name]
//
// The directory may also come from DIST_DIR and the version from OFFLINE_VERSION (tests build two
// versions of one site that way). The worker's code is src/client/offline/sw-entry.ts.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { siteHeaders } from '../src/course/headers.ts';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const ENTRY = join(root, 'src', 'client', 'offline', 'sw-entry.ts');

/** The worker's own file; host configuration that is never served; source maps. */
const SKIP = (path: string): boolean =>
  path === 'sw.js' || path === '_headers' || path.split('/').some((p) => p.startsWith('.'));

export interface OfflineFile {
  readonly url: string;
  readonly hash: string;
  readonly size: number;
}

export interface OfflineBuild {
  readonly version: string;
  readonly headersHash: string;
  readonly files: readonly OfflineFile[];
  /** Size of the written `sw.js`, in bytes. */
  readonly workerBytes: number;
}

const sha256 = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');

/** The path a built file is requested by (as `urlForFile` in src/client/offline/manifest.ts). */
export function urlFor(relativePath: string): string {
  const path = relativePath.split(sep).join('/');
  if (path === 'index.html') return '/';
  if (path.endsWith('/index.html')) return `/${path.slice(0, -'index.html'.length)}`;
  return `/${path}`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)));
}

/** Lists and hashes every file of `distDir` and writes `distDir/sw.js`. */
export async function buildOffline(distDir: string, version?: string): Promise<OfflineBuild> {
  const dir = resolve(distDir);
  const files: OfflineFile[] = filesUnder(dir)
    .filter((p) => !SKIP(p.split(sep).join('/')))
    .map((p) => {
      const bytes = readFileSync(join(dir, p));
      return { url: urlFor(p), hash: sha256(bytes), size: bytes.length };
    })
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  if (!files.some((f) => f.url === '/'))
    throw new Error(`${dir} has no index.html: run it on a finished build`);
  const headersHash = sha256(JSON.stringify(siteHeaders));
  const name =
    version ??
    sha256(files.map((f) => `${f.url} ${f.hash}`).join('\n') + `\n${headersHash}`).slice(0, 16);
  if (!/^[\w.-]{1,64}$/.test(name)) throw new Error(`bad version name: ${name}`);
  const manifest = { version: name, headersHash, files };
  const out = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    define: { __OFFLINE_BUILD__: JSON.stringify({ manifest, headers: siteHeaders }) },
  });
  const code = `/* Async I/O course, offline build ${name} (scripts/build-offline.ts) */\n${out.outputFiles[0]!.text}`;
  writeFileSync(join(dir, 'sw.js'), code);
  return { version: name, headersHash, files, workerBytes: Buffer.byteLength(code) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const positional = args.find((a) => !a.startsWith('--'));
  const flag = args.find((a) => a.startsWith('--version='))?.slice('--version='.length);
  const dist = positional ?? process.env['DIST_DIR'] ?? 'dist';
  const result = await buildOffline(dist, flag ?? process.env['OFFLINE_VERSION']);
  const bytes = result.files.reduce((n, f) => n + f.size, 0);
  console.log(
    `offline: ${join(dist, 'sw.js')} for version ${result.version}: ${result.files.length} files, ` +
      `${(bytes / 1e6).toFixed(1)} MB; worker ${(result.workerBytes / 1000).toFixed(1)} KB`,
  );
}
