/** Pinned chat notes join a team's timeline, after the world's own lines of the same time. */
import { formatClock, type SimSeconds } from '../engine/index.ts';
import type { DebriefEvent } from '../protocol/debrief.ts';

/** The pinned messages of a chat, as timeline notes. */
export const pinnedNotes = (chat: readonly { at: SimSeconds; name: string; text: string; pinned: boolean }[]) =>
  chat.filter((m) => m.pinned).map((m) => ({ at: m.at, name: m.name, text: m.text }));

export function withNotes(timeline: readonly DebriefEvent[], notes: readonly { at: SimSeconds; name: string; text: string }[]): DebriefEvent[] {
  const lines: DebriefEvent[] = notes.map((n) => ({
    entry: null, at: n.at, clock: formatClock(n.at), kind: 'note', ref: n.name, title: `Note by ${n.name}`, detail: n.text,
    settlesAt: null, settlesClock: null, outcome: null, correct: null, penalty: 0,
  }));
  // Stable sort: world lines keep their entry order, notes keep their chat order.
  return [...timeline, ...lines].sort((a, b) => a.at - b.at || Number(a.entry === null) - Number(b.entry === null) || (a.entry ?? 0) - (b.entry ?? 0));
}
