// @runtime browser
import { EPOLL_CTL_ADD, EPOLLET, EPOLLIN, Kernel } from '#kit';

const k = new Kernel();
const server = k.socket();
k.bind(server, 8080);
k.listen(server);
// The client sends "abcdef" at once, then "gh" 500 ms later.
k.clients(8080, [{ send: ['abcdef', 'gh'], gap: 500, expect: 0 }]);
const conn = k.accept(server);
k.setblocking(conn, false);

const ep = k.epoll_create();
k.epoll_ctl(ep, EPOLL_CTL_ADD, conn, EPOLLIN | EPOLLET);

for (let i = 0; i < 3; i++) {
  const events = k.epoll_wait(ep, 8, 1000); // wait up to 1 s
  const t = `${Math.round(k.now())} ms`;
  if (events.length === 0) console.log(`${t}: timed out`);
  else console.log(`${t}: read "${k.recv(conn, 2)}"`); // 2 bytes
}
console.log(`left unread: "${k.recv(conn, 100)}"`);
