import { wireCopyButton } from '../../client/copy-code.ts';
import type { SnippetRuntime } from '../../course/snippet-source.ts';
import { clearEdit, loadEdit, saveEdit } from './storage.ts';

type Editor = import('@codemirror/view').EditorView;

/**
 * The toolbar of one snippet, and the progressive enhancement of the whole figure: Copy works at
 * once; Run, Stop and Reset appear for programs; clicking the code (or Enter on it) swaps the
 * static highlighted HTML for a CodeMirror editor, loaded only then. Edits are kept per
 * `data-snippet-id` in localStorage. The runtime code loads on the first Run.
 */
export class SnippetBench extends HTMLElement {
  #figure!: HTMLElement;
  #original = '';
  #code = '';
  #editor: Editor | undefined;
  #editorLoading: Promise<Editor> | undefined;
  #staticPre!: HTMLElement;
  /** The highlighted original, to put back on Reset. */
  #highlighted!: Node;
  #saveTimer = 0;

  connectedCallback(): void {
    this.#figure = this.closest('figure')!;
    this.#staticPre = this.#figure.querySelector<HTMLElement>('.snippet-code pre')!;
    this.#original = this.#staticPre.textContent ?? '';
    this.#highlighted = this.#staticPre.cloneNode(true);
    this.#code = this.#original;
    wireCopyButton(this.#button('copy'), () => this.#current());
    if (this.#figure.dataset['kind'] !== 'program') return;
    for (const el of this.#figure.querySelectorAll<HTMLElement>('[data-enhanced]'))
      el.hidden = false;
    const help = this.#figure.querySelector('.editor-help');
    if (help) this.#staticPre.setAttribute('aria-describedby', help.id);
    const run = this.#button('run');
    run.addEventListener('click', () => this.run());
    // Intent to run: fetch the runtime now, so the click itself starts at once.
    const warm = () =>
      void import('./run-controller.ts').then((m) =>
        m.prepare(this.#figure.dataset['runtime'] as SnippetRuntime),
      );
    run.addEventListener('pointerenter', warm, { once: true });
    run.addEventListener('focus', warm, { once: true });
    this.#button('stop').addEventListener('click', () => this.stop());
    this.#button('reset').addEventListener('click', () => this.reset());
    this.#figure
      .querySelector('[data-action="reset-runtime"]')
      ?.addEventListener('click', () => void this.resetRuntime());
    const saved = loadEdit(this.#id, this.#original);
    if (saved) this.#showCode(saved.code, saved.stale);
    this.#staticPre.addEventListener('click', (e) => void this.edit(e));
    this.#staticPre.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        void this.edit();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        void this.run();
      }
    });
  }

  get #id(): string {
    return this.#figure.dataset['snippetId']!;
  }

  #button(action: string): HTMLButtonElement {
    return this.#figure.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
  }

  #current(): string {
    return this.#editor ? this.#editor.state.doc.toString() : this.#code;
  }

  /** Shows restored code in the static block (no editor needed until the learner clicks). */
  #showCode(code: string, stale = false): void {
    this.#code = code;
    const codeEl = this.#staticPre.querySelector('code') ?? this.#staticPre;
    codeEl.textContent = code;
    this.#note(true, stale);
  }

  #note(edited: boolean, stale = false): void {
    const note = this.#figure.querySelector<HTMLElement>('.edit-note')!;
    note.hidden = !edited;
    note.textContent = stale
      ? 'Your edited version (the lesson’s original has changed since) — Reset restores the original.'
      : 'Your edited version — Reset restores the original.';
  }

  /** Turns the code into an editor, placing the cursor where the learner clicked. */
  async edit(click?: MouseEvent): Promise<Editor> {
    if (this.#editor) return this.#editor;
    const offset = click ? clickOffset(this.#staticPre, click) : 0;
    this.#editorLoading ??= import('./editor.ts').then(({ createEditor }) => {
      const host = document.createElement('div');
      host.className = 'snippet-editor';
      const name = this.#figure.dataset['file'] ?? 'program';
      const editor = createEditor(host, this.#code, {
        label: `Code of ${name}, editable`,
        onRun: () => void this.run(),
        onChange: (code) => this.#changed(code),
      });
      this.#staticPre.replaceWith(host);
      this.#editor = editor;
      this.#figure.dataset['editing'] = '';
      return editor;
    });
    const editor = await this.#editorLoading;
    const { focusAt } = await import('./editor.ts');
    focusAt(editor, offset);
    return editor;
  }

  #changed(code: string): void {
    this.#code = code;
    this.#note(code !== this.#original);
    clearTimeout(this.#saveTimer);
    this.#saveTimer = window.setTimeout(() => saveEdit(this.#id, this.#original, code), 250);
  }

  /** Runs the current code (Ctrl/⌘+Enter in the editor does the same). */
  async run(): Promise<void> {
    const code = this.#current();
    clearTimeout(this.#saveTimer);
    saveEdit(this.#id, this.#original, code);
    const { runProgram } = await import('./run-controller.ts');
    const recorded = this.#figure.querySelector('[data-recorded] pre')?.textContent ?? undefined;
    await runProgram(
      {
        figure: this.#figure,
        name: this.#figure.dataset['file'] ?? 'main.ts',
        runtime: this.#figure.dataset['runtime'] as SnippetRuntime,
        elements: {
          region: this.#figure.querySelector('.run-output')!,
          label: this.#figure.querySelector('.run-label')!,
          log: this.#figure.querySelector('.run-log')!,
          status: this.#figure.querySelector('.run-status')!,
        },
        recorded,
        onRunning: (running) => {
          this.#button('stop').disabled = !running;
          this.#figure.toggleAttribute('data-running', running);
        },
      },
      code,
      code !== this.#original,
    );
  }

  /** Stops the current run. */
  async stop(): Promise<void> {
    const { stopProgram } = await import('./run-controller.ts');
    stopProgram(this.#figure);
  }

  /** Throws in-browser Node.js away and boots it again on the next run. */
  async resetRuntime(): Promise<void> {
    const { resetRuntime } = await import('./run-controller.ts');
    await resetRuntime(this.#figure);
  }

  /** Back to the lesson's original code; forgets the saved edit. */
  reset(): void {
    clearTimeout(this.#saveTimer);
    clearEdit(this.#id);
    this.#code = this.#original;
    if (this.#editor) {
      const doc = this.#editor.state.doc;
      this.#editor.dispatch({ changes: { from: 0, to: doc.length, insert: this.#original } });
    } else {
      this.#staticPre.replaceChildren(...this.#highlighted.cloneNode(true).childNodes);
    }
    this.#note(false);
  }
}

/** The text offset under a click in a `<pre>`, so the editor opens with the cursor there. */
function clickOffset(pre: HTMLElement, e: MouseEvent): number {
  const range = document.caretRangeFromPoint?.(e.clientX, e.clientY);
  if (!range || !pre.contains(range.startContainer)) return 0;
  const before = document.createRange();
  before.setStart(pre, 0);
  before.setEnd(range.startContainer, range.startOffset);
  return before.toString().length;
}
