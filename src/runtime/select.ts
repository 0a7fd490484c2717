import type { RuntimeKind, Sandbox, SnippetRuntime } from './types.ts';

/**
 * Which sandbox runs a snippet, from what its header declares: `@runtime browser` always runs in
 * the worker (fast, no boot); `@runtime node` needs real Node.js, so it goes to WebContainer —
 * never to the worker, where `process`, `Buffer`, `setImmediate` and friends do not exist.
 */
export function chooseRuntime(needs: SnippetRuntime): RuntimeKind {
  return needs === 'node' ? 'webcontainer' : 'worker';
}

const loaded = new Map<RuntimeKind, Promise<Sandbox>>();

/**
 * The sandbox of a kind, loaded with a dynamic `import()` the first time it is needed, so a
 * page that never runs code downloads neither sucrase nor `@webcontainer/api`.
 */
export function loadSandbox(kind: RuntimeKind): Promise<Sandbox> {
  let sandbox = loaded.get(kind);
  if (!sandbox) {
    sandbox =
      kind === 'worker'
        ? loadWorkerSandbox()
        : import('./webcontainer/adapter.ts').then((m) => m.sharedWebContainerSandbox());
    // A failed download may succeed next time (flaky network): do not cache the failure.
    sandbox.catch(() => loaded.delete(kind));
    loaded.set(kind, sandbox);
  }
  return sandbox;
}

function loadWorkerSandbox(): Promise<Sandbox> {
  // The worker script starts loading while sucrase (in the adapter's chunk) still downloads.
  void import('./worker/spawn.ts').then(
    (m) => m.prepareWorker(),
    () => undefined,
  );
  return import('./worker/adapter.ts').then((m) => new m.WorkerSandbox());
}
