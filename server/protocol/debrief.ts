/**
 * The debrief document: what GET /api/sessions/:id/debrief.json serves and the debrief page draws.
 * Built by server/debrief from the scenario, the seed and each team's logged commands (nothing is
 * recorded twice), so it is the same after a restart. Type-only: the client imports it with
 * `import type`. Times are sim seconds since 00:00 UTC of the scenario day, with an "HH:MM" twin
 * wherever a person reads them.
 */
import type { ObjectiveId, ScoreBreakdown, SignalSpec, TruthReport } from '../engine/index.ts';
import type { DisguiseReveal, SessionMode } from './views.ts';

/** /2: the after-action review (objectives, comms judged, risks, facilitator review and improvement plan). */
export type DebriefFormat = 'incident-tabletop-debrief/2';

export interface DebriefSessionInfo {
  id: string;
  /** Join code in display form (e.g. "K7QX-2M"), when known. */
  code: string | null;
  /** Wall-clock ISO times, when known. */
  createdAt: string | null;
  endedAt: string | null;
  /** Sim minutes per real minute the session ran at, when known. */
  speed: number | null;
}

/** A curve drawn in the debrief. `impact`: the signal whose area counts as customer impact. */
export interface DebriefSignal extends Pick<SignalSpec, 'id' | 'label' | 'panel' | 'unit' | 'thresholds'> {
  impact: boolean;
}

export type DebriefEventKind = 'action' | 'investigation' | 'diagnosis' | 'inject' | 'alert' | 'note';

/** One line of a run's timeline. Actions and investigations settle later (`settlesAt`). */
export interface DebriefEvent {
  /** The world's entry number (unique within a run, in the order things happened); null for a pinned chat note. */
  entry: number | null;
  at: number;
  clock: string;
  kind: DebriefEventKind;
  /** The action / investigation / alert rule id, the diagnosis "trigger/mechanism", or a note's author. */
  ref: string;
  title: string;
  /** Parameters, free text of a diagnosis, or the inject's text. */
  detail: string;
  /** When an action took effect or an investigation returned; null if it had not by the end. */
  settlesAt: number | null;
  settlesClock: string | null;
  /** The action's outcome or the evidence's summary, once settled. */
  outcome: string | null;
  /** Diagnoses only. */
  correct: boolean | null;
  /** Points this line cost (wrong diagnosis, penalised action, hint), 0 otherwise. */
  penalty: number;
  /** A branch's line from before the branch point: the parent team's, carried over (not scored again). */
  inherited?: true;
}

export interface DebriefMilestone {
  id: string;
  label: string;
  objective: ObjectiveId;
  real: number;
  realClock: string;
  team: number | null;
  teamClock: string | null;
  /** Positive: ahead of the real responders; null: not reached. */
  minutesAhead: number | null;
  verdict: 'ahead' | 'on-time' | 'behind' | 'missed';
  points: number;
  /** Points for matching the real time (earlier earns more, without a cap). */
  weight: number;
  /** How the points were computed. */
  rule: string;
  /** `moot`: the team's own earlier action made it unnecessary (met at its best value); `after-fix`: credited from when the team's fix took effect. */
  credit?: 'moot' | 'after-fix';
  /** Recoveries that relapsed before the end ("recovered 14:30, relapsed 15:36"): no credit for them. */
  relapses?: string[];
  /** A branch's milestone reached before the branch point: the parent team's (see docs/scoring.md). */
  inherited?: true;
}

export interface DebriefLesson {
  id: string;
  title: string;
  text: string;
  /**
   * `acted`: the team did one of the lesson's actions, warranted by evidence it had then;
   * `unwarranted`: it did one, but without that evidence (a guess or a blind change); `tripped`:
   * it did one of the lesson's penalised actions (the detour it warns about); `avoided`: the
   * lesson warns against penalised actions and the team took none; `missed`: it did none of
   * them; `general`: the lesson names nothing to do during the incident.
   */
  status: 'acted' | 'unwarranted' | 'tripped' | 'avoided' | 'missed' | 'general';
  /**
   * `at`: the first time the team did it (null: never); `penalised`: the scenario charges points
   * for it; `warranted` (actions): the team's findings before it showed what warrants it.
   */
  related: { kind: 'action' | 'investigation'; id: string; title: string; at: number | null; clock: string | null; penalised: boolean; warranted: boolean | null }[];
  /** The team's findings that showed what the lesson is about (observation labels), if any. */
  evidence: { finding: string; title: string; clock: string; shows: string[] }[];
}

/** HSEEP's ratings of an objective. */
export type DebriefRating = 'P' | 'S' | 'M' | 'U';

/**
 * One objective of the after-action review (HSEEP, NIST SP 800-84): what was expected (good
 * practice, and what the real responders did and when), what the team did (from its log), its
 * strengths and areas for improvement, and a rating. `points`: its share of the total.
 */
export interface DebriefObjective {
  id: ObjectiveId;
  label: string;
  expected: string[];
  observed: string[];
  strengths: string[];
  improvements: string[];
  rating: DebriefRating;
  /** "Performed without challenges", … (HSEEP). */
  ratingLabel: string;
  points: number;
}

/** One entry of the facilitator's review log (docs/scoring.md, "Facilitator review"). */
export interface DebriefReviewEntry {
  /** The log sequence number (withdraw names it). */
  seq: number;
  /** Wall clock (ISO) when the facilitator made it. */
  at: string;
  kind: 'diagnosis' | 'status-post' | 'points' | 'improvement' | 'withdraw';
  /** What it says, in words ("Diagnosis 13:37 marked right: …"). */
  text: string;
  /** Taken back by a later `withdraw` entry (kept in the log, not applied). */
  withdrawn: boolean;
}

