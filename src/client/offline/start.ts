/**
 * Starts offline use on a page: registers the service worker, wires the footer's control and the
 * update prompt, and saves the page being read (on a first visit it was loaded before the worker
 * existed). Loaded after the page's `load` event by OfflineFooter.astro, in built sites only.
 */
import { OfflineControl, UpdatePrompt } from './offline-ui.ts';
import { ask, OfflineClient, type ContainerLike } from './sw-client.ts';

/** Look for a new version when the reader comes back to a tab after this long. */
const RECHECK_MS = 15 * 60_000;

export async function startOffline(root: HTMLElement): Promise<void> {
  const section = root.querySelector<HTMLElement>('[data-part="offline"]');
  const region = root.querySelector<HTMLElement>('[data-part="update"]');
  if (!section || !region) return;
  const control = new OfflineControl(section);
  if (!('serviceWorker' in navigator)) {
    control.unavailable('refused');
    return;
  }
  const client = new OfflineClient({
    container: navigator.serviceWorker as unknown as ContainerLike,
    reload: () => location.reload(),
  });
  const prompt = new UpdatePrompt(region, () => client.acceptUpdate());
  client.onUpdate(() => prompt.show());
  const started = await client.start();
  if (started !== 'registered') {
    control.unavailable(started);
    return;
  }
  if (!client.controller) control.preparing();
  const first = await client.whenControlled();
  // The controller changes when another tab accepts an update: ask whichever is in charge now.
  const askWorker = (request: Parameters<typeof ask>[1]) =>
    ask(client.controller ?? first, request);
  await askWorker({ type: 'store', url: location.pathname }).catch(() => undefined);
  await control.connect(askWorker);

  let checkedAt = Date.now();
  const recheck = (): void => {
    checkedAt = Date.now();
    client.checkForUpdate();
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && Date.now() - checkedAt > RECHECK_MS) recheck();
  });
  addEventListener('online', recheck);
}
