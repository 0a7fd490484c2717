import { ProgressStore } from './store.ts';
import { PROGRESS_KEY, SET_ASIDE_KEY } from './schema.ts';

let store: ProgressStore | undefined;

/**
 * The page's one progress store, backed by localStorage. Created on first use, so a page that
 * never asks never touches storage; it follows changes made in other tabs.
 */
export function progressStore(): ProgressStore {
  if (store) return store;
  const created = new ProgressStore({ storage: () => globalThis.localStorage });
  store = created;
  addEventListener('storage', (e) => {
    const { key } = e as StorageEvent;
    if (key === null || key === PROGRESS_KEY || key === SET_ASIDE_KEY) created.refresh();
  });
  return created;
}
