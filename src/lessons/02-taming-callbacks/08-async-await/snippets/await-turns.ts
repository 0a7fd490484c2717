// @runtime browser
// Each `await` gives up the rest of this job and resumes in a later microtask.
// A ticker marks the turns: it queues itself again each time it runs, so every
// "turn N" line separates the jobs queued in one round from the next round's.
let turn = 0;
const tick = (): void => {
  console.log(`-- turn ${++turn}`);
  if (turn < 4) queueMicrotask(tick);
};
queueMicrotask(tick);

// #region turns
// #region slide-worker
async function worker(): Promise<void> {
  console.log('a1  runs at once, inside the call');
  await undefined; // awaiting a plain value still takes a turn
  console.log('a2  after one await');
  await Promise.resolve();
  console.log('a3  after two awaits');
}
// #endregion

console.log('main  start');
const done = worker(); // returns a pending promise at the first await
Promise.resolve()
  .then(() => console.log('b1  first then'))
  .then(() => console.log('b2  second then'));
console.log('main  end: worker is suspended, nothing else has run');
// #endregion
await done;
