// @runtime browser
// @normalize /\d+(\.\d+)? ns/g -> N ns
// @normalize /about \d+(\.\d+)? times/ -> about N times
// What one switch costs on this machine, next to one call of a transformed
// function (every function here is transformed, as in any greenlet program).
import { greenlet } from '#lib/greenlet';

const N = 100_000;
// #region measure
// #region slide-pingpong
function ping(): void {
  for (let i = 0; i < N; i++) pong.switch(); // to pong and back: 2 switches
}
function pongBody(): void {
  for (;;) pingG.switch();
}
const pingG = greenlet(ping);
const pong = greenlet(pongBody);
let t = performance.now();
pingG.switch();
// #endregion
const perSwitch = ((performance.now() - t) * 1e6) / (2 * N);

let x = 0;
function add(i: number): void {
  x += i;
}
function calls(): void {
  for (let i = 0; i < 2 * N; i++) add(i); // transformed, as the switches are
}
t = performance.now();
greenlet(calls).switch();
const perCall = ((performance.now() - t) * 1e6) / (2 * N);
// #endregion
console.log(`one switch: ${perSwitch.toFixed(0)} ns`);
console.log(
  `one call of a transformed function: ${perCall.toFixed(0)} ns`,
);
console.log(
  `a switch costs about ${(perSwitch / perCall).toFixed(0)} times a call`,
);
// Printing the sum keeps the calls: an engine may drop work whose result nobody uses.
console.log(`the calls added up to ${x}`);
