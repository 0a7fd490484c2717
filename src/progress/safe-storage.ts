/** How storage failed: full (quota) or not usable at all (disabled, denied, missing). */
export type StorageFailure = 'full' | 'unavailable';

const isQuota = (e: unknown) =>
  /quota/i.test((e as { name?: string } | null)?.name ?? '') ||
  (e as { code?: number } | null)?.code === 22;

/**
 * localStorage behind calls that never throw. Touching storage can throw at every step (the
 * `localStorage` getter itself in some privacy modes, `setItem` when full); each failure is
 * reported once per call to `onFail` and the caller carries on with what it has in memory. A
 * success is not reported: only the caller knows whether it saved what an earlier failure lost.
 */
export class SafeStorage {
  readonly #storage: () => Storage | undefined;
  readonly #onFail: (f: StorageFailure) => void;

  constructor(storage: () => Storage | undefined, onFail: (f: StorageFailure) => void) {
    this.#storage = storage;
    this.#onFail = onFail;
  }

  /** The stored text; null when absent; undefined when storage could not be read. */
  get(key: string): string | null | undefined {
    return this.#try((s) => s.getItem(key));
  }

  /** Stores a text; false when it could not (the failure was reported). */
  set(key: string, value: string): boolean {
    return this.write(key, value) === undefined;
  }

  /** Stores a text; returns how it failed (also reported), or undefined when it was stored. */
  write(key: string, value: string): StorageFailure | undefined {
    let failure: StorageFailure | undefined;
    const ok = this.#try(
      (s) => (s.setItem(key, value), true),
      (f) => (failure = f),
    );
    return ok ? undefined : (failure ?? 'unavailable');
  }

  /** Removes a key; false when it could not (the failure was reported). */
  remove(key: string): boolean {
    return this.#try((s) => (s.removeItem(key), true)) ?? false;
  }

  #try<T>(fn: (s: Storage) => T, failed?: (f: StorageFailure) => void): T | undefined {
    const fail = (f: StorageFailure) => {
      failed?.(f);
      this.#onFail(f);
      return undefined;
    };
    let s: Storage | undefined;
    try {
      s = this.#storage();
    } catch {
      s = undefined;
    }
    if (!s) return fail('unavailable');
    try {
      return fn(s);
    } catch (e) {
      return fail(isQuota(e) ? 'full' : 'unavailable');
    }
  }
}
