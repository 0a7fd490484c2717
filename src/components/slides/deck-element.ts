import type { DeckAction } from '../../course/slides/keys.ts';
import { parseMode, viewUrl, type DeckMode } from '../../course/slides/modes.ts';
import * as nav from '../../course/slides/position.ts';
import { askSlideNumber, renderOverview, wireDialog } from './deck-dialogs.ts';
import { collectSlides, fitShown, showPosition, type SlideView } from './deck-dom.ts';
import { DeckSync, type SharedState } from './deck-sync.ts';
import { listenForShortcuts } from './deck-keys.ts';
import { say, showStatus } from './deck-status.ts';
import { PresenterPanel } from './presenter.ts';
import { fitForPrint, fitStage } from './stage-fit.ts';

type Position = nav.Position;

/**
 * `<slide-deck>`: one lesson as slides. Owns the current moment (slide + step), mirrors it in the
 * URL fragment (a history entry per move), listens to the keys, and keeps other windows in step.
 */
export class SlideDeck extends HTMLElement {
  #mode: DeckMode = { view: 'audience', notes: false };
  #slides: SlideView[] = [];
  #shape: number[] = [];
  #pos: Position = nav.first();
  #blackout = false;
  #sync: DeckSync | undefined;
  #presenter: PresenterPanel | undefined;

