/**
 * The program's descriptor table. Like POSIX: numbers start at 3 (0-2 are stdio), a new
 * descriptor gets the lowest free number, and the table has a limit (RLIMIT_NOFILE).
 */
import { KernelError } from './errors.ts';
import type { Socket } from './socket.ts';
import type { Epoll } from './epoll.ts';

/** What a descriptor can refer to. */
export type OpenFile = Socket | Epoll;

/** Lowest-free descriptor allocation with a limit. */
export class FdTable {
  /** Indexed by descriptor (an array: descriptors are small and dense). */
  readonly #files: (OpenFile | undefined)[] = [undefined, undefined, undefined];
  #count = 0;
  readonly #free: number[] = [];
  #next = 3;
  readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  /** Number of open descriptors. */
  get size(): number {
    return this.#count;
  }

  /** Gives `file` the lowest free descriptor, or throws EMFILE. */
  alloc(file: OpenFile, syscall: string): number {
    const fd = this.#free.length > 0 ? (this.#free[0] as number) : this.#next;
    if (fd >= this.max) {
      throw new KernelError(
        'EMFILE',
        syscall,
        undefined,
        `too many open files: descriptors are limited to ${this.max} (raise it with new Kernel({ maxFds }))`,
      );
    }
    if (this.#free.length > 0) this.#popFree();
    else this.#next++;
    this.#files[fd] = file;
    this.#count++;
    return fd;
  }

  /** The file behind `fd`, or throws EBADF saying why. */
  get(fd: number, syscall: string): OpenFile {
    const f = this.peek(fd);
    if (f === undefined) throw new KernelError('EBADF', syscall, fd, this.#whyBad(fd));
    return f;
  }

  /** The file behind `fd`, or undefined. */
  peek(fd: number): OpenFile | undefined {
    // Only a whole number indexes the array (a string '3' or 3.5 is no descriptor).
    return (fd | 0) === fd ? this.#files[fd] : undefined;
  }

  /** Frees `fd` for reuse. */
  release(fd: number): void {
    if (this.peek(fd) === undefined) return;
    this.#files[fd] = undefined;
    this.#count--;
    const h = this.#free;
    let i = h.length;
    h.push(fd);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((h[p] as number) <= fd) break;
      h[i] = h[p] as number;
      i = p;
    }
    h[i] = fd;
  }

  #popFree(): void {
    const h = this.#free;
    const last = h.pop() as number;
    if (h.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && (h[r] as number) < (h[l] as number) ? r : l;
      if ((h[c] as number) >= last) break;
      h[i] = h[c] as number;
      i = c;
    }
    h[i] = last;
  }

  #whyBad(fd: number): string {
    if (typeof fd !== 'number' || !Number.isInteger(fd)) return `${String(fd)} is not a descriptor`;
    if (fd < 0) return 'a descriptor is never negative';
    if (fd < 3) return 'descriptors 0-2 are stdin/stdout/stderr, not sockets, in the kit';
    if (fd < this.#next) return 'which is closed';
    return 'which was never opened';
  }
}
