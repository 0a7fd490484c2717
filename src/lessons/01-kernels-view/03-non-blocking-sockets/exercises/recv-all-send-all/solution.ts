import { wouldBlock, type Kernel } from '#kit';

/** How long to sleep after EAGAIN before asking again (virtual ms). */
const RETRY_MS = 5;

/** Reads a non-blocking socket until EOF; returns every byte. */
export function recvAll(k: Kernel, fd: number): string {
  const chunks: string[] = [];
  for (;;) {
    try {
      const data = k.recv(fd, 65536);
      if (data === '') return chunks.join(''); // EOF: the peer closed
      chunks.push(data);
    } catch (e) {
      if (!wouldBlock(e)) throw e; // a real error, e.g. ECONNRESET
      k.sleep(RETRY_MS); // nothing yet: give the CPU away, then retry
    }
  }
}

/** Writes every byte of `data` to a non-blocking socket. */
export function sendAll(k: Kernel, fd: number, data: string): void {
  let sent = 0;
  while (sent < data.length) {
    try {
      sent += k.send(fd, data.slice(sent)); // maybe only part of it
    } catch (e) {
      if (!wouldBlock(e)) throw e; // EPIPE, ECONNRESET...
      k.sleep(RETRY_MS); // buffer full: let the reader catch up
    }
  }
}
