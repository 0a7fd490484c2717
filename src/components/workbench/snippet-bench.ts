import { wireCopyButton } from '../../client/copy-code.ts';
import type { SnippetRuntime } from '../../course/snippet-source.ts';
import { clearShareHash, shareSnippet, type SharedCodeTarget } from './share-link.ts';
import { offerShared, sharedNotice, shownCode, type SharedState } from './share-state.ts';
import { clearEdit, loadEdit, saveEdit } from './storage.ts';

type Editor = import('@codemirror/view').EditorView;

/**
 * The toolbar of one snippet, and the progressive enhancement of the whole figure: Copy works at
 * once; Run, Stop and Reset appear for programs; clicking the code (or Enter on it) swaps the
 * static highlighted HTML for a CodeMirror editor, loaded only then. Edits are kept per
 * `data-snippet-id` in localStorage. The runtime code loads on the first Run.
 *
 * Browser programs also get "Run on Node.js" (the same code in WebContainer; the worker stays
 * the default). Every program gets "Share" (a link carrying the current code, `share-link.ts`),
 * and shows code opened from such a link without running or saving it: it becomes the reader's
 * saved edit only once they edit or run it, and never replaces their own edit without asking.
 */
export class SnippetBench extends HTMLElement implements SharedCodeTarget {
  #figure!: HTMLElement;
  #original = '';
  #code = '';
  #editor: Editor | undefined;
  #editorLoading: Promise<Editor> | undefined;
  #staticPre!: HTMLElement;
  /** The highlighted original, to put back on Reset. */
  #highlighted!: Node;
  #saveTimer = 0;
  #shared: SharedState | undefined;
  /** Set while the code is replaced by the page itself (shared code): not an edit, not saved. */
  #quiet = false;
  /**
   * The code a Reset replaced while the static block was on show: the editor, when it opens,
   * starts from it and replays the Reset, so that Ctrl+Z there brings the edit back.
   */
  #beforeReset: string | undefined;

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
    this.#figure
      .querySelector('[data-action="run-node"]')
      ?.addEventListener('click', () => void this.runOnNode());
    this.#button('stop').addEventListener('click', () => this.stop());
    this.#button('reset').addEventListener('click', () => this.reset());
    this.#button('share').addEventListener('click', () => void this.share());
    this.#button('use-shared').addEventListener('click', () => this.#useShared());
    this.#button('keep-mine').addEventListener('click', () => this.#keepMine());
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

