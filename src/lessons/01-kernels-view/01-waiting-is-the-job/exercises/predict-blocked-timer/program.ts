// @runtime browser

console.log('script starts');

setTimeout(() => console.log('timer callback (delay 0 ms)'), 0);
Promise.resolve().then(() => console.log('promise callback'));

// Keep the thread busy for 200 ms, like a long computation would.
const until = Date.now() + 200;
while (Date.now() < until) {
  // spinning: nothing else on this thread can run
}
console.log('busy loop done');
