import type { Container, ContainerApi } from './contract.ts';

/** Thrown when WebContainer cannot run here; the message is one sentence for the learner. */
export class Unavailable extends Error {
  override name = 'Unavailable';
}

/** What the support check looks at; the browser's globals by default, anything in tests. */
export interface Environment {
  readonly crossOriginIsolated: boolean;
  readonly hasSharedArrayBuffer: boolean;
  readonly onLine: boolean;
  readonly userAgent: string;
}

/** The browser's own environment. */
export function browserEnvironment(): Environment {
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hasSharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    onLine: globalThis.navigator?.onLine !== false,
    userAgent: globalThis.navigator?.userAgent ?? '',
  };
}

/** Why WebContainer cannot run in this environment, or undefined when it may. */
export function unsupportedReason(env: Environment): string | undefined {
  if (/iPhone|iPad|iPod/.test(env.userAgent))
    return 'in-browser Node.js (WebContainer) is not reliable on iOS, where it crashes under memory pressure.';
  if (!env.crossOriginIsolated)
    return 'this page is not cross-origin isolated (its host does not send the COOP/COEP headers), which in-browser Node.js needs.';
  if (!env.hasSharedArrayBuffer)
    return 'this browser does not offer SharedArrayBuffer, which in-browser Node.js needs.';
  if (!env.onLine)
    return 'you appear to be offline, and in-browser Node.js loads its engine from StackBlitz.';
  return undefined;
}

/** Tuning for {@link bootWithWatchdog}. */
export interface BootOptions {
  /** Give up after this long; boot is ~5 s warm, ~10 s cold. */
  readonly timeoutMs?: number;
  /** After the engine's frame loads, how long to wait for it to speak before calling it dead. */
  readonly silentFrameMs?: number;
  /** Where `boot()` inserts its iframe; omit outside a browser. */
  readonly document?: Document;
}

/**
 * `boot()` with the guards it lacks. Offline it never settles: it inserts an iframe to
 * stackblitz.com/headless that fails and fires `load` without ever sending a message. So watch
 * for that frame, and fail early when it loaded but stayed silent; otherwise fail at the timeout.
 */
export async function bootWithWatchdog(
  api: ContainerApi,
  options: BootOptions = {},
): Promise<Container> {
  const { timeoutMs = 30_000, silentFrameMs = 4_000, document: doc } = options;
  const cleanups: (() => void)[] = [];
  const watchdog = new Promise<never>((_, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Unavailable(`in-browser Node.js did not start within ${timeoutMs / 1000} s.`)),
      timeoutMs,
    );
    cleanups.push(() => clearTimeout(timer));
    if (doc) cleanups.push(watchFrames(doc, silentFrameMs, reject));
  });
  try {
    return await Promise.race([
      api.boot({ coep: 'require-corp', workdirName: 'course' }),
      watchdog,
    ]);
  } finally {
    for (const c of cleanups) c();
  }
}

function watchFrames(doc: Document, silentMs: number, reject: (e: Error) => void): () => void {
  const frames = new WeakSet<Window>();
  let spoke = false;
  let silent: ReturnType<typeof setTimeout> | undefined;
  const onMessage = (e: MessageEvent) => {
    if (e.source && frames.has(e.source as Window)) spoke = true;
  };
  const watch = (frame: HTMLIFrameElement) => {
    if (!/stackblitz|webcontainer/.test(frame.src)) return;
    if (frame.contentWindow) frames.add(frame.contentWindow);
    frame.addEventListener('load', () => {
      if (frame.contentWindow) frames.add(frame.contentWindow);
      silent = setTimeout(() => {
        if (!spoke)
          reject(
            new Unavailable(
              'in-browser Node.js could not reach StackBlitz, which serves its engine (offline, or blocked by a firewall, extension or privacy setting).',
            ),
          );
      }, silentMs);
    });
  };
  const observer = new MutationObserver((records) => {
    for (const r of records)
      for (const n of r.addedNodes) if (n instanceof HTMLIFrameElement) watch(n);
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  doc.defaultView?.addEventListener('message', onMessage);
  return () => {
    observer.disconnect();
    clearTimeout(silent);
    doc.defaultView?.removeEventListener('message', onMessage);
  };
}
