/**
 * The socket.io protocol: every event, both directions, typed once and imported by the server
 * and the client. Documented in docs/protocol.md. Every client→server event takes an
 * acknowledgement callback that receives an `Ack`: `{ ok: true, ... }` or `{ ok: false, error }`
 * with a reason a person can act on.
 */
import type {
  ActRequest, CancelRequest, ChatRequest, ChooseTeamRequest, ClockControl, CreateSessionRequest, DiagnoseRequest, HostAttachRequest, HostBranchRequest,
  HostInjectRequest, HostRewindRequest, InvestigateRequest, JoinRequest, MovePlayerRequest, RenameTeamRequest, ResumeRequest, SetRoleRequest,
} from './payloads.ts';
import type {
  ChatMessage, ClockState, DebriefLinks, HostSnapshot, HostTeamDelta, LobbyState, TeamDelta, TeamSnapshot,
} from './views.ts';

export type AckError = { ok: false; error: string };
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError;
export type AckCallback<T extends object = object> = (ack: Ack<T>) => void;

/**
 * A team command's acknowledgement: `duplicate` when a retried clientActionId was already applied.
 * It never says whether a diagnosis is right; a refusal says why (busy until when, not available…).
 */
export type CommandAck = Ack<{ entry: number; seq: number; duplicate: boolean }>;

export interface CreatedSession {
  sessionId: string;
  /** Display form, e.g. "K7QX-2M". */
  code: string;
  hostSecret: string;
  joinUrl: string;
  hostUrl: string;
}

/** A new session branched from a moment of another (POST /api/sessions/:id/branches, host:branch). */
export interface BranchedSession extends CreatedSession {
  parentSessionId: string;
  /** Sim seconds since 00:00 UTC of the scenario day: the branch's clock starts paused here. */
  branchedAt: number;
}

export interface ClientToServerEvents {
  /** Also available as POST /api/sessions. */
  'session:create': (payload: CreateSessionRequest, ack: AckCallback<CreatedSession>) => void;
  'host:attach': (payload: HostAttachRequest, ack: AckCallback<{ snapshot: HostSnapshot }>) => void;
  'host:clock': (payload: ClockControl, ack: AckCallback<{ clock: ClockState }>) => void;
  'host:move-player': (payload: MovePlayerRequest, ack: AckCallback) => void;
  'host:rename-team': (payload: RenameTeamRequest, ack: AckCallback) => void;
  /** Also POST /api/sessions/:sessionId/branches. A host socket branches its own session by default. */
  'host:branch': (payload: HostBranchRequest, ack: AckCallback<BranchedSession>) => void;
  'host:inject': (payload: HostInjectRequest, ack: AckCallback<{ delivered: number }>) => void;
  /** Rewind one team (or every team, teamId null) to an earlier sim time; pauses the session. */
  'host:rewind': (payload: HostRewindRequest, ack: AckCallback<{ clock: ClockState }>) => void;
  'player:join': (payload: JoinRequest, ack: AckCallback<{ playerToken: string; snapshot: TeamSnapshot }>) => void;
  'player:resume': (payload: ResumeRequest, ack: AckCallback<{ snapshot: TeamSnapshot }>) => void;
  'player:choose-team': (payload: ChooseTeamRequest, ack: AckCallback) => void;
  'player:set-role': (payload: SetRoleRequest, ack: AckCallback) => void;
  /** Full state again (after a gap, or when the client doubts its state). Host or player. */
  'session:resync': (payload: Record<string, never>, ack: AckCallback<{ snapshot: TeamSnapshot | HostSnapshot }>) => void;
  'team:investigate': (payload: InvestigateRequest, ack: (ack: CommandAck) => void) => void;
  'team:act': (payload: ActRequest, ack: (ack: CommandAck) => void) => void;
  /** Stop a running investigation of the team (any teammate may): it returns nothing and frees its responder. */
  'team:cancel': (payload: CancelRequest, ack: (ack: CommandAck) => void) => void;
  'team:diagnose': (payload: DiagnoseRequest, ack: (ack: CommandAck) => void) => void;
  'team:chat': (payload: ChatRequest, ack: (ack: CommandAck) => void) => void;
}

export interface ServerToClientEvents {
  'session:clock': (clock: ClockState) => void;
  'session:lobby': (lobby: LobbyState) => void;
  /** The responder's own seat changed (moved by the host): resync follows in the same tick. */
  'session:snapshot': (snapshot: TeamSnapshot | HostSnapshot) => void;
  'team:delta': (delta: TeamDelta) => void;
  'team:chat': (message: ChatMessage) => void;
  'host:delta': (deltas: HostTeamDelta[]) => void;
  'host:chat': (message: ChatMessage & { teamId: string }) => void;
  'session:ended': (links: DebriefLinks) => void;
  /** The host rewound these teams (to the rewound team and to the host); a fresh snapshot follows for the team. */
  'team:rewound': (notice: RewoundNotice) => void;
  /** Something the server could not do on its own initiative (e.g. storage trouble). */
  'session:notice': (notice: { level: 'info' | 'warning'; text: string }) => void;
}

export interface RewoundNotice {
  /** Sim seconds the teams went back to. */
  to: number;
  by: 'facilitator';
  teamIds: string[];
}

export type InterServerEvents = Record<string, never>;

/** Who a socket is, set by host:attach / player:join / player:resume. */
export interface SocketData {
  sessionId?: string;
  hostOf?: string;
  playerId?: string;
}
