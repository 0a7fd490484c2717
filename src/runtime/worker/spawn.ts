/**
 * Spawning runner workers, kept apart from the adapter (which carries sucrase) so the first run
 * can start loading the worker script while sucrase is still downloading.
 */

let spare: Worker | undefined;

/** A new module worker running `worker-main.ts`; it waits for one `start` message. */
export function spawnWorker(): Worker {
  return new Worker(new URL('./worker-main.ts', import.meta.url), {
    type: 'module',
    name: 'snippet runner',
  });
}

/** Starts loading a worker now, for the next run, unless one is already waiting. */
export function prepareWorker(): void {
  if (typeof Worker === 'function') spare ??= spawnWorker();
}

/** The waiting worker, or a new one. It never ran anything: each run gets a fresh worker. */
export function takeWorker(): Worker {
  const worker = spare ?? spawnWorker();
  spare = undefined;
  return worker;
}