/** An item of the team's improvement plan, written by the facilitator. */
export interface DebriefImprovementItem {
  seq: number;
  what: string;
  owner: string;
  due: string;
  objective: ObjectiveId | null;
}

/** One run (a team's, or the reference plan's "ghost"), cut at the session's end. */
export interface DebriefRun {
  name: string;
  score: ScoreBreakdown;
  /** Signal id → values aligned with `Debrief.times`. */
  curves: Record<string, number[]>;
  timeline: DebriefEvent[];
  milestones: DebriefMilestone[];
  /** Marker id → "HH:MM", or null when it never happened. */
  markers: Record<string, string | null>;
  /** The hidden state at the end of this run. */
  truth: TruthReport;
}

export interface DebriefTeam extends DebriefRun {
  id: string;
  players: { name: string; role: string | null }[];
  /** 1 = best; ties share a rank. The ghost is not ranked. */
  rank: number;
  /** Total minus the reference run's total. */
  vsReference: number;
  lessons: DebriefLesson[];
  /** The after-action review, one entry per objective. */
  aar: DebriefObjective[];
  /** The facilitator's improvement plan for this team (withdrawn items left out). */
  improvementPlan: DebriefImprovementItem[];
  /** Every review entry about this team, oldest first (withdrawn ones marked). */
  reviewLog: DebriefReviewEntry[];
  /** Logged commands the engine refused on replay (expected to be empty). */
  refused: { at: number; clock: string; error: string }[];
  /**
   * The facilitator's rewinds of this team, oldest first: a facilitator intervention each, with the
   * abandoned stretch (what the team did and saw from `to` until it was rewound at `at`). Nothing in
   * an abandoned stretch is scored: the team's score is its final line (docs/scoring.md "Rewinds").
   */
  rewinds: DebriefRewind[];
  /** Where this team's run stops: the session's end, or earlier for a team rewound alone (its clock ran behind). */
  endedAt: number;
  endedClock: string;
}

export interface DebriefRewind {
  /** The team's sim time when the facilitator rewound it (the abandoned stretch ends here). */
  at: number;
  clock: string;
  /** The sim time it went back to. */
  to: number;
  toClock: string;
  /** The abandoned line's events from `to` to `at`, as a timeline shows them. */
  abandoned: DebriefEvent[];
}

export interface DebriefComparisonRow {
  /** Null for the ghost row (the real responders, i.e. the reference plan's run). */
  teamId: string | null;
  name: string;
  ghost: boolean;
  rank: number | null;
  total: number;
  vsReference: number;
  /** Aligned with `Debrief.milestones`. */
  milestones: { id: string; clock: string | null; minutesAhead: number | null }[];
  errorMinutes: number;
  penalties: number;
  wrongDiagnoses: number;
  actions: number;
}

/** A session at the other end of a branch: its join code and the team and moment of the branch. */
export interface DebriefLineageLink {
  sessionId: string;
  /** Display form, e.g. "K7QX-2M". */
  code: string;
  /** The parent's team that was branched (for a parent link: the team this session continues). */
  teamId: string;
  branchedAt: number;
  branchedClock: string;
}

export interface DebriefLineage {
  /** The session this one was branched from; null for an original session (or a parent no longer stored, see `parentGone`). */
  parent: DebriefLineageLink | null;
  /** True when this is a branch whose parent has since been deleted by retention. */
  parentGone?: true;
  /** Branches made from this session, oldest first. */
  children: (DebriefLineageLink & { ended: boolean })[];
}

/** A branch's comparison: the original team's run over the same window, the branch point marked. */
export interface DebriefBranch {
  at: number;
  clock: string;
  parentSessionId: string;
  parentTeamId: string;
  /**
   * The parent team's run from the scenario start to this debrief's `endedAt` (its curves on this
   * debrief's `times`), cut at the parent's own end (or present, while it runs) if that came first
   * — its curves are then shorter, and it is scored against the real responders cut just as early.
   * Scored from the branch point like the branch. Null when the parent is no longer stored.
   */
  parentRun: DebriefRun | null;
}

export interface Debrief {
  format: DebriefFormat;
  session: DebriefSessionInfo;
  scenario: { id: string; title: string; summary: string; date: string; difficulty: string; start: string; end: string };
  seed: number;
  /**
   * How much of the runbook the teams held (every team of a session plays the same mode, so they
   * are ranked within it). The ghost is the same in both: the real responders, replayed as they worked.
   */
  mode: SessionMode;
  /** Sim time the session ended at (the scenario's end, or earlier if the host ended it). */
  endedAt: number;
  endedClock: string;
  signals: DebriefSignal[];
  /** Sample times shared by every run's curves. */
  times: number[];
  milestones: { id: string; label: string; objective: ObjectiveId; real: number; realClock: string }[];
  /** The status page's components (posts name them) and cadence; null when the scenario has none. */
  statusPage: { cadenceMinutes: number; components: { id: string; label: string }[] } | null;
  realTimeline: { at: number; clock: string; text: string; source: string }[];
  whatHappened: string;
  lessons: { id: string; title: string; text: string }[];
  /** The real responders' run: the "as it happened" baseline. */
  reference: DebriefRun;
  /** In the session's team order. */
  teams: DebriefTeam[];
  /** Teams and the ghost row, best total first. */
  comparison: DebriefComparisonRow[];
  /** Parent and children of this session (branches). */
  lineage: DebriefLineage;
  /** Set when this session is a branch: the real responders' run is `reference`. */
  branch: DebriefBranch | null;
  /** Set when the session was played disguised: the names responders saw, and what each alias stood for. */
  disguise?: DisguiseReveal;
}
