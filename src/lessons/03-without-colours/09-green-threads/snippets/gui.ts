// @runtime browser
// greenlet's console-to-GUI example: a pull-style command loop driven by a
// push-style event source, with no thread and no callback rewrite.
import { greenlet, getcurrent } from '#lib/greenlet';

// #region console
// The console program, unchanged: it pulls one character at a time.
function processCommands(): void {
  for (;;) {
    let line = '';
    while (!line.endsWith('\n')) line += readNextChar();
    if (line === 'quit\n') {
      console.log('are you sure?');
      if (readNextChar() !== 'y') continue; // ignore the command
      console.log('(exiting loop)');
      break;
    }
    processCommand(line);
  }
}
function processCommand(line: string): void {
  console.log(`run: ${line.trim()}`);
}
// #endregion

// #region glue
function readNextChar(): string {
  const gSelf = getcurrent(); // gProcessor
  // Jump to the parent (main, where the event loop runs) and wait for a key.
  return gSelf.parent!.switch() as string;
}
function eventKeydown(key: string): void {
  gProcessor.switch(key); // jump into gProcessor, sending it the key
}
const gProcessor = greenlet(processCommands);
gProcessor.switch(); // runs until the first readNextChar()
// #endregion

// #region gui
// The "GUI": an event source that calls back once per key, later.
const gui = new EventTarget();
gui.addEventListener('keydown', (e) =>
  eventKeydown((e as CustomEvent<string>).detail),
);
const keys = [...('ls\nquit\nn' + 'pwd\nquit\ny')];
keys.forEach((key, i) => {
  setTimeout(
    () =>
      gui.dispatchEvent(new CustomEvent('keydown', { detail: key })),
    i,
  );
});
setTimeout(
  () => console.log('processor dead:', gProcessor.dead),
  keys.length,
);
// #endregion
