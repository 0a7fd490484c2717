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
// #region loop
for (const addr of services) {
  // Blocks until the reply is in: no await, no callback.
  const reply = k.fetch(addr, 'GET /item/42');
  const at = Math.round(k.now() - start);
  console.log(`${String(at).padStart(4)} ms  ${reply}`);
}
// #endregion
console.log(`page ready after ${Math.round(k.now() - start)} ms`);
