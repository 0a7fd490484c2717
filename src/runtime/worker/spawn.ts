/**
 * Spawning runner workers, kept apart from the adapter (which carries sucrase) so the first run
 * can start loading the worker script while sucrase is still downloading.
 */

let spare: Worker | undefined;
/** Why a worker failed before any run listened to it (its script did not load, usually). */
const failures = new WeakMap<Worker, string>();

/** What an `error` event on a Worker says; a script that failed to load gives no message. */
export function workerErrorText(e: Event): string {
  const message = (e as Partial<ErrorEvent>).message;
  return typeof message === 'string' && message ? message : '';
}

/**
 * A new module worker running `worker-main.ts`; it waits for one `start` message. Its errors are
 * recorded from the start: a prepared worker whose script fails to load fires `error` before any
 * run listens, and that reason must not be lost (it would end as a bogus time-out).
 */
export function spawnWorker(): Worker {
  const worker = new Worker(new URL('./worker-main.ts', import.meta.url), {
    type: 'module',
    name: 'snippet runner',
  });
  worker.addEventListener('error', (e) => {
    if (!failures.has(worker)) failures.set(worker, workerErrorText(e));
  });
  return worker;
}

/** Starts loading a worker now, for the next run, unless one is already waiting. */
export function prepareWorker(): void {
  if (typeof Worker !== 'function') return;
  try {
    spare ??= spawnWorker();
  } catch {
    // Not even constructible here (a blocked script URL): the run itself reports why.
  }
}

/**
 * The waiting worker, or a new one. It never ran anything: each run gets a fresh worker. A spare
 * that already failed is thrown away for a fresh try (a network blip); if that fails too, the
 * run's own `error` listener reports it. Throws when no worker can be constructed at all.
 */
export function takeWorker(): Worker {
  let worker = spare;
  spare = undefined;
  if (worker && failures.has(worker)) {
    worker.terminate();
    worker = undefined;
  }
  return worker ?? spawnWorker();
}
