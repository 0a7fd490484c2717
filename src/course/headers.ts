/**
 * The HTTP headers every response of the site carries, on every host: the dev/preview server
 * (`astro.config.mjs`), the browser tests' server (`scripts/serve.ts`), Netlify and Cloudflare
 * Pages (`public/_headers`) and Vercel (`vercel.json`). This file is the one source of truth;
 * `tests/unit/architecture.test.ts` fails when any host lacks a header or sends another value.
 */

/**
 * Cross-origin isolation, so that `SharedArrayBuffer` exists and WebContainer can boot. CORP
 * keeps other sites (which cannot frame us, see below) from embedding our files as resources.
 */
export const crossOriginIsolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

/**
 * The origin `@webcontainer/api` frames (`DEFAULT_EDITOR_ORIGIN` in its `internal/constants.js`:
 * `boot()` inserts one iframe to `https://stackblitz.com/headless`). Everything WebContainer loads
 * after that (`*.webcontainer.io`, `*.staticblitz.com`...) is loaded by that frame, under its own
 * policy, so it needs no entry here; the page talks to the frame by `postMessage` only.
 */
export const WEBCONTAINER_ORIGIN = 'https://stackblitz.com';

/**
 * SHA-256 of each executable `<script is:inline>` exactly as written between its tags (Astro
 * emits that text unchanged). A unit test recomputes them from the `.astro` files and fails,
 * naming the new hash, when one changes; the e2e test checks them on the built pages.
 */
export const INLINE_SCRIPT_HASHES: readonly `sha256-${string}`[] = [
  // src/components/layout/ThemeScript.astro: sets data-theme before the first paint
  'sha256-B7Vlw+S6zxIfWHYzqwRp3iMPIVCALQnc89mXbtDAPac=',
  // src/components/layout/LessonLayout.astro: opens the sidebar on wide screens
  'sha256-qR8VNnzgCVBayZsj6kMjic7iTf6wDiP3MtQZVOutlH8=',
  // src/components/slides/DeckLayout.astro: marks the deck as scripted (no flash of all slides)
  'sha256-z1ty+QyeKhVuJkpBkW15m9O9QYlrLAmlaRot3w+NZR4=',
];

/**
 * Script sources a page (a document) needs: its own bundles and Pagefind's (`'self'`), Pagefind's
 * WebAssembly (`'wasm-unsafe-eval'`: compiling wasm, nothing else; Pagefind falls back to the main
 * thread when its worker fails), and the inline scripts above. Astro puts exactly this in a
 * `<meta http-equiv="Content-Security-Policy">` of every built page (`security.csp` in
 * astro.config.mjs), which documents enforce on top of the header.
 */
export const DOCUMENT_SCRIPT_SOURCES: readonly string[] = ["'self'", "'wasm-unsafe-eval'"];

/**
 * What the snippet runner worker (`/_astro/worker-main-*.js`) needs on top of a page: learner
 * programs are linked as `blob:` modules and imported from there (`src/runtime/worker/modules.ts`),
 * and they may compile code from text (`new Function`, as the stackless-generators snippet
 * does, or `eval`) and WebAssembly (the JSPI snippet). A worker's policy comes from its own
 * response headers, never from a page's `<meta>`, so these sources are in the header, which
 * every response shares (no host here can send one path a looser policy than another: Netlify
 * would combine both). The `<meta>` above takes them away again from every document, so no page
 * may evaluate strings or run `blob:` scripts. Inside the worker they give learner code nothing
 * it does not already have: it is arbitrary code the reader chose to run, in a worker with no
 * DOM and no access to the page.
 */
const SANDBOX_SCRIPT_SOURCES: readonly string[] = ['blob:', "'unsafe-eval'"];

const quoted = (hash: string): string => `'${hash}'`;

/**
 * The Content-Security-Policy header, directive by directive. `default-src 'self'` covers what is
 * not listed: images (the favicon is `/favicon.svg`; no `data:` image is used), fonts (none),
 * `fetch` (recordings, the Pagefind index, Vite's dev WebSocket: all same-origin).
 */
export const CONTENT_SECURITY_POLICY: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': [
    ...DOCUMENT_SCRIPT_SOURCES,
    ...SANDBOX_SCRIPT_SOURCES,
    ...INLINE_SCRIPT_HASHES.map(quoted),
  ],
  // Styles: `'unsafe-inline'`, deliberately. Shiki writes a `style="--shiki-light:…;
  // --shiki-dark:…"` attribute on every token (over 2,600 on one lesson), and a hash can allow an
  // attribute only through `'unsafe-hashes'` with one hash per distinct value, which changes with
  // every code edit; Astro inlines small component stylesheets as `<style>` and Vite's dev server
  // injects `<style>` elements, both changing with every CSS edit, which static header files
  // cannot follow; CodeMirror injects its theme at run time. Injected CSS cannot run script, and
  // injecting it would need markup injection, which the site gives no way to (all dynamic text
  // is set with `textContent`).
  'style-src': ["'self'", "'unsafe-inline'"],
  // The runner worker (same origin), Pagefind's worker (same origin), and workers a learner
  // program starts from a `blob:` URL inside the runner worker (the cost-ladder snippet).
  'worker-src': ["'self'", 'blob:'],
  // The presenter view frames the deck's own `?embed` view; WebContainer frames its boot page.
  'frame-src': ["'self'", WEBCONTAINER_ORIGIN],
  // No other site may frame a page (clickjacking a Reset); the presenter view is same-origin.
  // A `<meta>` policy ignores this directive: it has to be a header.
  'frame-ancestors': ["'self'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'object-src': ["'none'"],
};

/** The policy as a header value: `name source source; name source`. */
export function serializePolicy(policy: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(policy)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** Headers that limit what a page may load, who may frame it, and what it leaks. */
export const securityHeaders = {
  'Content-Security-Policy': serializePolicy(CONTENT_SECURITY_POLICY),
  'X-Content-Type-Options': 'nosniff',
  // Other sites learn our origin, never the path of the lesson a link was followed from.
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // For browsers without `frame-ancestors`; SAMEORIGIN, not DENY: the presenter view frames us.
  'X-Frame-Options': 'SAMEORIGIN',
} as const;

/**
 * The service worker script (written by `scripts/build-offline.ts`) and what it is sent with on
 * top of `siteHeaders`: `no-cache`, so every check for a new version asks the server (browsers
 * already skip the HTTP cache for it by default, `updateViaCache: 'imports'`; this covers proxies
 * and CDNs too). Registering it needs `worker-src 'self'`, which the policy above has.
 */
export const SERVICE_WORKER_PATH = '/sw.js';
export const serviceWorkerHeaders = { 'Cache-Control': 'no-cache' } as const;

/** Every header every response of the site carries, on every host. */
export const siteHeaders: Readonly<Record<string, string>> = {
  ...crossOriginIsolationHeaders,
  ...securityHeaders,
};

/**
 * Astro's `security.csp` option: the `<meta>` policy of every built page (not in `astro dev`).
 * It only narrows the header for documents (no `blob:` scripts, no `'unsafe-eval'`); styles stay
 * as in the header, so Astro adds no style hashes (a hash would switch `'unsafe-inline'` off).
 */
export const documentCsp: {
  algorithm: 'SHA-256';
  scriptDirective: { resources: string[]; hashes: `sha256-${string}`[] };
  styleDirective: { resources: string[] };
} = {
  algorithm: 'SHA-256',
  scriptDirective: {
    resources: [...DOCUMENT_SCRIPT_SOURCES],
    hashes: [...INLINE_SCRIPT_HASHES],
  },
  styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
};
