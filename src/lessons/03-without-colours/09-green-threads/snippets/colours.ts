// @runtime browser
// Bob Nystrom's "What Color is Your Function?" in JavaScript: a blue
// (ordinary) function cannot wait for a red (async) one.

const stock = new Set(['tea', 'rice']);
const items = ['tea', 'coffee', 'rice'];

// #region filter
// Blue: the answer is at hand.
function inStock(item: string): boolean {
  return stock.has(item);
}
// Red: the answer now comes from a service, so the function is async.
async function inStockRemote(item: string): Promise<boolean> {
  await Promise.resolve(); // stands for a network round trip
  return stock.has(item);
}
// Another colour: a generator that would suspend for the answer.
function* inStockGen(item: string): Generator<string, boolean> {
  yield `ask about ${item}`;
  return stock.has(item);
}

// #region slide-filter
console.log('blue predicate:     ', items.filter(inStock).join(', '));
// Type-checks: filter accepts any predicate whose result is "unknown".
console.log(
  'red predicate:      ',
  items.filter(inStockRemote).join(', '),
);
console.log(
  'generator predicate:',
  items.filter(inStockGen).join(', '),
);
// #endregion
// #endregion

// #region spread
// The cure for the red one: a red filter. Now ITS callers turn red.
async function filterAsync<T>(
  xs: T[],
  pred: (x: T) => Promise<boolean>,
): Promise<T[]> {
  const out: T[] = [];
  for (const x of xs) if (await pred(x)) out.push(x);
  return out;
}
async function report(): Promise<string> {
  // was: function report(): string
  return (await filterAsync(items, inStockRemote)).join(', ');
}
const r = report();
console.log(
  'report() returns a',
  r instanceof Promise ? 'Promise' : typeof r,
);
console.log('awaited:            ', await r);
// #endregion
