/** A worker from source text, in the browser (Blob URL) and on Node (worker_threads). */
export interface WorkerPort {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  close(): void;
}

/**
 * Starts a worker running `source`. Inside it, `postToParent(message)` and
 * `onParentMessage(listener)` talk to this side, wherever it runs.
 */
export function startWorker(source: string): WorkerPort {
  const prelude = `
    const wt = globalThis.process?.getBuiltinModule?.("node:worker_threads");
    const postToParent = (m) => (wt ? wt.parentPort.postMessage(m) : self.postMessage(m));
    const onParentMessage = (f) =>
      wt ? wt.parentPort.on("message", f) : self.addEventListener("message", (e) => f(e.data));
  `;
  const code = prelude + source;
  const wt = globalThis.process?.getBuiltinModule?.(
    'node:worker_threads',
  );
  if (wt) {
    const w = new wt.Worker(code, { eval: true });
    return {
      post: (m) => w.postMessage(m),
      onMessage: (f) => void w.on('message', f),
      close: () => void w.terminate(),
    };
  }
  const w = new Worker(
    URL.createObjectURL(new Blob([code], { type: 'text/javascript' })),
  );
  return {
    post: (m) => w.postMessage(m),
    onMessage: (f) => w.addEventListener('message', (e) => f(e.data)),
    close: () => w.terminate(),
  };
}

/** A synchronous function backed by an async one in a worker. */
export interface SyncFn<A extends unknown[], R> {
  (...args: A): R;
  /** Stops the worker. */
  close(): void;
}

/**
 * Runs `fn` (self-contained: it sees none of our variables) in a worker and
 * returns a function that calls it and blocks until it has settled.
 *
 * This first attempt runs `fn` right here and hands back its Promise:
 * nothing blocks, so nothing is synchronous either.
 */
export async function makeSync<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
): Promise<SyncFn<A, R>> {
  const call = (...args: A) => fn(...args) as unknown as R;
  return Object.assign(call, { close: () => {} });
}
