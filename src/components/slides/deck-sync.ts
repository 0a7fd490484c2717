import { channelName, parseSyncMessage, type SyncMessage } from '../../course/slides/sync.ts';
import type { Position } from '../../course/slides/position.ts';

/** What a window shares with the others: where it is and whether the screen is black. */
export interface SharedState {
  readonly position: Position;
  readonly blackout: boolean;
}

/**
 * Keeps the windows showing one lesson's deck together (audience and presenter, in any number).
 * A window posts every moment it moves to; a newly opened one says hello, and the others answer
 * with where they are, so the newcomer joins the running talk rather than resetting it.
 */
export class DeckSync {
  readonly #id = crypto.randomUUID();
  readonly #channel: BroadcastChannel;
  readonly #onShow: (state: SharedState) => void;
  readonly #current: () => SharedState;

  constructor(lessonId: string, onShow: (s: SharedState) => void, current: () => SharedState) {
    this.#onShow = onShow;
    this.#current = current;
    this.#channel = new BroadcastChannel(channelName(lessonId));
    this.#channel.addEventListener('message', (e: MessageEvent) => this.#receive(e.data));
    this.#post({ type: 'hello', from: this.#id });
  }

  /** Tells the other windows where this one is now (after a change made here). */
  show(state: SharedState): void {
    this.#post({ type: 'show', from: this.#id, ...state });
  }

  #post(m: SyncMessage): void {
    this.#channel.postMessage(m);
  }

  #receive(data: unknown): void {
    const m = parseSyncMessage(data);
    if (!m || m.from === this.#id) return;
    if (m.type === 'hello') this.show(this.#current());
    else this.#onShow({ position: m.position, blackout: m.blackout });
  }
}
