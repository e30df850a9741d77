/** What the debrief is built from: the scenario, the seed and each team's logged commands. */
import type { Scenario, SimSeconds, TimedCommand } from '../engine/index.ts';
import type { DebriefLineage, DebriefSessionInfo } from '../protocol/debrief.ts';
import type { SessionMode } from '../protocol/views.ts';
import type { ReviewInput } from './team-reviews.ts';

export interface DebriefTeamInput {
  id: string;
  name: string;
  players: { name: string; role?: string | null }[];
  /** The team's acknowledged commands, as engine runCommands takes them (host injects included). */
  commands: readonly TimedCommand[];
  /** Chat messages the team pinned: they appear on its timeline (they never change its world). */
  notes?: readonly { at: SimSeconds; name: string; text: string }[];
  /** The team's own end when the host rewound it alone (its clock ran behind the session's); default the session's endAt. */
  endAt?: SimSeconds;
  /** The host's rewinds of this team: `line` is every command it had when rewound at `at` back to `to`. */
  rewinds?: readonly { at: SimSeconds; to: SimSeconds; line: readonly TimedCommand[]; notes?: readonly { at: SimSeconds; name: string; text: string }[] }[];
}

export interface DebriefInput {
  scenario: Scenario;
  seed: number;
  /** The session's mode: every team world is rebuilt with it (default realistic). */
  mode?: SessionMode;
  session: DebriefSessionInfo;
  teams: readonly DebriefTeamInput[];
  /** Sim time the session ended at; clamped to the scenario's clock window. */
  endAt: SimSeconds;
  /** Parent and children (branches); none when absent. */
  lineage?: DebriefLineage;
  /** Set when the session is a branch: every run is then scored from `at` on (docs/scoring.md). */
  branch?: BranchDebriefInput;
  /** Played disguised: the debrief says what each alias stood for (disguise-reveal.ts). */
  disguised?: boolean;
  /** The facilitator's review after the end (log `review` entries), every team's. */
  reviews?: readonly ReviewInput[];
}

export interface BranchDebriefInput {
  at: SimSeconds;
  parentSessionId: string;
  parentTeamId: string;
  /** The parent team's run: its name, every command its world accepted, and where it stands (its end, or its present). Null when the parent is gone. */
  parent: { name: string; commands: readonly TimedCommand[]; until: SimSeconds } | null;
}
