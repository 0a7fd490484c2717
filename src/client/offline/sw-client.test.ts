import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ask,
  OfflineClient,
  type ContainerLike,
  type RegistrationLike,
  type WorkerLike,
} from './sw-client.ts';

class FakeWorker extends EventTarget implements WorkerLike {
  state = 'installing';
  readonly posted: unknown[] = [];
  postMessage(message: unknown, transfer: Transferable[]): void {
    this.posted.push(message);
    const port = transfer[0] as MessagePort | undefined;
    if (port && (message as { type: string }).type === 'status')
      port.postMessage({ type: 'status', version: 'v1', keepAll: false, files: [], stored: [] });
    else port?.postMessage({ type: 'nonsense' });
  }
  set(state: string): void {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class FakeRegistration extends EventTarget implements RegistrationLike {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  active: FakeWorker | null = null;
  updates = 0;
  async update(): Promise<void> {
    this.updates++;
  }
  /** The browser found a new worker and started installing it. */
  found(): FakeWorker {
    this.installing = new FakeWorker();
    this.dispatchEvent(new Event('updatefound'));
    return this.installing;
  }
}

class FakeContainer extends EventTarget implements ContainerLike {
  controller: FakeWorker | null = null;
  readonly registration = new FakeRegistration();
  /** Unset: registers; an error: throws it; undefined: resolves to nothing (Playwright's block). */
  refuse: Error | undefined | null = null;
  async register(): Promise<RegistrationLike | undefined> {
    if (this.refuse instanceof Error) throw this.refuse;
    return this.refuse === undefined ? undefined : this.registration;
  }
  take(worker: FakeWorker): void {
    this.controller = worker;
    this.dispatchEvent(new Event('controllerchange'));
  }
}

function setup(controlled: boolean) {
  const container = new FakeContainer();
  if (controlled) container.controller = new FakeWorker();
  const reloads = { n: 0 };
  const client = new OfflineClient({ container, reload: () => void reloads.n++, takeoverMs: 50 });
  const updates = { n: 0 };
  client.onUpdate(() => void updates.n++);
  return { container, client, reloads, updates };
}

afterEach(() => vi.useRealTimers());

describe('OfflineClient', () => {
  it('a first install is no update: no prompt, no reload when the worker takes control', async () => {
    const { container, client, reloads, updates } = setup(false);
    expect(await client.start()).toBe('registered');
    const w = container.registration.found();
    w.set('installed');
    w.set('activated');
    container.take(w);
    expect(await client.whenControlled()).toBe(w);
    expect(updates.n).toBe(0);
    expect(reloads.n).toBe(0);
  });

  it('announces a new version once it is installed and waiting, and never applies it alone', async () => {
    const { container, client, reloads, updates } = setup(true);
    await client.start();
    const w = container.registration.found();
    expect(updates.n).toBe(0);
    w.set('installed');
    container.registration.waiting = w;
    expect(updates.n).toBe(1);
    expect(w.posted).toEqual([]);
    expect(reloads.n).toBe(0);
  });

  it('announces a version already waiting when the page loads, to late listeners too', async () => {
    const { container, client, updates } = setup(true);
    const w = new FakeWorker();
    w.state = 'installed';
    container.registration.waiting = w;
    await client.start();
    expect(updates.n).toBe(1);
    let late = 0;
    client.onUpdate(() => late++);
    expect(late).toBe(1);
  });

  it('Reload: tells the waiting worker to take over, and reloads once it has', async () => {
    const { container, client, reloads } = setup(true);
    await client.start();
    const w = container.registration.found();
    w.set('installed');
    container.registration.waiting = w;
    client.acceptUpdate();
    expect(w.posted).toEqual([{ type: 'skip-waiting' }]);
    expect(reloads.n).toBe(0);
    container.take(w);
    expect(reloads.n).toBe(1);
    await new Promise((r) => setTimeout(r, 80)); // the fallback timer does not reload again
    expect(reloads.n).toBe(1);
  });

  it('when another tab applied the update, this one is told to reload', async () => {
    const { container, client, updates, reloads } = setup(true);
    await client.start();
    container.take(new FakeWorker());
    expect(updates.n).toBe(1);
    expect(reloads.n).toBe(0);
    client.acceptUpdate(); // nothing waits any more: a plain reload
    expect(reloads.n).toBe(1);
  });

  it('works online only where the browser refuses the worker or cannot load it', async () => {
    const cases = [
      ['refused', new DOMException('denied', 'SecurityError')],
      ['refused', undefined],
      ['failed', new TypeError('A bad HTTP response code (404) was received')],
    ] as const;
    for (const [result, error] of cases) {
      const { container, client } = setup(false);
      container.refuse = error;
      expect(await client.start()).toBe(result);
      client.checkForUpdate(); // harmless without a registration
    }
    expect(await setup(false).client.start()).toBe('registered');
  });

  it('looks for updates on load (unless installing for the first time) and on request', async () => {
    const first = setup(false);
    await first.client.start();
    expect(first.container.registration.updates).toBe(0);
    const { container, client } = setup(true);
    await client.start();
    expect(container.registration.updates).toBe(1);
    client.checkForUpdate();
    expect(container.registration.updates).toBe(2);
  });
});

describe('ask', () => {
  it('gets the answer on its own port, and refuses a malformed one', async () => {
    const w = new FakeWorker();
    expect(await ask(w, { type: 'status' })).toMatchObject({ type: 'status', version: 'v1' });
    await expect(ask(w, { type: 'remove-copy' })).rejects.toThrow(/could not do that/);
  });

  it('gives up when the worker does not answer', async () => {
    const silent: WorkerLike = {
      state: 'activated',
      postMessage: () => undefined,
      addEventListener: () => undefined,
    };
    await expect(ask(silent, { type: 'status' }, 20)).rejects.toThrow(/did not answer/);
  });
});
