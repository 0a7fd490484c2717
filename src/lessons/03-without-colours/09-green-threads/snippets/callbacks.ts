// @runtime browser
// What cannot switch: a callback that a built-in calls.
import { greenlet, getcurrent } from '#lib/greenlet';

function yieldEach(xs: number[]): void {
  const consumer = getcurrent().parent!;
  // #region builtin
  // #region slide-builtin
  try {
    xs.forEach((x) => consumer.switch(x)); // forEach is not transformed
  } catch (e) {
    console.log(
      `forEach: ${(e as Error).name}: ${(e as Error).message.split(':')[0]}`,
    );
  }
  for (const x of xs) consumer.switch(x); // a loop in our own code: fine
  // #endregion
  // #endregion
}
const g = greenlet(yieldEach);
const got: unknown[] = [];
for (let v = g.switch([1, 2, 3]); !g.dead; v = g.switch()) got.push(v);
console.log(`for...of: ${got.join(', ')}`);
