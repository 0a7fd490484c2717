// @runtime browser
import { Kernel, wouldBlock, KernelError } from '#kit';
import { Reactor } from '#lib/reactor';

const k = new Kernel();
const r = new Reactor(k);
k.service('imap:143', {
  mode: 'lines',
  latency: 30,
  reply: (req) =>
    req.startsWith('LOGIN')
      ? req.endsWith(' secret')
        ? 'OK logged in'
        : 'NO bad password'
      : req.startsWith('SELECT')
        ? 'OK 3 messages'
        : 'Subject: Lunch on Friday?',
});

/** Node's convention: the callback's first argument is an error, or null. */
type Callback<T> = (err: Error | null, value?: T) => void;

/** A non-blocking connect: the socket becomes writable when the handshake ends. */
function connect(addr: string, cb: Callback<number>): void {
  const fd = k.socket();
  k.setblocking(fd, false);
  try {
    k.connect(fd, addr);
  } catch (e) {
    if (!(e instanceof KernelError && e.code === 'EINPROGRESS'))
      return cb(e as Error);
  }
  r.addWriter(fd, () => {
    r.removeWriter(fd);
    const errno = k.getsockopt(fd, 'SO_ERROR');
    if (errno !== 0)
      return cb(new Error(`connect failed, errno ${errno}`));
    cb(null, fd);
  });
}

/** Sends one line and calls back with the reply line. */
function command(fd: number, line: string, cb: Callback<string>): void {
  k.sendall(fd, `${line}\n`);
  let got = '';
  r.addReader(fd, () => {
    try {
      got += k.recv(fd, 1024);
    } catch (e) {
      if (wouldBlock(e)) return;
      r.removeReader(fd);
      return cb(e as Error);
    }
    if (!got.includes('\n')) return;
    r.removeReader(fd);
    cb(null, got.trimEnd());
  });
}

// #region pyramid
function firstSubject(
  user: string,
  password: string,
  done: Callback<string>,
) {
  const started = r.now(); // state every level below needs, carried by hand
  // #region slide-pyramid
  connect('imap:143', (err, fd) => {
    if (err) return done(err);
    command(fd!, `LOGIN ${user} ${password}`, (err, reply) => {
      if (err) return (k.close(fd!), done(err));
      if (!reply!.startsWith('OK'))
        return (k.close(fd!), done(new Error(reply)));
      command(fd!, 'SELECT INBOX', (err) => {
        // #endregion
        if (err) return (k.close(fd!), done(err));
        command(fd!, 'FETCH 1 ENVELOPE', (err, envelope) => {
          k.close(fd!);
          if (err) return done(err);
          done(
            null,
            `${envelope} (${user}, ${Math.round(r.now() - started)} ms)`,
          );
        });
      });
    });
  });
}
// #endregion

const report = (err: Error | null, subject?: string) =>
  console.log(
    err ? `failed: ${err.message}` : `first message: ${subject}`,
  );
firstSubject('alice', 'secret', report);
firstSubject('mallory', 'guess', report);
r.run();
