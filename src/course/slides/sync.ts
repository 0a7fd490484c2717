import type { Position } from './position.ts';

/**
 * Messages between the windows showing one deck (audience and presenter), over a
 * BroadcastChannel named per lesson. Every window both sends and obeys, so either can drive.
 * - `show`: "I am now at this moment" (sent after a local change, and in answer to `hello`);
 * - `hello`: "I just opened; where are you?" (a new window adopts the answer).
 */
export type SyncMessage =
  | {
      readonly type: 'show';
      readonly from: string;
      readonly position: Position;
      readonly blackout: boolean;
    }
  | { readonly type: 'hello'; readonly from: string };

/** The channel name for a lesson's deck, so two decks open at once do not steer each other. */
export const channelName = (lessonId: string): string => `slides:${lessonId}`;

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Validates a message from the channel; anything malformed (another version, a stray post) is dropped. */
export function parseSyncMessage(data: unknown): SyncMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  if (typeof m['from'] !== 'string') return undefined;
  if (m['type'] === 'hello') return { type: 'hello', from: m['from'] };
  if (m['type'] !== 'show' || typeof m['blackout'] !== 'boolean') return undefined;
  const p = m['position'] as Record<string, unknown> | null;
  if (typeof p !== 'object' || p === null || !isCount(p['slide']) || !isCount(p['step']))
    return undefined;
  return {
    type: 'show',
    from: m['from'],
    position: { slide: p['slide'], step: p['step'] },
    blackout: m['blackout'],
  };
}
