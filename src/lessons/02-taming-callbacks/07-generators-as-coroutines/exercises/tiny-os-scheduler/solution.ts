import type { Kernel } from '#kit';

/** A task body: yields system calls, or `undefined` (a bare `yield`: let others run). */
export type Body = Generator<SystemCall | undefined, void, unknown>;

/** A task: a generator plus the value its next `yield` evaluates to (given). */
export class Task {
  readonly tid: number;
  readonly target: Body;
  sendval: unknown = undefined;
  constructor(tid: number, target: Body) {
    this.tid = tid;
    this.target = target;
  }
  /** Runs the task until its next `yield` (a trap) or until it returns. */
  run(): IteratorResult<SystemCall | undefined, unknown> {
    return this.target.next(this.sendval);
  }
}

/** The scheduler's side of a system call (what you implement). */
export interface Kernel0 {
  spawn(target: Body): number;
  schedule(task: Task): void;
  waitForExit(task: Task, tid: number): boolean;
  waitForRead(task: Task, fd: number): void;
  waitForWrite(task: Task, fd: number): void;
}

/** A trap into the scheduler (given). `handle` runs in the scheduler, for `task`. */
export abstract class SystemCall {
  abstract handle(sched: Kernel0, task: Task): void;
}

/** `yield new GetTid()` evaluates to the task's own id. */
export class GetTid extends SystemCall {
  handle(sched: Kernel0, task: Task): void {
    task.sendval = task.tid;
    sched.schedule(task);
  }
}

/** `yield new NewTask(body)` starts a task and evaluates to its id. */
export class NewTask extends SystemCall {
  readonly target: Body;
  constructor(target: Body) {
    super();
    this.target = target;
  }
  handle(sched: Kernel0, task: Task): void {
    task.sendval = sched.spawn(this.target);
    sched.schedule(task);
  }
}

/** `yield new WaitTask(tid)`: true once `tid` has exited; false at once if no such task. */
export class WaitTask extends SystemCall {
  readonly tid: number;
  constructor(tid: number) {
    super();
    this.tid = tid;
  }
  handle(sched: Kernel0, task: Task): void {
    task.sendval = sched.waitForExit(task, this.tid);
    if (task.sendval === false) sched.schedule(task);
  }
}

/** `yield new ReadWait(fd)`: resumes once `fd` is readable. */
export class ReadWait extends SystemCall {
  readonly fd: number;
  constructor(fd: number) {
    super();
    this.fd = fd;
  }
  handle(sched: Kernel0, task: Task): void {
    sched.waitForRead(task, this.fd);
  }
}

/** `yield new WriteWait(fd)`: resumes once `fd` can take more data. */
export class WriteWait extends SystemCall {
  readonly fd: number;
  constructor(fd: number) {
    super();
    this.fd = fd;
  }
  handle(sched: Kernel0, task: Task): void {
    sched.waitForWrite(task, this.fd);
  }
}

/** Beazley's scheduler, on the kit. */
export class Scheduler implements Kernel0 {
  readonly #k: Kernel;
  readonly #ready: Task[] = [];
  readonly #tasks = new Map<number, Task>();
  readonly #exitWaiting = new Map<number, Task[]>();
  readonly #readWaiting = new Map<number, Task>();
  readonly #writeWaiting = new Map<number, Task>();
  #nextTid = 1;

  constructor(k: Kernel) {
    this.#k = k;
  }

  spawn(target: Body): number {
    const task = new Task(this.#nextTid++, target);
    this.#tasks.set(task.tid, task);
    this.schedule(task);
    return task.tid;
  }

  schedule(task: Task): void {
    this.#ready.push(task);
  }

  waitForExit(task: Task, tid: number): boolean {
    if (!this.#tasks.has(tid)) return false;
    this.#exitWaiting.set(tid, [
      ...(this.#exitWaiting.get(tid) ?? []),
      task,
    ]);
    return true;
  }

  waitForRead(task: Task, fd: number): void {
    this.#readWaiting.set(fd, task);
  }

  waitForWrite(task: Task, fd: number): void {
    this.#writeWaiting.set(fd, task);
  }

  #exit(task: Task): void {
    this.#tasks.delete(task.tid);
    for (const waiter of this.#exitWaiting.get(task.tid) ?? [])
      this.schedule(waiter);
    this.#exitWaiting.delete(task.tid);
  }

  /** One select() over every parked descriptor; `timeout` -1 blocks. */
  #iopoll(timeout: number): void {
    const r = [...this.#readWaiting.keys()];
    const w = [...this.#writeWaiting.keys()];
    if (r.length + w.length === 0) return;
    const [readable = [], writable = []] = this.#k.select(
      r,
      w,
      [],
      timeout,
    );
    for (const fd of readable) {
      this.schedule(this.#readWaiting.get(fd)!);
      this.#readWaiting.delete(fd);
    }
    for (const fd of writable) {
      this.schedule(this.#writeWaiting.get(fd)!);
      this.#writeWaiting.delete(fd);
    }
  }

  mainloop(): void {
    while (this.#tasks.size > 0) {
      // Poll without waiting while tasks are ready; block when none is.
      this.#iopoll(this.#ready.length === 0 ? -1 : 0);
      const task = this.#ready.shift();
      if (task === undefined)
        throw new Error('every task is parked and none can wake');
      const r = task.run();
      if (r.done) this.#exit(task);
      else if (r.value instanceof SystemCall)
        r.value.handle(this, task);
      else this.schedule(task);
    }
  }
}
