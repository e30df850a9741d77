/**
 * A rewound team's abandoned stretches for the debrief: each rewind's line (the commands the team
 * had when rewound) is replayed to the moment of the rewind and its timeline from `to` on is what
 * was abandoned, with the notes pinned on it. None of it is scored (docs/scoring.md "Rewinds").
 */
import { formatClock, runCommands, type Scenario, type World } from '../engine/index.ts';
import type { DebriefRewind, DebriefSignal } from '../protocol/debrief.ts';
import type { SessionMode } from '../protocol/views.ts';
import type { DebriefTeamInput } from './debrief-input.ts';
import { summarizeRun } from './run-summary.ts';
import { withNotes } from './with-notes.ts';

export function abandonedLines(
  scenario: Scenario, seed: number, mode: SessionMode, team: DebriefTeamInput, reference: World, signals: readonly DebriefSignal[],
): DebriefRewind[] {
  return (team.rewinds ?? []).map((r) => {
    const { world } = runCommands(scenario, seed, r.line, r.at, { mode });
    const { timeline } = summarizeRun(scenario, team.name, world, reference, signals);
    const abandoned = withNotes(timeline.filter((e) => e.at >= r.to), r.notes ?? []);
    return { at: r.at, clock: formatClock(r.at), to: r.to, toClock: formatClock(r.to), abandoned };
  });
}
