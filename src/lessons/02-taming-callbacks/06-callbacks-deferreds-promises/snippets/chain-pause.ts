// @runtime browser
import { Kernel } from '#kit';
import { Reactor } from '#lib/reactor';
import { Deferred, AlreadyCalledError } from '#lib/deferred';

const r = new Reactor(new Kernel());
const log = (s: string) =>
  console.log(`${String(Math.round(r.now())).padStart(4)} ms  ${s}`);

/** Pretends to ask a database: the answer comes `ms` later, from the reactor. */
function query<T>(what: string, ms: number, answer: T): Deferred<T> {
  const d = new Deferred<T>();
  log(`query ${what} (answer in ${ms} ms)`);
  r.callLater(ms, () => d.callback(answer));
  return d;
}

// #region pause
const user = query('user 7', 100, { id: 7, name: 'ana' });
user
  // #region slide-pause
  .addCallback((u) => {
    log(`got ${u.name}; the next callback returns a Deferred`);
    return query(`orders of ${u.name}`, 250, ['tea', 'cups']);
  })
  .addCallback((orders) => {
    log(
      `got ${orders.length} orders: the chain waited for the inner Deferred`,
    );
    return orders.length;
  });
// #endregion
// #endregion

// #region late
r.callLater(500, () => {
  log(`user is ${user.toString()}`);
  // #region slide-late
  user.addCallback((n) => {
    log(`a callback added after firing runs at once, with ${n}`);
    return n;
  });
  log('addCallback has returned');
  try {
    user.callback({ id: 8, name: 'bo' });
  } catch (e) {
    if (e instanceof AlreadyCalledError)
      log(`second callback(): ${e.name}`);
    // #endregion
  }
});
// #endregion

r.run();
