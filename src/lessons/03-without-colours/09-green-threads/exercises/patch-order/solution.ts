import type { Address, Kernel } from '#kit';
import * as gevent from '#lib/gevent';

// ---- a tiny HTTP client, written long before anyone used gevent ----------
// It binds the calls it needs once, when it is loaded (Python code does the
// same with `from socket import socket` at the top of a module).
export function loadHttp(k: Kernel) {
  const socket = k.socket.bind(k);
  const connect = k.connect.bind(k);
  const sendall = k.sendall.bind(k);
  const recv = k.recv.bind(k);
  const close = k.close.bind(k);
  return {
    get(addr: Address, path: string): string {
      const fd = socket();
      connect(fd, addr);
      sendall(fd, `GET ${path}`);
      let body = '';
      for (
        let data = recv(fd, 4096);
        data !== '';
        data = recv(fd, 4096)
      )
        body += data;
      close(fd);
      return body;
    },
  };
}

// ---- the program ---------------------------------------------------------
/** Fetches every address at once, one greenlet each; bodies in input order. */
export function crawl(k: Kernel, addrs: readonly Address[]): string[] {
  gevent.patchAll(k); // first: loadHttp must capture the cooperative recv
  const http = loadHttp(k);
  const jobs = addrs.map((addr) =>
    gevent.spawn(() => http.get(addr, '/')),
  );
  gevent.joinall(jobs);
  return jobs.map((j) => j.get() as string);
}
