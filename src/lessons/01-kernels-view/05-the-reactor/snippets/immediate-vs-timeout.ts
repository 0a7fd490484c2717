// @runtime node
import { readFile } from 'node:fs';

// Inside an I/O callback we are in the poll phase. The next phase
// is check (setImmediate); timers come only after it.
let round = 1;
function oneRound(): void {
  readFile(import.meta.filename, () => {
    const order: string[] = [];
    const record = (what: string) => {
      order.push(what);
      if (order.length < 2) return;
      // #region race
      console.log(`round ${round}: ${order.join(', then ')}`);
      if (++round <= 5) oneRound();
    };
    setTimeout(() => record('setTimeout 0'), 0);
    setImmediate(() => record('setImmediate'));
  });
  // #endregion
}
oneRound();
