/**
 * The messages between a page and the service worker. The page asks; the worker answers on the
 * `MessagePort` the page sent with the question (`ask` in `sw-client.ts`), so answers never get
 * mixed up between tabs. Anything else arriving on either side is ignored.
 */

/** What became of one file the page asked the worker to store. */
export type CacheOutcome =
  /** Stored now, and its hash matched the manifest's. */
  | 'stored'
  /** Was already stored. */
  | 'present'
  /** The server sent other bytes: a newer build is deployed. Not stored. */
  | 'changed'
  /** No answer from the server, or an error status. Not stored. */
  | 'failed';

/** A page's question. */
export type Request =
  /** Which version the worker serves, its files and which of them are stored. */
  | { readonly type: 'status' }
  /** Store one file of the worker's version. */
  | { readonly type: 'store'; readonly url: string }
  /** Whether a new version should store the whole course when it installs. */
  | { readonly type: 'keep-all'; readonly value: boolean }
  /** Delete every stored page (not the assets every saved page needs), and older versions. */
  | { readonly type: 'remove-copy' }
  /** The reader accepted the update: a waiting worker takes over. Never sent by itself. */
  | { readonly type: 'skip-waiting' };

/** The worker's answer to `status`. */
export interface Status {
  readonly type: 'status';
  readonly version: string;
  readonly files: readonly { readonly url: string; readonly size: number }[];
  /** URLs of the files this version has stored. */
  readonly stored: readonly string[];
  readonly keepAll: boolean;
}

/** An answer. */
export type Reply =
  | Status
  | { readonly type: 'stored'; readonly url: string; readonly outcome: CacheOutcome }
  | { readonly type: 'removed'; readonly pages: number }
  | { readonly type: 'ok' };

const OUTCOMES: readonly string[] = ['stored', 'present', 'changed', 'failed'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A page's question, or undefined for anything else. */
export function parseRequest(data: unknown): Request | undefined {
  if (!isRecord(data)) return undefined;
  switch (data['type']) {
    case 'status':
    case 'remove-copy':
    case 'skip-waiting':
      return { type: data['type'] };
    case 'store':
      return typeof data['url'] === 'string' ? { type: 'store', url: data['url'] } : undefined;
    case 'keep-all':
      return typeof data['value'] === 'boolean'
        ? { type: 'keep-all', value: data['value'] }
        : undefined;
    default:
      return undefined;
  }
}

/** The worker's answer, or undefined for anything else. */
export function parseReply(data: unknown): Reply | undefined {
  if (!isRecord(data)) return undefined;
  switch (data['type']) {
    case 'status': {
      const { version, files, stored, keepAll } = data;
      if (typeof version !== 'string' || typeof keepAll !== 'boolean') return undefined;
      if (!Array.isArray(files) || !Array.isArray(stored)) return undefined;
      const okFiles = files.every(
        (f: unknown) =>
          isRecord(f) && typeof f['url'] === 'string' && typeof f['size'] === 'number',
      );
      if (!okFiles || !stored.every((s: unknown) => typeof s === 'string')) return undefined;
      return {
        type: 'status',
        version,
        keepAll,
        files: (files as { url: string; size: number }[]).map(({ url, size }) => ({ url, size })),
        stored: stored as string[],
      };
    }
    case 'stored':
      return typeof data['url'] === 'string' &&
        typeof data['outcome'] === 'string' &&
        OUTCOMES.includes(data['outcome'])
        ? { type: 'stored', url: data['url'], outcome: data['outcome'] as CacheOutcome }
        : undefined;
    case 'removed':
      return typeof data['pages'] === 'number'
        ? { type: 'removed', pages: data['pages'] }
        : undefined;
    case 'ok':
      return { type: 'ok' };
    default:
      return undefined;
  }
}
