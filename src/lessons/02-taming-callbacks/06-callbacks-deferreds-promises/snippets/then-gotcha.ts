// @runtime browser
const f = (v: string): string => {
  throw new Error(`f cannot handle ${v}`);
};
const r = (name: string) => (e: unknown) => {
  console.log(`${name} caught: ${(e as Error).message}`);
  return 'recovered';
};

// #region gotcha
// Like addCallbacks(f, r): r only sees a rejection of the promise before it.
const p1 = Promise.resolve('x').then(f, r('then(f, r)      r'));
// Like addCallback(f).addErrback(r): r also sees what f throws.
const p2 = Promise.resolve('x').then(f).catch(r('then(f).catch(r) r'));
// #endregion

void Promise.allSettled([p1, p2]).then(([s1, s2]) => {
  const show = (s: PromiseSettledResult<string>) =>
    s.status === 'fulfilled'
      ? `fulfilled with ${s.value}`
      : `rejected: ${(s.reason as Error).message}`;
  console.log(`p1 ${show(s1!)}`);
  console.log(`p2 ${show(s2!)}`);
});
