/**
 * The score breakdown: every term with the rule that gives its points, grouped by the objectives
 * of an after-action review, so a person can recompute the total by hand (docs/scoring.md).
 */
import type { DiagnosisPart, ObjectiveId, StatusState } from './scenario-definition.ts';
import type { SimSeconds } from './sim-time.ts';

export interface MilestoneScore {
  id: string;
  label: string;
  objective: ObjectiveId;
  real: SimSeconds;
  /** The time credited to the team (after the rules below); null when not reached. */
  team: SimSeconds | null;
  /** Positive: the team was ahead of the real responders. */
  minutesAhead: number | null;
  points: number;
  /** Points for matching the real time: earlier earns more, without a cap; later less, down to 0. */
  weight: number;
  rule: string;
  /**
   * `moot`: the team's own earlier action made it unnecessary (no alert because no customer was
   * hit…): met at the best value. `after-fix`: reached inside a natural good window, credited only
   * from when the team's fix took effect.
   */
  credit?: 'moot' | 'after-fix';
  /** Recoveries of this milestone's marker that relapsed before the end: their credit is withdrawn. */
  relapses?: { recoveredAt: SimSeconds; relapsedAt: SimSeconds }[];
  /** Reached before the scoring window's start (a branch point): the run it was inherited from scored it, so 0 here. */
  inherited?: true;
}

export type PenaltyKind = 'wrong-diagnosis' | 'partial-diagnosis' | 'unsupported-diagnosis' | 'action' | 'rollback' | 'hint';

/** A cost, with its sim time and the reason a trainer would accept. */
export interface Penalty {
  kind: PenaltyKind;
  objective: ObjectiveId;
  reason: string;
  at: SimSeconds;
  points: number;
  /** The world entry it is about (action, diagnosis, inject), when there is one. */
  entry?: number;
}

export interface ImpactSignalScore {
  signal: string;
  label: string;
  weight: number;
  baseline: number;
  op: 'above' | 'below';
  /** Unit × minutes beyond the baseline: the team's run, the real responders', and doing nothing at all. */
  team: number;
  reference: number;
  noAction: number;
}

export interface ImpactScore {
  /** The headline signal (the debrief's first curve) and its baseline. */
  signal: string;
  baseline: number;
  /** Every customer-facing signal's area. */
  signals: ImpactSignalScore[];
  /** Weighted customer impact (Σ weight × area) of the team's run, the real responders' run and the no-action run. */
  errorMinutes: number;
  referenceErrorMinutes: number;
  noActionErrorMinutes: number;
  /** Impact avoided against doing nothing, as a share of what the real responders avoided (1 = as well as they did). */
  avoidedShare: number;
  points: number;
  weight: number;
  rule: string;
}

export type PostVerdictKind = 'accurate' | 'incomplete' | 'neutral' | 'early' | 'resolved-while-failing' | 'premature-state' | 'no-component' | 'inaccurate';

/** One status post, judged against what the model knew was true when it was published. */
export interface PostVerdict {
  entry: number;
  requestedAt: SimSeconds;
  /** When customers could read it. */
  at: SimSeconds;
  state: StatusState;
  components: string[];
  message: string;
  /** Components failing at that minute (within the lookback). */
  failing: string[];
  verdict: PostVerdictKind;
  /** Each judgement with its points (positive earns, negative costs). */
  lines: { reason: string; points: number }[];
  points: number;
  /** The first accurate post (it starts the first-update milestone). */
  first?: true;
  /** The facilitator's verdict, which replaces the automatic one. */
  facilitator?: { verdict: 'accurate' | 'inaccurate'; reason: string };
}

export interface CommsScore {
  cadenceMinutes: number;
  /** When customers were first hit and when the last failure ended (null: never hit / still failing). */
  impactFrom: SimSeconds | null;
  impactTo: SimSeconds | null;
  posts: PostVerdict[];
  /** When the first accurate post was published (also before a branch point: it starts the first-update milestone). */
  firstAccurateAt: SimSeconds | null;
  /** Silences longer than the cadence while customers were hit. */
  gaps: { from: SimSeconds; to: SimSeconds; minutes: number; points: number; reason: string }[];
  points: number;
}

/** One cited finding of a diagnosis and what its data showed (observation labels). */
export interface CitedFinding {
  id: string;
  investigation: string;
  title: string;
  at: SimSeconds;
  shows: string[];
}

export interface DiagnosisVerdict {
  entry: number;
  at: SimSeconds;
  trigger: string;
  component: string | null;
  mechanism: string;
  text: string;
  cited: CitedFinding[];
  /** `right-unsupported`: right, but the attached findings do not back it (a guess: no credit). */
  verdict: 'right' | 'right-unsupported' | 'partly-right' | 'wrong';
  /** Per part: right or not, supported or not, and the observations of the cited findings that back it. */
  parts: { part: DiagnosisPart; right: boolean; supported: boolean; shownBy: string[] }[];
  /** What it cost (the n-th wrong or unsupported submission costs n × the base). */
  penalty: number;
  /** It started the diagnosis milestone. */
  credited: boolean;
  facilitator?: { verdict: 'right' | 'wrong'; reason: string };
}

/** Points the facilitator awarded (positive) or removed (negative), with the reason: logged in the session. */
export interface Adjustment {
  seq: number;
  points: number;
  reason: string;
  objective: ObjectiveId | null;
}

export interface ObjectiveScore {
  id: ObjectiveId;
  label: string;
  points: number;
}

export interface ScoreBreakdown {
  total: number;
  milestones: MilestoneScore[];
  impact: ImpactScore;
  /** Null when the scenario has no status page to judge posts against. */
  comms: CommsScore | null;
  diagnoses: DiagnosisVerdict[];
  penalties: Penalty[];
  adjustments: Adjustment[];
  /** The total split by objective (facilitator adjustments without one are apart). */
  objectives: ObjectiveScore[];
  subtotals: { milestones: number; impact: number; comms: number; penalties: number; adjustments: number };
  /** The sum written out, e.g. "milestones 300 + impact 200 + comms 12 − penalties 50 + facilitator 0 = 462". */
  formula: string;
  /** Set when only the run from this sim time on was scored (a branch: see docs/scoring.md). */
  from?: SimSeconds;
}

/** Which stretch of a run is scored. `from` (a branch point): see docs/scoring.md, "Branches". */
export interface ScoreWindow {
  from?: SimSeconds;
}

/** The facilitator's review of one team after the end (log `review` entries), as scoring applies it. */
export interface ScoreReviews {
  /** Diagnosis entry → the facilitator's mark on it (the latest one). */
  diagnoses?: Record<number, { verdict: 'right' | 'wrong'; reason: string }>;
  /** Status post (action entry) → the facilitator's verdict. */
  posts?: Record<number, { verdict: 'accurate' | 'inaccurate'; reason: string }>;
  points?: Adjustment[];
}

export const OBJECTIVE_LABELS: Record<ObjectiveId, string> = {
  detect: 'Detect',
  mitigate: 'Triage and mitigate impact',
  diagnose: 'Diagnose',
  communicate: 'Communicate',
  recover: 'Recover',
  'avoid-harm': 'Avoid harm',
};
