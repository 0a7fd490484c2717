/**
 * The service worker script, `/sw.js`. `scripts/build-offline.ts` bundles this file after the
 * build and puts the build's manifest and the site's headers in place of `__OFFLINE_BUILD__`.
 * It never calls `skipWaiting()` on its own: a new version waits until the reader accepts it
 * (the page sends `skip-waiting`), so no open page ever has its files swapped under it.
 */
import { parseManifest } from './manifest.ts';
import { createServiceWorker } from './service-worker.ts';

declare const __OFFLINE_BUILD__: { manifest: unknown; headers: Record<string, string> };

/** What this file uses of `ServiceWorkerGlobalScope` (the DOM typings do not describe it). */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface MessageEventLike extends ExtendableEvent {
  readonly data: unknown;
  readonly ports: readonly MessagePort[];
}
interface ServiceWorkerScope {
  readonly location: Location;
  readonly registration: { update(): Promise<unknown> };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (e: MessageEventLike) => void): void;
}

const scope = self as unknown as ServiceWorkerScope;
const manifest = parseManifest(__OFFLINE_BUILD__.manifest);
if (!manifest) throw new Error('sw.js: the offline manifest is malformed');

const worker = createServiceWorker({
  manifest,
  origin: scope.location.origin,
  caches,
  fetch: (url, init) => fetch(url, init),
  headers: __OFFLINE_BUILD__.headers,
  skipWaiting: () => scope.skipWaiting(),
  claimClients: () => scope.clients.claim(),
  checkForUpdate: () => void scope.registration.update().catch(() => undefined),
});

scope.addEventListener('install', (e) => e.waitUntil(worker.install()));
scope.addEventListener('activate', (e) => e.waitUntil(worker.activate()));
scope.addEventListener('fetch', (e) => {
  const response = worker.respond(e.request);
  if (response) e.respondWith(response);
});
scope.addEventListener('message', (e) => {
  const reply = worker.answer(e.data);
  const port = e.ports[0];
  if (!reply) return;
  e.waitUntil(
    reply.then(
      (r) => port?.postMessage(r),
      () => port?.postMessage({ type: 'error' }),
    ),
  );
});
