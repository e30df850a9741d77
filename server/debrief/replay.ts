/**
 * Replay: a team's dashboard as it was at any sim time, recomputed from its logged commands with
 * engine runCommands (the same path the session and the debrief use) and seen through the team's
 * own visibility filter, so a replay never shows more than the team saw then.
 */
import { observe, runCommands, type Scenario, type SimSeconds, type TeamObservation, type TimedCommand } from '../engine/index.ts';
import { clampEnd } from './build-debrief.ts';
import { DEFAULT_SESSION_MODE, type SessionMode } from '../protocol/session-mode.ts';

export function replayAt(
  scenario: Scenario, seed: number, commands: readonly TimedCommand[], t: SimSeconds, sessionEnd?: SimSeconds, mode: SessionMode = DEFAULT_SESSION_MODE,
): TeamObservation {
  // Never past the session's end: a session ended early has no world after it.
  const until = clampEnd(scenario, sessionEnd === undefined ? t : Math.min(t, sessionEnd));
  const { world } = runCommands(scenario, seed, commands, until, { mode });
  return observe(scenario, world, { role: 'team' });
}
