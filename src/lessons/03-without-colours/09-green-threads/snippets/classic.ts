// @runtime browser
// The two classic greenlet examples, ported line for line.
import { greenlet } from '#lib/greenlet';

// #region first
// #region slide-first
function test1() {
  console.log(12);
  gr2.switch();
  console.log(34);
}
// #endregion
function test2() {
  console.log(56);
  gr1.switch();
  console.log(78);
}
const gr1 = greenlet(test1);
const gr2 = greenlet(test2);
gr1.switch();
// #endregion

// #region later
console.log(
  '-- main goes on; gr1.dead:',
  gr1.dead,
  ' gr2.dead:',
  gr2.dead,
);
// #region slide-later
gr2.switch(); // gr2 resumes after its gr1.switch(): prints 78, then dies
console.log('-- gr2.dead:', gr2.dead);
// #endregion
// #endregion

// #region second
// #region slide-second
function test3() {
  console.log(12);
  gr4.switch();
  console.log(34);
  return '1 return';
}
function test4() {
  console.log(56);
  console.log(78);
  return '2 return';
}
const gr3 = greenlet(test3);
const gr4 = greenlet(test4);
console.log(gr3.switch());
// #endregion
// #endregion
console.log('-- gr3.dead:', gr3.dead, ' gr4.dead:', gr4.dead);
