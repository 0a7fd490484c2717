/**
 * Shareable code links: the pure part (no DOM). A link carries one snippet's code in the URL's
 * fragment, `…/lessons/<lesson>/#share=<snippet-id>:<payload>`, where the payload is the code as
 * UTF-8, compressed with the browser's `CompressionStream('deflate-raw')`, in base64url.
 *
 * Why the fragment and not a query parameter: a fragment never reaches the server, so the code
 * stays out of server and proxy logs, the static host serves (and caches) the very same page, and
 * no server's request-line limit (often 8 KB) can cut a long link.
 *
 * Everything read from a link is hostile until proven otherwise: the payload is capped before it
 * is decoded ({@link MAX_PAYLOAD_CHARS}), decompressed as a stream that is cancelled as soon as it
 * passes {@link MAX_CODE_BYTES} (a zip bomb never gets further), and must be valid UTF-8. The
 * result is only ever shown as text, never as HTML.
 */

/** Longest payload accepted, in base64url characters (32 KB): about 24 KB compressed. */
export const MAX_PAYLOAD_CHARS = 32 * 1024;
/** Largest code accepted once decompressed, in UTF-8 bytes (200 KB). */
export const MAX_CODE_BYTES = 200 * 1024;
/** What starts a share fragment (after the `#`). */
export const SHARE_PREFIX = 'share=';

/** Why a link could not be made or read. */
export type ShareProblem = 'too-long' | 'corrupt' | 'unknown-snippet';

/** The outcome of encoding or decoding: a value, or a problem with one sentence for the reader. */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: ShareProblem; readonly message: string };

const fail = (problem: ShareProblem, message: string): Outcome<never> => ({
  ok: false,
  problem,
  message,
});

const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;

// ---------------------------------------------------------------------------------------------
// base64url

/** Bytes as base64url, without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode(...bytes) on a large array overflows the argument stack.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (padding optional) as bytes; undefined when it is not base64url. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Compression

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The result of {@link inflateCapped}. */
export type Inflated =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly problem: 'corrupt' }
  /** Stopped past the cap; `seen` is how many bytes had come out when it stopped. */
  | { readonly ok: false; readonly problem: 'too-large'; readonly seen: number };

/** Input slice fed to the decompressor at a time: at most ~1 MB can come out of one slice. */
const SLICE = 1024;

/**
 * Decompresses deflate-raw as a stream, and stops as soon as the output passes `cap` bytes: the
 * input goes in small slices while the output is read (and counted) concurrently, so a bomb that
 * would expand a thousandfold never exists in memory beyond the cap and one slice's worth.
 */
export async function inflateCapped(input: Uint8Array, cap: number): Promise<Inflated> {
  const ds = new DecompressionStream('deflate-raw');
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  let stopped = false;
  const feeding = (async () => {
    for (let i = 0; i < input.length && !stopped; i += SLICE)
      await writer.write(input.slice(i, i + SLICE));
    if (!stopped) await writer.close();
  })().catch(() => undefined); // errors surface on the readable side, or we stopped it
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > cap) {
        stopped = true;
        await reader.cancel().catch(() => undefined);
        await feeding;
        return { ok: false, problem: 'too-large', seen: total };
      }
      chunks.push(value);
    }
  } catch {
    stopped = true;
    await feeding;
    return { ok: false, problem: 'corrupt' };
  }
  await feeding;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes: out };
}

// ---------------------------------------------------------------------------------------------
// Code ⇄ payload

/** The payload of a link carrying `code`, or why there can be none (too long). */
export async function encodeCode(code: string): Promise<Outcome<string>> {
  const bytes = new TextEncoder().encode(code);
  if (bytes.length > MAX_CODE_BYTES)
    return fail(
      'too-long',
      `This code is too long to share as a link (${kb(bytes.length)}; the limit is ${kb(MAX_CODE_BYTES)}).`,
    );
  const payload = toBase64Url(await deflate(bytes));
  if (payload.length > MAX_PAYLOAD_CHARS)
    return fail(
      'too-long',
      `This code is too long to share as a link (${kb(payload.length)} once compressed; the limit is ${kb(MAX_PAYLOAD_CHARS)}).`,
    );
  return { ok: true, value: payload };
}

const CORRUPT =
  'The shared code in this link is damaged (perhaps cut short when it was copied), so it cannot be shown.';

