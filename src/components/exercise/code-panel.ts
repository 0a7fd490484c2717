import { PanelBase } from './panel-base.ts';
import { ResultsView } from './results-view.ts';
import { clearEdit, loadEdit, saveEdit } from '../workbench/storage.ts';
import { checkCode, checkSeed, type SeedCheck } from './code-check.ts';

type Editor = import('@codemirror/view').EditorView;

/** What the page embeds for a code exercise. */
interface CodeData {
  readonly check: string;
  readonly starter: string;
  /** The exercise's own time limit for one Check, if it sets one (`timeLimitSeconds`). */
  readonly timeLimitMs?: number;
  readonly solution: string;
  readonly title: string;
}

/**
 * A code exercise: the learner edits the starter in the workbench editor and Check runs the
 * exercise's checks against it in the worker sandbox, streaming each result. The edit is kept
 * across visits (the workbench's edit storage); Reset brings the starter back (Ctrl+Z undoes).
 */
export class CodePanel extends PanelBase {
  #data!: CodeData;
  #code = '';
  #editor: Promise<Editor> | undefined;
  #view!: ResultsView;
  #saveTimer = 0;

  protected setup(): void {
    this.#data = JSON.parse(this.piece('data').textContent!) as CodeData;
    this.#code = loadEdit(this.#key, this.#data.starter)?.code ?? this.#data.starter;
    this.#view = new ResultsView(
      {
        region: this.piece('results'),
        runtime: this.piece('runtime'),
        summary: this.piece('summary'),
        list: this.piece<HTMLOListElement>('list'),
        output: this.piece('output'),
      },
      {
        runSeed: (name, seed) => this.#runSeed(name, seed),
        announce: (text) => this.announce(text),
      },
    );
    if (this.#code !== this.#data.starter) this.#staticCode().textContent = this.#code;
    const code = this.piece('code');
    code.addEventListener('click', () => void this.#edit(), { once: true });
    code.addEventListener('keydown', (e) => {
      // Only on the static code: Enter inside CodeMirror must still insert a line break.
      if (e.key === 'Enter' && (e.target as Element).closest('pre')) {
        e.preventDefault();
        void this.#edit();
      }
    });
    // The editor (CodeMirror) loads when the panel comes near the screen, not with the page.
    const seen = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          seen.disconnect();
          void this.editor();
        }
      },
      { rootMargin: '400px' },
    );
    seen.observe(this);
  }

  get #key(): string {
    return `exercise:${this.exerciseId}`;
  }

  #staticCode(): HTMLElement {
    const pre = this.piece('code').querySelector('pre')!;
    return pre.querySelector('code') ?? pre;
  }

  /** The editor, created on first need in place of the static code. */
  editor(): Promise<Editor> {
    this.#editor ??= Promise.all([
      import('../workbench/editor.ts'),
      import('@codemirror/state'),
      import('@codemirror/view'),
    ]).then(([{ createEditor }, { StateEffect }, { EditorView }]) => {
      const host = this.piece('code');
      // The editor may arrive while the reader's focus is on the static code (it loads when the
      // panel comes near the screen, and Tab brings it there): keep the focus in the code, not
      // on <body> where removing the focused <pre> would leave it.
      const hadFocus = host.contains(document.activeElement);
      host.replaceChildren();
      const view = createEditor(host, this.#code, {
        label: `Your code for “${this.#data.title}”, editable`,
        onRun: () => void this.runCheck(),
        onChange: (code) => {
          this.#code = code;
          clearTimeout(this.#saveTimer);
          this.#saveTimer = window.setTimeout(() => {
            this.#save();
            this.#showMine();
          }, 250);
        },
      });
      // The panel is narrower than a snippet: wrap long lines rather than scroll sideways
      // (a horizontal scroller is one more thing keyboard users would have to reach).
      view.dispatch({ effects: StateEffect.appendConfig.of(EditorView.lineWrapping) });
      if (hadFocus) view.focus();
      return view;
    });
    return this.#editor;
  }

  /** Opens the editor from the static code (click, or Enter on it) with the cursor in it. */
  async #edit(): Promise<void> {
    const view = await this.editor();
    view.focus();
  }

  #save(): void {
    clearTimeout(this.#saveTimer);
    saveEdit(this.#key, this.#data.starter, this.#code);
  }

  async #setCode(code: string): Promise<void> {
    const editor = await this.editor();
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: code } });
    this.#code = code;
    this.#showMine();
  }

  /** While the solution is shown, its "Your code" side shows the code as it is now. */
  #showMine(): void {
    if (!this.piece('solution').hidden) this.piece('mine').textContent = this.#code;
  }

  protected async runCheck(): Promise<void> {
    if (this.dataset['state'] === 'running') return;
    this.#save();
    const check = this.button('check');
    check.setAttribute('aria-disabled', 'true');
    this.dataset['state'] = 'running';
    this.announce('Checking…');
    // Stop: for code that never returns, rather than waiting for the time limit.
    const control: { stop?: () => void; stopped?: boolean } = {};
    const stop = this.button('stop-check');
    stop.hidden = false;
    stop.onclick = () => {
      control.stopped = true;
      control.stop?.();
    };
    try {
      const result = await checkCode(
        this.#view,
        this.#data.check,
        this.#code,
        this.#data.timeLimitMs,
        control,
      );
      this.checks++;
      this.announce(result.announcement);
      if (result.passed) this.passed();
    } finally {
      const hadFocus = document.activeElement === stop;
      stop.hidden = true;
      stop.onclick = null;
      check.removeAttribute('aria-disabled');
      delete this.dataset['state'];
      if (hadFocus) check.focus(); // the focus does not fall to the page with the hidden button
    }
  }

  /** "Run this seed": one check under one seed, with the current code; one run at a time. */
  async #runSeed(name: string, seed: number): Promise<SeedCheck | undefined> {
    if (this.dataset['state'] === 'running') return undefined;
    this.#save();
    const check = this.button('check');
    check.setAttribute('aria-disabled', 'true');
    this.dataset['state'] = 'running';
    this.announce(`Running seed ${seed} of “${name}” again…`);
    try {
      return await checkSeed(this.#data.check, this.#code, name, seed, this.#data.timeLimitMs);
    } finally {
      check.removeAttribute('aria-disabled');
      delete this.dataset['state'];
    }
  }

  protected reset(): void {
    clearEdit(this.#key);
    void this.#setCode(this.#data.starter).then(() =>
      this.announce('The starter code is back. Ctrl+Z in the editor undoes this.'),
    );
  }

  protected renderSolution(): void {
    this.piece('mine').textContent = this.#code;
    this.piece('reference').textContent = this.#data.solution;
    const load = this.button('load-solution');
    load.onclick = () =>
      void this.#setCode(this.#data.solution).then(() => {
        this.#save();
        this.announce('The reference solution is now in the editor. Ctrl+Z undoes this.');
      });
  }
}
