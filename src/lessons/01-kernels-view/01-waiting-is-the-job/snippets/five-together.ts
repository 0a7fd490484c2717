// @runtime browser
import { Kernel } from '#kit';

const k = new Kernel();
const latencies = {
  profile: 120,
  orders: 340,
  stock: 80,
  prices: 260,
  reviews: 200,
};
const services = Object.entries(latencies).map(([name, latency]) =>
  k.service(name, { latency }),
);

const start = k.now();
// One thread per request. Inside a thread, every blocking call is
// written `yield* sys.call(...)`: the kit's way of giving each
// thread its own stack (chapter 2 explains why).
// #region spawn
const threads = services.map((addr) =>
  k.spawn(function* (sys) {
    const reply = yield* sys.fetch(addr, 'GET /item/42');
    const at = Math.round(sys.now() - start);
    console.log(`${String(at).padStart(4)} ms  ${reply}`);
    return reply;
    // #endregion
  }),
);
const replies = threads.map((t) => k.join(t)); // wait for all five
console.log(`page ready after ${Math.round(k.now() - start)} ms`);
console.log(`${replies.length} replies, in the order we asked`);
const { contextSwitches } = k.stats();
console.log(`context switches: ${contextSwitches}`);
