// @runtime browser
import {
  EPOLL_CTL_ADD,
  EPOLLIN,
  Kernel,
  KernelError,
  POLLIN,
  type PollFd,
} from '#kit';

type Mechanism = 'select' | 'poll' | 'epoll';

// `idle` clients connect and sit there; one busy client sends 20
// requests, 10 ms apart. The server echoes until the busy client
// hangs up. Returns the descriptors examined per wait call.
function serve(how: Mechanism, idle: number): number {
  const k = new Kernel({ maxFds: 4096 });
  const server = k.socket();
  k.bind(server, 8080);
  k.listen(server, 4096);
  k.clients(8080, Array(idle).fill({ hold: 60_000 }));
  k.clients(8080, [{ at: 1, send: Array(20).fill('ping'), gap: 10 }]);
  const conns = Array.from({ length: idle + 1 }, () =>
    k.accept(server),
  );

  // #region wait
  let wait: () => number[];
  if (how === 'select') {
    wait = () => k.select(conns, [], [], -1)[0]; // scans 0..maxfd
  } else if (how === 'poll') {
    const fds: PollFd[] = conns.map((fd) => ({ fd, events: POLLIN }));
    // #region poll-epoll
    wait = () => {
      k.poll(fds, -1); // scans the whole array
      return fds.filter((p) => p.revents).map((p) => p.fd);
    };
  } else {
    const ep = k.epoll_create(); // register once...
    for (const fd of conns) k.epoll_ctl(ep, EPOLL_CTL_ADD, fd, EPOLLIN);
    wait = () => k.epoll_wait(ep, 64, -1).map((e) => e.fd); // ...wait
    // #endregion
  }
  // #endregion

  const before = k.stats().fdsScanned;
  let calls = 0;
  for (let open = true; open; calls++) {
    for (const fd of wait()) {
      const data = k.recv(fd, 1024);
      if (data === '') open = false;
      else k.sendall(fd, data);
    }
  }
  return (k.stats().fdsScanned - before) / calls;
}

const cell = (how: Mechanism, idle: number): string => {
  try {
    return serve(how, idle).toFixed(1);
  } catch (e) {
    if (e instanceof KernelError) return e.code; // select past 1024
    throw e;
  }
};
console.log('connections    select      poll     epoll');
for (const idle of [10, 100, 1000, 2000]) {
  const row = (['select', 'poll', 'epoll'] as const).map((how) =>
    cell(how, idle).padStart(9),
  );
  console.log(`${String(idle + 1).padStart(11)} ${row.join(' ')}`);
}
