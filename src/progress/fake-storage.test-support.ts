/** A Map-backed `Storage` whose failures can be switched on, for the progress store's tests. */
export class FakeStorage implements Storage {
  readonly data = new Map<string, string>();
  /** Throw QuotaExceededError from setItem once the stored text would pass this many chars. */
  quota = Infinity;
  /** Throw SecurityError from every call, as disabled storage does. */
  disabled = false;
  /** Throw QuotaExceededError from setItem for the keys this accepts (whatever their size). */
  refuse: (key: string) => boolean = () => false;

  get length(): number {
    return this.data.size;
  }
  clear(): void {
    this.#check();
    this.data.clear();
  }
  getItem(key: string): string | null {
    this.#check();
    return this.data.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.data.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.#check();
    this.data.delete(key);
  }
  setItem(key: string, value: string): void {
    this.#check();
    let size = value.length;
    for (const [k, v] of this.data) if (k !== key) size += v.length;
    if (size > this.quota || this.refuse(key))
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.data.set(key, value);
  }
  #check(): void {
    if (this.disabled) throw new DOMException('The operation is insecure.', 'SecurityError');
  }
}
