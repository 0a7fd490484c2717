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

const BODY = 64 * 1024; // bytes for one reply, as JSON

/**
 * Runs `fn` (self-contained: it sees none of our variables) in a worker and
 * returns a function that calls it and blocks until it has settled.
 */
export async function makeSync<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
): Promise<SyncFn<A, R>> {
  // [0]: 0 while waiting, 1 when the reply is there; [1]: its length.
  const shared = new SharedArrayBuffer(8 + BODY);
  const header = new Int32Array(shared, 0, 2);
  const body = new Uint8Array(shared, 8);
  const worker = startWorker(`
    const fn = (${fn.toString()});
    let shared;
    onParentMessage(async (msg) => {
      if (msg.shared) { shared = msg.shared; return postToParent("ready"); }
      let out;
      try { out = { value: await fn(...msg.args) }; }
      catch (e) { out = { error: { name: e?.name ?? "Error", message: e?.message ?? String(e) } }; }
      let bytes = new TextEncoder().encode(JSON.stringify(out));
      if (bytes.length > ${BODY})
        bytes = new TextEncoder().encode('{"error":{"name":"RangeError","message":"reply too large"}}');
      new Uint8Array(shared, 8).set(bytes);
      const header = new Int32Array(shared, 0, 2);
      Atomics.store(header, 1, bytes.length);
      Atomics.store(header, 0, 1);
      Atomics.notify(header, 0); // wake the blocked caller
    });
  `);
  // A new worker may not start until its creator returns to its event
  // loop, so wait (asynchronously) once for it to be ready.
  await new Promise<void>((ready) => {
    worker.onMessage((m) => m === 'ready' && ready());
    worker.post({ shared });
  });
  const call = (...args: A): R => {
    Atomics.store(header, 0, 0);
    worker.post({ args });
    // Sleep until the worker stores 1 (or 10 s pass). No timer, no
    // promise, no message of this thread can run in the meantime.
    if (Atomics.wait(header, 0, 0, 10_000) === 'timed-out')
      throw new Error('makeSync: timed out');
    const json = new TextDecoder().decode(
      body.slice(0, Atomics.load(header, 1)),
    );
    const out = JSON.parse(json) as {
      value?: R;
      error?: { name: string; message: string };
    };
    if (out.error) {
      const e = new Error(out.error.message);
      e.name = out.error.name;
      throw e;
    }
    return out.value as R;
  };
  return Object.assign(call, { close: () => worker.close() });
}
