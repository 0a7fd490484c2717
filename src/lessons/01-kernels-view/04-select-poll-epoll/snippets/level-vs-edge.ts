// @runtime browser
import {
  EPOLL_CTL_ADD,
  EPOLLET,
  EPOLLIN,
  Kernel,
  wouldBlock,
} from '#kit';

// A client sends 3000 bytes in one go and waits for all of them to
// come back. The server reads at most 1000 bytes per recv.
function run(title: string, flags: number, drain: boolean): void {
  console.log(title);
  const k = new Kernel();
  const server = k.socket();
  k.bind(server, 8080);
  k.listen(server);
  const group = k.clients(8080, [{ send: ['x'.repeat(3000)] }]);
  const conn = k.accept(server);
  k.setblocking(conn, false);
  const ep = k.epoll_create();
  k.epoll_ctl(ep, EPOLL_CTL_ADD, conn, EPOLLIN | flags);

  let echoed = 0;
  let open = true;
  while (open) {
    const events = k.epoll_wait(ep, 8, 1000); // wait up to 1 s
    const t = `${String(Math.round(k.now())).padStart(5)} ms`;
    if (events.length === 0) {
      console.log(`${t}  epoll_wait timed out`);
      break;
    }
    // #region handler
    let got = 0;
    for (;;) {
      let data: string;
      try {
        data = k.recv(conn, 1000);
      } catch (e) {
        if (wouldBlock(e)) break; // EAGAIN: nothing left
        throw e;
      }
      // #region drain
      if (data === '') {
        open = false; // the client hung up
        break;
      }
      got += data.length;
      k.send(conn, data);
      if (!drain) break; // one recv per wake-up
      // #endregion
    }
    // #endregion
    echoed += got;
    const what = [
      got > 0 ? `read ${got} bytes` : '',
      open ? '' : 'EOF',
    ];
    console.log(`${t}  woken: ${what.filter(Boolean).join(', then ')}`);
  }
  const done = group.done ? 'got its reply' : 'is still waiting';
  console.log(`  echoed ${echoed} of 3000 bytes; the client ${done}`);
}

run('level-triggered, one recv per wake-up', 0, false);
run('edge-triggered, one recv per wake-up', EPOLLET, false);
run('edge-triggered, recv until EAGAIN', EPOLLET, true);
