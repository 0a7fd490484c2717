/**
 * The page's side of the service worker: registers `/sw.js`, asks it questions, and tells the
 * page when a new version is installed and waiting. The update is applied only when the reader
 * asks (`acceptUpdate`): the waiting worker is told to take over, and the page reloads once it
 * has. Progress and saved edits are in localStorage, which none of this touches.
 */
import { parseReply, type Reply, type Request } from './messages.ts';

/** What this file uses of a `ServiceWorker`. */
export interface WorkerLike {
  readonly state: string;
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'statechange', listener: () => void): void;
}

/** What this file uses of a `ServiceWorkerRegistration`. */
export interface RegistrationLike {
  readonly installing: WorkerLike | null;
  readonly waiting: WorkerLike | null;
  readonly active: WorkerLike | null;
  update(): Promise<unknown>;
  addEventListener(type: 'updatefound', listener: () => void): void;
}

/** What this file uses of `navigator.serviceWorker`. */
export interface ContainerLike {
  readonly controller: WorkerLike | null;
  register(url: string, options: { scope: string }): Promise<RegistrationLike | undefined>;
  addEventListener(type: 'controllerchange', listener: () => void): void;
}

/** How long a question may stay unanswered (a busy worker answers in milliseconds). */
const ANSWER_MS = 60_000;

/** Sends a question to a worker and waits for the answer on a port of its own. */
export function ask(worker: WorkerLike, request: Request, timeoutMs = ANSWER_MS): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => {
      channel.port1.close();
      reject(new Error('the offline helper did not answer'));
    }, timeoutMs);
    channel.port1.onmessage = (e: MessageEvent) => {
      clearTimeout(timer);
      channel.port1.close();
      const reply = parseReply(e.data);
      if (reply) resolve(reply);
      else reject(new Error('the offline helper could not do that'));
    };
    worker.postMessage(request, [channel.port2]);
  });
}

export type UpdateListener = () => void;

/** How `start` went: registered, refused by the browser, or failed (no `/sw.js`, offline…). */
export type StartResult = 'registered' | 'refused' | 'failed';

export interface OfflineClientOptions {
  readonly container: ContainerLike;
  /** Reloads the page (`location.reload`). */
  readonly reload: () => void;
  /** When to give up waiting for the new worker and reload anyway. */
  readonly takeoverMs?: number;
}

/** The registration and the update prompt's state, for one page. */
export class OfflineClient {
  readonly #container: ContainerLike;
  readonly #reload: () => void;
  readonly #takeoverMs: number;
  readonly #listeners = new Set<UpdateListener>();
  #registration: RegistrationLike | undefined;
  #accepted = false;
  #updateReady = false;
  #reloading = false;

  constructor(options: OfflineClientOptions) {
    this.#container = options.container;
    this.#reload = options.reload;
    this.#takeoverMs = options.takeoverMs ?? 5_000;
  }

  /**
   * Registers the worker. Where the browser refuses (a private window, a setting or a test harness
   * that blocks workers, an insecure origin) or the script cannot be had, the site simply works
   * online only, and the result says which.
   */
  async start(): Promise<StartResult> {
    const hadController = this.#container.controller !== null;
    this.#container.addEventListener('controllerchange', () => {
      if (this.#accepted) this.#reloadOnce();
      // Another tab accepted the update: this page still shows the old version.
      else if (hadController) this.#announce();
    });
    let registration: RegistrationLike | undefined;
    try {
      registration = await this.#container.register('/sw.js', { scope: '/' });
    } catch (error) {
      return error instanceof Error && error.name === 'SecurityError' ? 'refused' : 'failed';
    }
    if (!registration) return 'refused';
    this.#registration = registration;
    const watch = (worker: WorkerLike | null): void => {
      if (!worker) return;
      const check = (): void => {
        // Installed while a worker controls this page: a new version waits for the reader.
        if (worker.state === 'installed' && this.#container.controller) this.#announce();
      };
      worker.addEventListener('statechange', check);
      check();
    };
    watch(registration.waiting);
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    // `register()` of a known worker checks for nothing; browsers check after navigations, but
    // late and not always: ask for the check now.
    if (hadController) this.checkForUpdate();
    return 'registered';
  }

  /** The worker that controls the page, once there is one. */
  get controller(): WorkerLike | null {
    return this.#container.controller;
  }

  /** Resolves when a worker controls the page (at once if one does). */
  whenControlled(): Promise<WorkerLike> {
    const now = this.#container.controller;
    if (now) return Promise.resolve(now);
    return new Promise((resolve) =>
      this.#container.addEventListener('controllerchange', () => {
        const c = this.#container.controller;
        if (c) resolve(c);
      }),
    );
  }

  /** Looks for a new version now (the browser also does on every page load). */
  checkForUpdate(): void {
    void this.#registration?.update().catch(() => undefined);
  }

  /** Calls `listener` (once) when a new version is ready; at once if one already is. */
  onUpdate(listener: UpdateListener): void {
    if (this.#updateReady) listener();
    else this.#listeners.add(listener);
  }

  /** The reader chose Reload: the waiting worker takes over, then the page reloads. */
  acceptUpdate(): void {
    this.#accepted = true;
    const waiting = this.#registration?.waiting;
    if (!waiting) {
      this.#reloadOnce(); // already active (another tab accepted it): a reload shows it
      return;
    }
    waiting.postMessage({ type: 'skip-waiting' }, []);
    // `controllerchange` reloads; if it never comes (the worker was replaced meanwhile), reload.
    setTimeout(() => this.#reloadOnce(), this.#takeoverMs);
  }

  #reloadOnce(): void {
    if (this.#reloading) return;
    this.#reloading = true;
    this.#reload();
  }

  #announce(): void {
    if (this.#updateReady) return;
    this.#updateReady = true;
    for (const l of this.#listeners) l();
    this.#listeners.clear();
  }
}
