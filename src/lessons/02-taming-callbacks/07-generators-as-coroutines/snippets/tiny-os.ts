// @runtime browser
// Beazley's tiny operating system, on the kit: tasks are generators,
// `yield` is a trap into the scheduler, and system calls are objects.
import { Kernel } from '#kit';

const k = new Kernel({ syscallCost: 0 });
const say = (tid: number, what: string) =>
  console.log(
    `${String(Math.round(k.now())).padStart(4)} ms  task ${tid}  ${what}`,
  );

type Body = Generator<SystemCall | undefined, unknown, unknown>;
type Main = Generator<SystemCall | undefined, void, unknown>;

// #region task
class Task {
  static #nextId = 0;
  readonly tid = ++Task.#nextId;
  sendval: unknown = undefined; // what the next yield evaluates to
  readonly target: Body;
  constructor(target: Body) {
    this.target = target;
  }
  run(): IteratorResult<SystemCall | undefined, unknown> {
    return this.target.next(this.sendval); // run until the next trap
  }
}
// #endregion

// #region syscalls
abstract class SystemCall {
  abstract handle(sched: Scheduler, task: Task): void;
}
class GetTid extends SystemCall {
  handle(sched: Scheduler, task: Task): void {
    task.sendval = task.tid;
    sched.schedule(task);
  }
}
class NewTask extends SystemCall {
  readonly target: Body;
  constructor(target: Body) {
    super();
    this.target = target;
  }
  handle(sched: Scheduler, task: Task): void {
    task.sendval = sched.spawn(this.target);
    sched.schedule(task);
  }
}
// #region wait-calls
class WaitTask extends SystemCall {
  readonly tid: number;
  constructor(tid: number) {
    super();
    this.tid = tid;
  }
  // #region slide-handle
  handle(sched: Scheduler, task: Task): void {
    // Not scheduled again until `tid` exits (at once if it never existed).
    task.sendval = sched.waitForExit(task, this.tid);
    if (task.sendval === false) sched.schedule(task);
  }
}
// #endregion
// #endregion
class ReadWait extends SystemCall {
  readonly fd: number;
  constructor(fd: number) {
    super();
    this.fd = fd;
  }
  handle(sched: Scheduler, task: Task): void {
    sched.readWaiting.set(this.fd, task); // parked until fd is readable
  }
}
class WriteWait extends SystemCall {
  readonly fd: number;
  constructor(fd: number) {
    super();
    this.fd = fd;
  }
  handle(sched: Scheduler, task: Task): void {
    sched.writeWaiting.set(this.fd, task);
  }
}
// #endregion

// #region scheduler
class Scheduler {
  readonly ready: Task[] = [];
  readonly taskmap = new Map<number, Task>();
  readonly exitWaiting = new Map<number, Task[]>();
  readonly readWaiting = new Map<number, Task>();
  readonly writeWaiting = new Map<number, Task>();

  constructor() {
    this.spawn(this.#ioTask()); // task 1: the I/O poller
  }
  spawn(target: Body): number {
    const task = new Task(target);
    this.taskmap.set(task.tid, task);
    this.schedule(task);
    return task.tid;
  }
  schedule(task: Task): void {
    this.ready.push(task);
  }
  waitForExit(task: Task, tid: number): boolean {
    if (!this.taskmap.has(tid)) return false;
    this.exitWaiting.set(tid, [
      ...(this.exitWaiting.get(tid) ?? []),
      task,
    ]);
    return true;
  }
  #exit(task: Task): void {
    this.taskmap.delete(task.tid);
    for (const w of this.exitWaiting.get(task.tid) ?? [])
      this.schedule(w);
    this.exitWaiting.delete(task.tid);
  }
  /** select() over every parked descriptor; wake whoever is ready. */
  #iopoll(timeout: number): void {
    const r = [...this.readWaiting.keys()];
    const w = [...this.writeWaiting.keys()];
    if (r.length + w.length === 0) return;
    const [readable, writable] = k.select(r, w, [], timeout);
    for (const fd of readable!)
      this.schedule(this.#take(this.readWaiting, fd));
    for (const fd of writable!)
      this.schedule(this.#take(this.writeWaiting, fd));
  }
  #take(waiting: Map<number, Task>, fd: number): Task {
    const task = waiting.get(fd)!;
    waiting.delete(fd);
    return task;
  }
  // #region loop
  /** The I/O poller is a task too: it blocks only when nothing is ready. */
  *#ioTask(): Body {
    for (;;) {
      this.#iopoll(this.ready.length === 0 ? -1 : 0);
      yield; // a bare yield: "let the others run"
    }
  }
  // #region slide-mainloop
  mainloop(): void {
    while (this.taskmap.size > 1) {
      const task = this.ready.shift()!;
      const r = task.run();
      if (r.done) this.#exit(task);
      else if (r.value instanceof SystemCall)
        r.value.handle(this, task);
      else this.schedule(task); // a bare yield: back of the queue
    }
  }
  // #endregion
  // #endregion
}
// #endregion

// #region programs
// Helpers that trap on the task's behalf: `yield*` makes them part of
// the task (Beazley's Python 2 version needed a trampoline for this).
function* accept(fd: number): Generator<SystemCall, number> {
  yield new ReadWait(fd);
  return k.accept(fd);
}
function* recv(fd: number, n: number): Generator<SystemCall, string> {
  yield new ReadWait(fd);
  return k.recv(fd, n);
}
function* send(fd: number, data: string): Generator<SystemCall, void> {
  while (data.length > 0) {
    yield new WriteWait(fd);
    data = data.slice(k.send(fd, data));
  }
}

function* handleClient(conn: number): Main {
  const tid = (yield new GetTid()) as number;
  say(tid, `serving fd ${conn}`);
  for (
    let data = yield* recv(conn, 1024);
    data !== '';
    data = yield* recv(conn, 1024)
  ) {
    say(tid, `echo ${JSON.stringify(data)}`);
    yield* send(conn, data);
  }
  k.close(conn);
  say(tid, 'client gone, task exits');
}

// #region server
function* server(port: number, clients: number): Body {
  const s = k.socket();
  k.bind(s, port);
  k.listen(s);
  k.setblocking(s, false);
  const tids: number[] = [];
  for (let i = 0; i < clients; i++) {
    const conn = yield* accept(s);
    k.setblocking(conn, false);
    tids.push((yield new NewTask(handleClient(conn))) as number);
  }
  k.close(s);
  for (const tid of tids) yield new WaitTask(tid);
  return tids.length;
}
// #endregion

function* main(): Main {
  const me = (yield new GetTid()) as number;
  const tid = (yield new NewTask(server(8080, 3))) as number;
  say(me, `started the server as task ${tid}; waiting for it`);
  yield new WaitTask(tid);
  say(me, `task ${tid} has exited; so do I`);
}
// #endregion

const sched = new Scheduler();
sched.spawn(main());
k.clients(8080, [
  { name: 'ana', at: 10, send: ['one', 'two'], gap: 100 },
  { name: 'bo', at: 20, send: ['hi'] },
  { name: 'cy', at: 30, wait: 40, send: ['yo'] },
]);
sched.mainloop();
console.log(`select() calls: ${k.stats().syscalls['select'] ?? 0}`);
