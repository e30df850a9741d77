/**
 * What the server sends: one type per view. Type-only imports from the engine, so the client
 * bundle pulls in no server code. Every view is produced by the session's visibility function.
 */
import type {
  ActionKind, ActionRecord, DiagnosisOptionView, FeedEntry, InvestigationRecord, LeadView, MarkerCondition, Markers, ParamSpec, Runbook,
  RunbookAction, RunbookInvestigation, Sample, ScoreBreakdown, SignalSpec, StuckState, TeamDiagnosis, TeamInvestigation, TeamObservation, TruthObservation, TruthReport,
} from '../engine/index.ts';

export type {
  ActionKind, ActionRecord, DiagnosisOptionView, FeedEntry, InvestigationRecord, LeadView, Markers, ParamSpec, Runbook,
  RunbookAction, RunbookInvestigation, Sample, ScoreBreakdown, SignalSpec, StuckState, TeamDiagnosis, TeamInvestigation, TeamObservation, TruthObservation, TruthReport,
};

import type { SessionMode } from './session-mode.ts';

export type { SessionMode };
export type SessionStatus = 'lobby' | 'running' | 'paused' | 'ended';

export const TEAM_ROLES = ['commander', 'operations', 'investigator', 'communications'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** Who seats people who join after the clock has started: the host ('assigned', the default) or they themselves ('open'). */
export const LATE_JOINER_POLICIES = ['assigned', 'open'] as const;
export type LateJoinerPolicy = (typeof LATE_JOINER_POLICIES)[number];

/** The shared sim clock. Clients interpolate between ticks: simTime + (now − sentAt) × speed while running. */
export interface ClockState {
  status: SessionStatus;
  /** Sim seconds since 00:00 UTC of the scenario day. */
  simTime: number;
  /** Sim seconds per real second (1–60). */
  speed: number;
  start: number;
  end: number;
  /** Server wall clock (ms) when this state was computed. */
  sentAt: number;
  /**
   * Teams the host rewound alone: how many sim seconds each one's clock runs behind `simTime`
   * (a team's time is simTime − lag; its run stops at end − lag). Absent when no team is behind.
   */
  teamLags?: Record<string, number>;
}

export interface TeamInfo {
  id: string;
  name: string;
}

export interface PlayerInfo {
  id: string;
  name: string;
  teamId: string | null;
  role: TeamRole | null;
  connected: boolean;
}

export interface LobbyState {
  code: string;
  teams: TeamInfo[];
  players: PlayerInfo[];
}

/** A scenario as listed on the landing page and by GET /api/scenarios. Spoils nothing. */
export interface ScenarioSummary {
  id: string;
  title: string;
  summary: string;
  difficulty: 'introductory' | 'intermediate' | 'advanced';
  date: string;
  /** "HH:MM" UTC. */
  start: string;
  end: string;
  durationMinutes: number;
  /** The speed the scenario suggests (sim minutes per real minute), when it declares one. */
  suggestedSpeed: number | null;
  /** The scenario declares fictional names: a host may run it disguised (`CreateSessionRequest.disguise`). */
  disguisable: boolean;
}

/**
 * What a responder needs to draw dashboards. No answers, no real timeline, no penalties, and no
 * catalogue of tools: what the team may use is its world's `runbook` (only what it has unlocked).
 */
export interface PublicScenario extends ScenarioSummary {
  regions: { id: string; label: string }[];
  signals: SignalSpec[];
}

/**
 * The facilitator also gets the whole catalogue (every investigation, action and diagnosis option,
 * locked or not, with the internal `category` scoring uses), every lead a team can find, the inject
 * library and the real timeline (ghost markers on charts).
 */
export interface HostScenario extends PublicScenario {
  investigations: { id: string; title: string; description: string; durationMinutes: number; params: ParamSpec[] }[];
  actions: { id: string; title: string; description: string; category: string; kind: ActionKind; delayMinutes: number; params: ParamSpec[] }[];
  diagnosis: { triggers: { id: string; label: string }[]; mechanisms: { id: string; label: string }[] };
  /** Everything a team can find out, by id. */
  leads: { id: string; kind: string; label: string }[];
  /** `skipTo`: sending it also moves the session's clock on to that time ("HH:MM"), for every team. */
  injects: { id: string; title: string; text: string; hint: boolean; at: string | null; skipTo: string | null }[];
  realTimeline: { at: string; text: string; source: string }[];
  milestones: { id: string; label: string; real: string }[];
  /** With their conditions, so mission control can show a marker "confirming…" (engine confirmingMarkers). */
  markerRules: (MarkerCondition & { label: string; real: string | null })[];
  /** What the facilitator reads to the room before starting (scenario.json `briefing`). */
  briefing: { situation: string; roles: string; rules: string; doNotReveal: string } | null;
  /** What a hint costs the team that gets it, in debrief points (scoring.hintPenalty). */
  hintPenalty: number;
  correctDiagnosis: { trigger: string; mechanism: string };
}

export interface ChatMessage {
  seq: number;
  /** Sim time it was posted. */
  at: number;
  playerId: string;
  name: string;
  text: string;
  /** A pinned note appears on the team's timeline. */
  pinned: boolean;
  /** A branch's message carried over from its parent session (posted before the branch point). */
  inherited?: true;
}

/** Marks what a branch carried over from its parent session: the world as it stood at the branch point. */
export interface InheritedMark {
  inherited?: true;
}

type Marked<T> = T & InheritedMark;

/**
 * A world as a console draws it: the engine's observation, with `inherited: true` on the feed
 * entries, actions, investigations, diagnoses and leads a branch carried over from its parent
 * (never set outside branches). The engine's observe() itself knows nothing of branches.
 */
export type ConsoleObservation<O extends TeamObservation | TruthObservation> = Omit<O, 'feed' | 'actions' | 'investigations' | 'diagnoses' | 'leads'> & {
  feed: Marked<FeedEntry>[];
  actions: Marked<ActionRecord>[];
  investigations: Marked<InvestigationRecord>[];
  diagnoses: Marked<O['diagnoses'][number]>[];
  leads: Marked<LeadView>[];
};

/** Set on a branch's snapshots: where it came from (sim seconds of the branch point). */
export interface BranchInfo {
  parentSessionId: string;
  parentTeamId: string;
  at: number;
  /** The parent's join code in display form, for "Branch of K7QX-2M at 12:00" (absent if the parent is gone). */
  parentCode?: string;
}

/** Everything a responder's browser holds. Sent whole on join, resume and resync. */
export interface TeamSnapshot {
  kind: 'team';
  sessionId: string;
  mode: SessionMode;
  scenario: PublicScenario;
  clock: ClockState;
  lobby: LobbyState;
  you: PlayerInfo;
  /** Null while the responder waits for the host to assign a team. */
  team: TeamInfo | null;
  world: ConsoleObservation<TeamObservation> | null;
  /** Present on a branch. */
  branch?: BranchInfo;
  chat: ChatMessage[];
  /** The last session log sequence this snapshot includes. */
  seq: number;
  /** Set when the session is played disguised: every name in this snapshot is one of the scenario's aliases. */
  disguised?: true;
}

/** One runbook section's change: the ids of all its items in order, and the items new or changed since the previous delta. */
export interface RunbookSectionChange<T> {
  ids: string[];
  items: T[];
}

/** The sections of a runbook that changed (a lead unlocked a tool, an option or a diagnosis choice); the others are as held. */
export interface RunbookChange {
  investigations?: RunbookSectionChange<RunbookInvestigation>;
  actions?: RunbookSectionChange<RunbookAction>;
  triggers?: RunbookSectionChange<DiagnosisOptionView>;
  components?: RunbookSectionChange<DiagnosisOptionView>;
  mechanisms?: RunbookSectionChange<DiagnosisOptionView>;
}

/** A sample on the wire: its sim time, then each signal's value in the order of the scenario's `signals` (sample-rows.ts). */
export type SampleRow = number[];

/**
 * A compact per-tick change for one team: only what is new or changed since the previous tick.
 * A command's record reaches the team in the next tick's delta (within a second), not at once.
 */
export interface TeamDelta {
  teamId: string;
  t: number;
  ended: boolean;
  /** Samples taken since the previous delta, oldest first, as rows in signal order (merge by `t`). */
  samples: SampleRow[];
  /** Feed entries since the previous delta (merge by `entry`). */
  feed: FeedEntry[];
  /** Records added or changed (status) since the previous delta; merge by `entry` (in a branch, with their inherited marks). */
  actions?: Marked<ActionRecord>[];
  investigations?: Marked<TeamInvestigation>[];
  diagnoses?: Marked<TeamDiagnosis>[];
  /** Leads found since the previous delta, in the order found (leads are only ever added; merge by `id`). */
  leads?: Marked<LeadView>[];
  /** Present when a lead unlocked something: the runbook sections that changed (merge with mergeRunbook). */
  runbook?: RunbookChange;
  /** Server wall clock (ms) when the delta was sent (added: measures fan-out latency; always set). */
  sentAt?: number;
}

/** The facilitator's delta for a team carries the truth as well: `truth` and `markers` when they changed. */
export interface HostTeamDelta extends Omit<TeamDelta, 'diagnoses' | 'investigations'> {
  /** With what each finding showed (`shows`), which a team never sees. */
  investigations?: Marked<InvestigationRecord>[];
  diagnoses?: Marked<TruthObservation['diagnoses'][number]>[];
  truth?: TruthReport;
  markers?: Markers;
  /** Sent with `truth` (when either changed): the team's stuck state, null when it is not stuck. */
  stuck?: StuckState | null;
}

/**
 * 'network-address': the host opened a loopback URL, so joinUrl uses this machine's first
 * network address instead; 'loopback-only': the server listens on loopback only, phones cannot
 * reach it; 'public-url': PUBLIC_URL; 'request': the address the host's browser used.
 */
export interface JoinLinks {
  source: 'public-url' | 'request' | 'network-address' | 'loopback-only';
  /** Join URLs on this machine's other addresses. */
  alternatives: string[];
}

export interface HostSnapshot {
  kind: 'host';
  sessionId: string;
  mode: SessionMode;
  scenario: HostScenario;
  clock: ClockState;
  lobby: LobbyState;
  joinUrl: string;
  /** How joinUrl was chosen and the other addresses to offer (set by the transport on attach/resync). */
  joinLinks?: JoinLinks;
  teams: { team: TeamInfo; world: ConsoleObservation<TruthObservation>; chat: ChatMessage[] }[];
  /** Present on a branch. */
  branch?: BranchInfo;
  seq: number;
  /** Set when the session is played disguised: what responders and the room see instead of the real names. */
  disguise?: HostDisguise;
}

/**
 * A disguised session's fictional set: the facilitator sees it from the start, the room once the
 * session has ended, the debrief and its exports always. `aliases` pair each real name with its alias.
 */
export interface DisguiseReveal {
  title: string;
  summary: string;
  /** The fictional day, YYYY-MM-DD. */
  date: string;
  realTitle: string;
  realDate: string;
  aliases: { real: string; alias: string }[];
}

/** The facilitator's: also the briefing in the aliases, for the lobby on the projector (never its "do not reveal" part). */
export interface HostDisguise extends DisguiseReveal {
  briefing: { situation: string; roles: string; rules: string } | null;
}

/** Links to the debrief once the session has ended (permalink, JSON and Markdown exports). */
export interface DebriefLinks {
  page: string;
  json: string;
  markdown: string;
}

/**
 * The projector's view of a session (`GET /api/rooms/:code`): what a whole room may see at once.
 * Never the truth — no root cause, no correct diagnosis, no real timeline, no hidden state — and,
 * until the session ends, no score, rank, points, milestone or verdict either.
 */
export interface RoomView {
  code: string;
  scenario: ScenarioSummary;
  clock: ClockState;
  /** Present while the lobby is open, so the room can scan the QR code. */
  joinUrl: string | null;
  /** The signal the sparklines draw (the scenario's impact signal, e.g. HTTP 5xx). */
  sparkline: { label: string; unit: SignalSpec['unit'] };
  teams: RoomTeam[];
  /** Injects every team received (sent to all at once or to each in turn), newest first. */
  injects: RoomInject[];
  /** Null while the session runs; once it has ended, each team's place and score from its debrief, best first. */
  ranking: RoomRank[] | null;
  /** Played disguised: every name here is one of the scenario's aliases. */
  disguised: boolean;
  /** A disguised session once it has ended: what each alias stood for. Null otherwise. */
  reveal: DisguiseReveal | null;
}

export interface RoomTeam {
  id: string;
  name: string;
  /** The names of the responders seated in the team. */
  players: string[];
  firing: number;
  /** The sparkline signal, at most 120 points over the team's run so far. */
  sparkline: number[];
  /** The latest update the team published on its public status page, if any. */
  statusMessage: { at: number; text: string } | null;
  /** Sim seconds the team's own clock runs behind the session's (the host rewound it alone); 0 when in step. */
  behind: number;
}

export interface RoomInject {
  /** When the last team received it (sim seconds). */
  at: number;
  title: string;
  text: string;
}

/** A team's result on the room screen once the session has ended (from its debrief). */
export interface RoomRank {
  teamId: string;
  name: string;
  /** 1 = best; equal scores share a place. */
  rank: number;
  score: number;
  /** Points above (+) or below (−) the real responders' run over the same time. */
  vsReal: number;
}