  connectedCallback(): void {
    this.#mode = parseMode(location.search);
    document.documentElement.dataset['deckView'] = this.#mode.view;
    document.documentElement.toggleAttribute('data-deck-notes', this.#mode.notes);
    const stage = this.querySelector<HTMLElement>('[data-deck-stage]')!;
    this.#slides = collectSlides(stage, this.dataset['lessonTitle'] ?? '');
    this.#shape = this.#slides.map((s) => s.steps.length);
    document.documentElement.dataset['deckReady'] = '';
    if (this.#mode.view === 'print') return this.#preparePrint();
    fitStage(this.querySelector('[data-deck-viewport]')!, stage, this.#mode.view !== 'embed');
    this.#show(this.#fromUrl() ?? nav.first(), { history: 'replace', announce: false });
    // Output was fitted with whatever font had loaded: fit again with the slides' own.
    void document.fonts.ready.then(() => fitShown(this.#slides, this.#pos));
    // A run's output on a slide is fitted once it has ended (it scrolls while it grows).
    addEventListener('snippet-run-finished', () => fitShown(this.#slides, this.#pos));
    addEventListener('popstate', () => this.#followUrl());
    addEventListener('hashchange', () => this.#followUrl());
    if (this.#mode.view === 'embed') {
      document.body.inert = true; // a preview: nothing in it is for the keyboard
      return;
    }
    this.#wireControls();
    addEventListener('beforeprint', () => this.#preparePrint());
    addEventListener('afterprint', () => this.#followUrl());
    const panel = this.querySelector<HTMLElement>('[data-presenter]')!;
    if (this.#mode.view === 'presenter') this.#presenter = new PresenterPanel(panel);
    this.#updatePresenter();
    this.#sync = new DeckSync(
      this.dataset['lessonId']!,
      (s) => this.#adopt(s),
      () => this.#state(),
    );
  }

  /** Carries out one deck action (from a key or a button). */
  act(action: DeckAction): void {
    const moves: Partial<Record<DeckAction, () => Position>> = {
      next: () => nav.next(this.#pos, this.#shape),
      prev: () => nav.prev(this.#pos, this.#shape),
      first: nav.first,
      last: () => nav.last(this.#shape),
    };
    const move = moves[action];
    if (move) return this.go(move());
    if (action === 'blackout') return this.#setBlackout(!this.#blackout, true);
    if (action === 'fullscreen') return void this.#toggleFullscreen();
    if (action === 'presenter')
      return void open(viewUrl('presenter', this.#pos), `presenter-${this.dataset['lessonId']}`);
    const dialog = this.#dialog(action);
    if (action === 'overview')
      renderOverview(dialog, this.#slides, this.#pos.slide, (i) => this.go({ slide: i, step: 0 }));
    else if (action === 'goto')
      askSlideNumber(dialog, this.#slides.length, (i) => this.go({ slide: i, step: 0 }));
    else if (action === 'help') dialog.showModal();
  }

  /** Moves to a moment, adding a history entry, and tells the other windows. */
  go(pos: Position): void {
    this.#show(pos, { history: 'push', announce: true });
    this.#sync?.show(this.#state());
  }

  #state(): SharedState {
    return { position: this.#pos, blackout: this.#blackout };
  }

  #adopt(s: SharedState): void {
    this.#show(s.position, { history: 'replace', announce: true });
    this.#setBlackout(s.blackout, false);
  }

  #show(target: Position, how: { history: 'push' | 'replace'; announce: boolean }): void {
    const pos = nav.clamp(target, this.#shape);
    const changed = !nav.samePosition(pos, this.#pos);
    const hadFocus = this.#slides[this.#pos.slide]?.el.contains(document.activeElement) ?? false;
    this.#pos = pos;
    showPosition(this.#slides, pos);
    const slide = this.#slides[pos.slide]!;
    if (location.hash !== nav.formatHash(pos)) {
      const url = `${location.pathname}${location.search}${nav.formatHash(pos)}`;
      if (how.history === 'push' && changed) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    // Focus inside a slide that just became inert would be lost; keep it on the deck.
    if (hadFocus && !slide.el.contains(document.activeElement))
      slide.el.focus({ preventScroll: true });
    showStatus(this, this.#slides, pos, how.announce && changed);
    this.#updatePresenter();
  }

  #fromUrl(): Position | undefined {
    const target = nav.parseHash(location.hash);
    if (target.kind === 'position') return target.position;
    if (target.kind === 'none') return undefined;
    const el = document.getElementById(target.id);
    const at = el ? this.#slides.findIndex((s) => s.el.contains(el)) : -1;
    return at >= 0 ? { slide: at, step: 0 } : undefined;
  }

  #followUrl(): void {
    document.documentElement.dataset['deckView'] = this.#mode.view;
    const pos = this.#fromUrl() ?? nav.first();
    if (nav.samePosition(pos, this.#pos)) return showPosition(this.#slides, pos);
    this.#show(pos, { history: 'replace', announce: true });
    this.#sync?.show(this.#state());
  }

  #updatePresenter(): void {
    if (!this.#presenter) return;
    const after = nav.next(this.#pos, this.#shape);
    this.#presenter.update(
      this.#slides[this.#pos.slide]!,
      nav.samePosition(after, this.#pos) ? undefined : after,
    );
  }

  #setBlackout(on: boolean, broadcast: boolean): void {
    if (on === this.#blackout) return;
    this.#blackout = on;
    this.querySelector<HTMLElement>('[data-deck-blackout]')!.hidden = !on;
    say(this, on ? 'Screen blacked out. Press any key to return.' : 'Screen back.');
    if (broadcast) this.#sync?.show(this.#state());
  }

  async #toggleFullscreen(): Promise<void> {
    if (document.fullscreenElement) await document.exitFullscreen();
    else await document.documentElement.requestFullscreen().catch(() => undefined);
  }

  #dialog(name: string): HTMLDialogElement {
    return this.querySelector<HTMLDialogElement>(`[data-deck-dialog="${name}"]`)!;
  }

  #wireControls(): void {
    for (const d of this.querySelectorAll<HTMLDialogElement>('[data-deck-dialog]')) wireDialog(d);
    for (const b of this.querySelectorAll<HTMLButtonElement>('button[data-deck]'))
      b.addEventListener('click', () => this.act(b.dataset['deck'] as DeckAction));
    this.querySelector('[data-deck-blackout]')!.addEventListener('click', () =>
      this.#setBlackout(false, true),
    );
    listenForShortcuts({
      act: (a) => this.act(a),
      blackedOut: () => this.#blackout,
      unblack: () => this.#setBlackout(false, true),
    });
  }

  #preparePrint(): void {
    document.documentElement.dataset['deckView'] = 'print';
    showPosition(this.#slides, { slide: -1, step: 0 });
    for (const s of this.#slides) s.el.hidden = s.el.inert = false;
    fitForPrint(this.#slides.map((s) => s.el));
  }
}
