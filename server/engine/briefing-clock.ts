/**
 * The facilitator's briefing names the clock's window ("the clock runs from 11:00 to 19:28"). Written
 * by hand it drifted from the clock twice, so the briefing says `{start}`, `{end}` and `{duration}`
 * and the scenario's `clock` fills them in at load. A window still written by hand must match the clock.
 */
import { parseClock } from './sim-time.ts';

export interface BriefingClock {
  start: string;
  end: string;
}

/** The placeholders a briefing may use, and what each becomes. */
const PLACEHOLDERS: Record<string, (clock: BriefingClock) => string> = {
  start: (c) => c.start,
  end: (c) => c.end,
  duration: (c) => durationText(c),
};

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;
/** A time window written out: "11:00 to 17:30", "11:00–17:30", "11:00 - 17:30". */
const WINDOW = /\b(\d{2}:\d{2})\s*(?:to|–|—|-)\s*(\d{2}:\d{2})\b/g;
/** The parts read aloud about the session; `doNotReveal` is about the real day's times, not the clock. */
const CLOCK_FIELDS = ['situation', 'roles', 'rules'] as const;

/** "8 h 28 min", "1 h", "50 min". */
export function durationText(clock: BriefingClock): string {
  const minutes = Math.round(((parseClock(clock.end) ?? 0) - (parseClock(clock.start) ?? 0)) / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Every field with its known placeholders filled (an unknown one is left as written: the check reports it). */
export function fillBriefing<B extends Record<string, string>>(briefing: B, clock: BriefingClock): B {
  const filled: Record<string, string> = {};
  for (const [field, text] of Object.entries(briefing)) {
    filled[field] = text.replace(PLACEHOLDER, (whole, name: string) => PLACEHOLDERS[name]?.(clock) ?? whole);
  }
  return filled as B;
}

/** What is wrong with a briefing as written: unknown placeholders, and a window that is not the clock's. */
export function briefingProblems(briefing: Record<string, string>, clock: BriefingClock): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  for (const [field, text] of Object.entries(briefing)) {
    for (const [, name] of text.matchAll(PLACEHOLDER)) {
      if (name !== undefined && !PLACEHOLDERS[name]) {
        problems.push({ field, message: `unknown placeholder {${name}}: a briefing may use ${Object.keys(PLACEHOLDERS).map((p) => `{${p}}`).join(', ')}` });
      }
    }
  }
  for (const field of CLOCK_FIELDS) {
    for (const [written, from, to] of briefing[field]?.matchAll(WINDOW) ?? []) {
      if (from !== clock.start || to !== clock.end) {
        problems.push({ field, message: `says "${written}" but the clock runs ${clock.start} to ${clock.end}: write "{start} to {end}" so it follows the clock` });
      }
    }
  }
  return problems;
}
