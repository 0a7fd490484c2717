// @runtime browser
import { greenlet, getcurrent } from '#lib/greenlet';

const main = getcurrent();
function a(x: number): string {
  console.log('a got', x);
  const y = gb.switch(x + 1);
  console.log('a got', y);
  return 'a done';
}
function b(x: number): string {
  console.log('b got', x);
  const z = main.switch(x + 1);
  console.log('b got', z);
  return 'b done';
}
const ga = greenlet(a);
const gb = greenlet(b, ga); // gb's parent is ga, not main
console.log('main got', ga.switch(1));
console.log('main got', gb.switch(10));
console.log('main got', gb.switch(20));
