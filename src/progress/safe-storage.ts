/** How storage failed: full (quota) or not usable at all (disabled, denied, missing). */
export type StorageFailure = 'full' | 'unavailable';

const isQuota = (e: unknown) =>
  /quota/i.test((e as { name?: string } | null)?.name ?? '') ||
  (e as { code?: number } | null)?.code === 22;

/**
 * localStorage behind calls that never throw. Touching storage can throw at every step (the
 * `localStorage` getter itself in some privacy modes, `setItem` when full); each failure is
 * reported once per call to `onFail` and the caller carries on with what it has in memory.
 */
export class SafeStorage {
  readonly #storage: () => Storage | undefined;
  readonly #onFail: (f: StorageFailure) => void;
  readonly #onWrite: () => void;

  constructor(
    storage: () => Storage | undefined,
    onFail: (f: StorageFailure) => void,
    onWrite: () => void = () => undefined,
  ) {
    this.#storage = storage;
    this.#onFail = onFail;
    this.#onWrite = onWrite;
  }

  /** The stored text; null when absent; undefined when storage could not be read. */
  get(key: string): string | null | undefined {
    return this.#try((s) => s.getItem(key));
  }

  /** Stores a text; false when it could not (the failure was reported). */
  set(key: string, value: string): boolean {
    const ok = this.#try((s) => (s.setItem(key, value), true)) ?? false;
    if (ok) this.#onWrite();
    return ok;
  }

  /** Removes a key; false when it could not (the failure was reported). */
  remove(key: string): boolean {
    return this.#try((s) => (s.removeItem(key), true)) ?? false;
  }

  #try<T>(fn: (s: Storage) => T): T | undefined {
    let s: Storage | undefined;
    try {
      s = this.#storage();
    } catch {
      s = undefined;
    }
    if (!s) {
      this.#onFail('unavailable');
      return undefined;
    }
    try {
      return fn(s);
    } catch (e) {
      this.#onFail(isQuota(e) ? 'full' : 'unavailable');
      return undefined;
    }
  }
}