/** The code a payload carries, or why it cannot be read. */
export async function decodeCode(payload: string): Promise<Outcome<string>> {
  if (payload.length > MAX_PAYLOAD_CHARS)
    return fail(
      'too-long',
      `The shared code in this link is too long (${kb(payload.length)}; links carry at most ${kb(MAX_PAYLOAD_CHARS)}), so it was not opened.`,
    );
  const bytes = fromBase64Url(payload);
  if (!bytes || bytes.length === 0) return fail('corrupt', CORRUPT);
  const inflated = await inflateCapped(bytes, MAX_CODE_BYTES);
  if (!inflated.ok)
    return inflated.problem === 'too-large'
      ? fail(
          'too-long',
          `The shared code in this link expands to more than ${kb(MAX_CODE_BYTES)}, so it was not opened.`,
        )
      : fail('corrupt', CORRUPT);
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes) };
  } catch {
    return fail('corrupt', CORRUPT);
  }
}

// ---------------------------------------------------------------------------------------------
// Links

/** What a snippet id looks like (`<lesson-id>/<file name>`); anything else is refused as is. */
const SNIPPET_ID = /^[a-z0-9][a-z0-9-]*\/[A-Za-z0-9][\w.-]*$/;

/** A share fragment taken apart, before its payload is decoded. */
export interface ShareFragment {
  readonly id: string;
  readonly payload: string;
}

/**
 * Reads a location hash (`#share=<id>:<payload>`): undefined when it is not a share link at all
 * (an ordinary heading anchor), a problem when it is one but malformed.
 */
export function parseShareHash(hash: string): Outcome<ShareFragment> | undefined {
  let text = hash.replace(/^#/, '');
  if (!text.startsWith(SHARE_PREFIX)) return undefined;
  text = text.slice(SHARE_PREFIX.length);
  // Some apps percent-encode a pasted link (`%2F`, `%3A`); base64url itself never needs it.
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return fail('corrupt', CORRUPT);
    }
  }
  const colon = text.indexOf(':');
  if (colon < 0) return fail('corrupt', CORRUPT);
  const id = text.slice(0, colon);
  const payload = text.slice(colon + 1);
  if (id.length > 200 || !SNIPPET_ID.test(id)) return fail('corrupt', CORRUPT);
  return { ok: true, value: { id, payload } };
}

/** The fragment of a link to `id` carrying `payload`, with its `#`. */
export function shareHash(id: string, payload: string): string {
  return `#${SHARE_PREFIX}${id}:${payload}`;
}

/**
 * The link: the snippet's lesson page with a share fragment. From the lesson page itself, its URL
 * (fragment dropped); from anywhere else (a slide deck, whose fragment is the slide number), the
 * lesson page `/lessons/<lesson-id>/` of the same site.
 */
export function shareUrl(pageUrl: string, id: string, payload: string): string {
  const lesson = id.slice(0, id.indexOf('/'));
  const url = new URL(pageUrl);
  url.hash = '';
  const onLesson = url.pathname.replace(/\/?$/, '/').endsWith(`/lessons/${lesson}/`);
  const page = onLesson ? url : new URL(`/lessons/${lesson}/`, url.origin);
  return `${page.href}${shareHash(id, payload)}`;
}

/** What opening a page with a given hash should do. */
export type SharedLink =
  /** Not a share link: nothing to do. */
  | { readonly kind: 'none' }
  /** A share link that cannot be used; `id` is set when it names a snippet on this page. */
  | {
      readonly kind: 'problem';
      readonly id?: string;
      readonly problem: ShareProblem;
      readonly message: string;
    }
  | { readonly kind: 'code'; readonly id: string; readonly code: string };

/**
 * Reads a share link against the snippets a page has (`exists`): the whole check, in order —
 * shape, snippet, length, base64url, deflate (capped), UTF-8.
 */
export async function readSharedLink(
  hash: string,
  exists: (id: string) => boolean,
): Promise<SharedLink> {
  const parsed = parseShareHash(hash);
  if (!parsed) return { kind: 'none' };
  if (!parsed.ok) return { kind: 'problem', problem: parsed.problem, message: parsed.message };
  const { id, payload } = parsed.value;
  if (!exists(id))
    return {
      kind: 'problem',
      problem: 'unknown-snippet',
      message: `This link shares code for a program (${id}) that is no longer on this page, so there is nothing to show it in; the lesson is shown as it is.`,
    };
  const code = await decodeCode(payload);
  return code.ok
    ? { kind: 'code', id, code: code.value }
    : { kind: 'problem', id, problem: code.problem, message: code.message };
}