  /** Replaces the code on show (static block or editor) without saving it as an edit. */
  #setCode(code: string): void {
    if (code === this.#current()) return;
    this.#beforeReset = undefined;
    this.#code = code;
    if (this.#editor) {
      this.#quiet = true;
      try {
        const doc = this.#editor.state.doc;
        this.#editor.dispatch({ changes: { from: 0, to: doc.length, insert: code } });
      } finally {
        this.#quiet = false;
      }
    } else if (code === this.#original) {
      this.#staticPre.replaceChildren(...this.#highlighted.cloneNode(true).childNodes);
    } else {
      (this.#staticPre.querySelector('code') ?? this.#staticPre).textContent = code;
    }
  }

  #note(edited: boolean, stale = false): void {
    const note = this.#figure.querySelector<HTMLElement>('.edit-note')!;
    // While shared code is on show, its own notice says what the code is.
    note.hidden = !edited || this.#shared?.showing === 'shared';
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
      // After a Reset of the static block, the editor opens on the replaced code and the Reset
      // is replayed as its first (undoable) change: the same state, with Ctrl+Z to go back.
      const before = this.#code === this.#original ? this.#beforeReset : undefined;
      this.#beforeReset = undefined;
      const editor = createEditor(host, before ?? this.#code, {
        label: `Code of ${name}, editable`,
        onRun: () => void this.run(),
        onChange: (code) => this.#changed(code),
      });
      if (before !== undefined) this.#replace(editor, this.#original, true);
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
    if (this.#quiet) return;
    this.#resetStatus('');
    // Editing shared code makes it the reader's own: from now on it is saved like any edit.
    if (this.#shared?.showing === 'shared') this.#adoptShared();
    this.#note(code !== this.#original);
    clearTimeout(this.#saveTimer);
    this.#saveTimer = window.setTimeout(() => saveEdit(this.#id, this.#original, code), 250);
  }

  /** Runs the current code in its default runtime (Ctrl/⌘+Enter in the editor does the same). */
  async run(): Promise<void> {
    await this.#run(this.#figure.dataset['runtime'] as SnippetRuntime);
  }

  /**
   * Runs the current code on real Node.js in WebContainer (booted on first use), whatever the
   * snippet's header says; when WebContainer cannot start, the output view says why and shows
   * the output recorded on Node.js.
   */
  async runOnNode(): Promise<void> {
    // The "Reset runtime" row, for a program that will not stop, once Node.js is in play.
    const actions = this.#figure.querySelector<HTMLElement>('.run-actions');
    if (actions) actions.hidden = false;
    await this.#run('node');
  }

  async #run(runtime: SnippetRuntime): Promise<void> {
    const code = this.#current();
    // Running shared code is the reader's decision to take it: it is saved from here on.
    if (this.#shared?.showing === 'shared') this.#adoptShared();
    clearTimeout(this.#saveTimer);
    saveEdit(this.#id, this.#original, code);
    const { runProgram } = await import('./run-controller.ts');
    const recordedBlock = this.#figure.querySelector<HTMLElement>('[data-recorded]');
    const recorded = recordedBlock?.querySelector('pre')?.textContent ?? undefined;
    await runProgram(
      {
        figure: this.#figure,
        name: this.#figure.dataset['file'] ?? 'main.ts',
        runtime,
        elements: {
          region: this.#figure.querySelector('.run-output')!,
          label: this.#figure.querySelector('.run-label')!,
          log: this.#figure.querySelector('.run-log')!,
          status: this.#figure.querySelector('.run-status')!,
          recorded: recordedBlock,
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

  /**
   * Back to the lesson's original code; forgets the saved edit (and any shared code on show).
   * Undoable, as in the exercise panel: in the editor the Reset is one change of its history, so
   * Ctrl+Z brings the edit back (and saves it again); from the static block the edit is kept in
   * memory and the editor, once opened, starts with the Reset to undo.
   */
  reset(): void {
    clearTimeout(this.#saveTimer);
    clearEdit(this.#id);
    this.#endShared();
    const before = this.#current();
    this.#code = this.#original;
    if (this.#editor) {
      this.#replace(this.#editor, this.#original, false);
    } else {
      if (before !== this.#original) this.#beforeReset = before;
      this.#staticPre.replaceChildren(...this.#highlighted.cloneNode(true).childNodes);
    }
    this.#note(false);
    if (before !== this.#original)
      this.#resetStatus(
        this.#editor
          ? 'The original code is back. Ctrl+Z in the editor undoes this.'
          : 'The original code is back. To undo, click the code to edit it and press Ctrl+Z.',
      );
  }

  /** Replaces the whole document as one change (one step of the editor's undo history). */
  #replace(editor: Editor, code: string, quiet: boolean): void {
    this.#quiet = quiet;
    try {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: code } });
    } finally {
      this.#quiet = false;
    }
  }

  /** What Reset did, in the figure's status line (a live region); '' clears it. */
  #resetStatus(text: string): void {
    const status = this.#figure.querySelector<HTMLElement>('.share-status');
    if (!status || (!text && status.dataset['state'] !== 'reset')) return;
    status.textContent = text;
    if (text) status.dataset['state'] = 'reset';
    else delete status.dataset['state'];
  }

  // -------------------------------------------------------------------------------------------
  // Sharing

  /** Copies a link that carries the current code (see `share-link.ts`). */
  async share(): Promise<void> {
    const code = this.#current();
    await shareSnippet(
      {
        status: this.#figure.querySelector('.share-status')!,
        fieldWrap: this.#figure.querySelector('.share-field')!,
        field: this.#figure.querySelector('.share-field input')!,
      },
      this.#id,
      code,
      code !== this.#original,
    );
  }

  /**
   * Code from a shared link: shown with a notice, neither run nor saved. When the reader has an
   * edit of their own that differs, it stays on show and they are asked which to keep.
   */
  receiveShared(code: string): void {
    const current = this.#current();
    // Pending keystrokes belong to the reader's version: store them before anything changes.
    if (!this.#shared && current !== this.#original) {
      clearTimeout(this.#saveTimer);
      saveEdit(this.#id, this.#original, current);
    }
    this.#shared = offerShared(this.#shared, current, this.#original, code);
    this.#setCode(shownCode(this.#shared));
    this.#showShared(true);
  }

  /** A link for this snippet that could not be opened: say why; the code stays as it is. */
  shareProblem(message: string): void {
    this.#restoreOwn();
    this.#notice(`${message} The program below is the one you would see without the link.`, {
      problem: true,
      close: 'Dismiss',
    });
    this.#focusNotice();
  }

  #showShared(focus: boolean): void {
    const notice = sharedNotice(this.#shared!);
    this.#notice(notice.text, { use: notice.use, close: notice.back });
    this.#note(this.#current() !== this.#original);
    if (focus) this.#focusNotice();
  }

  #notice(
    text: string,
    opts: { problem?: boolean; use?: boolean; close?: string | undefined },
  ): void {
    const box = this.#figure.querySelector<HTMLElement>('.share-note')!;
    box.hidden = false;
    box.dataset['state'] = opts.problem ? 'problem' : 'shared';
    box.querySelector('.share-message')!.textContent = text;
    this.#button('use-shared').hidden = !opts.use;
    const close = this.#button('keep-mine');
    close.hidden = opts.close === undefined;
    close.textContent = opts.close ?? '';
  }

  #focusNotice(): void {
    const box = this.#figure.querySelector<HTMLElement>('.share-note')!;
    box.scrollIntoView({ block: 'center' });
    box.focus({ preventScroll: true });
  }

  #useShared(): void {
    const s = this.#shared;
    if (!s) return;
    this.#shared = { ...s, showing: 'shared' };
    this.#setCode(s.code);
    this.#showShared(false);
    this.#focusCode();
  }

  /** "Keep my version", "Back to my version" or "Dismiss": the link is done with. */
  #keepMine(): void {
    this.#restoreOwn();
    this.#endShared();
    this.#focusCode();
  }

  /** Back to what the snippet shows without a link: the reader's saved edit, or the lesson's. */
  #restoreOwn(): void {
    const s = this.#shared;
    this.#shared = undefined;
    if (s) this.#setCode(s.mine ?? loadEdit(this.#id, this.#original)?.code ?? this.#original);
    this.#note(this.#current() !== this.#original);
  }

  /**
   * Focus goes to the code after a choice (its button disappears). Not to Run: focusing Run
   * preloads the worker, and nothing should start before the reader asks for it.
   */
  #focusCode(): void {
    if (this.#editor) this.#editor.focus();
    else this.#staticPre.focus();
  }

  /** The reader edited or ran the shared code: it is their edit now, saved as any other. */
  #adoptShared(): void {
    this.#endShared();
  }

  #endShared(): void {
    this.#shared = undefined;
    const box = this.#figure.querySelector<HTMLElement>('.share-note');
    if (box) box.hidden = true;
    clearShareHash();
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
