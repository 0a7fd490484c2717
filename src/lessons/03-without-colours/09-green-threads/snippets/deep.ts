// @runtime browser
// A plain function three calls deep switches away and later resumes in
// place. Producer and consumer share one heap.
import { greenlet, getcurrent } from '#lib/greenlet';

type Tree = number | Tree[];
const shared = { emitted: 0, total: 0 }; // one object, seen by both

// #region deep
// #region slide-emit
function emit(n: number, depth: number): void {
  shared.emitted++;
  // Hand n to the parent (the consumer) and wait for its answer.
  const reply = getcurrent().parent!.switch(n);
  console.log(
    `${'  '.repeat(depth)}emit(${n}), ${depth} calls below walk(), got "${reply}"`,
  );
}
// #endregion
function visit(node: Tree, depth: number): void {
  if (typeof node === 'number') emit(node, depth + 1);
  else for (const child of node) visit(child, depth + 1);
}
function walk(tree: Tree): string {
  visit(tree, 1);
  return `walked, ${shared.emitted} numbers`;
}
// #endregion

// #region consume
const producer = greenlet(walk);
let got = producer.switch([1, [2, [3]], 4]);
while (!producer.dead) {
  shared.total += got as number; // the same object the producer updates
  console.log(
    `consumer got ${got}, total ${shared.total}, emitted ${shared.emitted}`,
  );
  got = producer.switch(`ok ${got}`);
}
console.log(`producer returned: ${got}`);
// #endregion
