// A small static server for the built site, used by the browser tests: it sends exactly the
// headers of production and `astro preview` (`siteHeaders` of src/course/headers.ts) and serves
// 404.html for unknown paths, but takes no project lock, so several test runs can each serve
// their own build (`DIST_DIR=/tmp/x npx playwright test`).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { siteHeaders } from '../src/course/headers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const root = resolve(opt('dir', process.env.DIST_DIR ?? 'dist'));
const port = Number(opt('port', process.env.PORT ?? '4321'));

/** Maps a URL path to a file under root, or undefined. Refuses paths that climb out of root. */
function fileFor(urlPath: string): string | undefined {
  const path = normalize(decodeURIComponent(urlPath.split('?')[0]!));
  const file = join(root, path);
  if (!file.startsWith(root)) return undefined;
  if (existsSync(file) && statSync(file).isFile()) return file;
  const index = join(file, 'index.html');
  if (existsSync(index)) return index;
  return undefined;
}

const server = createServer((req, res) => {
  const file = fileFor(req.url ?? '/');
  const status = file ? 200 : 404;
  const body = file ?? join(root, '404.html');
  res.writeHead(status, {
    ...siteHeaders,
    'Content-Type': TYPES[extname(body)] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
  });
  createReadStream(body).pipe(res);
});
server.listen(port, '127.0.0.1', () => {
  // The port actually bound (`--port 0` picks a free one: the header test uses that).
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  console.log(`serving ${root} on http://localhost:${bound}/`);
});
