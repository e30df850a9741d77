/**
 * The visibility boundary: every view that leaves the server about a session is built here, and
 * worlds only through the engine's observe(). A team's view never holds the model, the RNG, the
 * seed, the truth, whether a diagnosis is right, the real timeline, or anything of another team.
 */
import { observe, type Scenario, type TeamObservation, type TruthObservation } from '../engine/index.ts';
import { formatJoinCode } from '../protocol/join-code.ts';
import type {
  ChatMessage, ClockState, DebriefLinks, HostDisguise, HostScenario, HostSnapshot, LobbyState, PlayerInfo,
  PublicScenario, ScenarioSummary, TeamSnapshot,
} from '../protocol/views.ts';
import { simNow } from './session-clock.ts';
import { sessionMode } from '../storage/session-record.ts';
import { branchInfo, markInherited } from './inherited-marks.ts';
import type { PlayerSeat, SessionState } from './session-state.ts';
import { clock as parseClock } from '../engine/index.ts';
import { hostDisguise } from './disguise-boundary.ts';

export function scenarioSummary(scenario: Scenario): ScenarioSummary {
  const d = scenario.data;
  return {
    id: d.id, title: d.title, summary: d.summary, difficulty: d.difficulty, date: d.date,
    start: d.clock.start, end: d.clock.end,
    durationMinutes: Math.round((parseClock(d.clock.end) - parseClock(d.clock.start)) / 60),
    suggestedSpeed: d.clock.suggestedSpeed ?? null,
    disguisable: d.disguise !== undefined,
  };
}

/** Dashboards only: the tools a team may use come from its world's runbook, never from here. */
export function publicScenario(scenario: Scenario): PublicScenario {
  const d = scenario.data;
  return {
    ...scenarioSummary(scenario),
    regions: d.regions.map((r) => ({ id: r.id, label: r.label })),
    signals: d.signals,
  };
}

export function hostScenario(scenario: Scenario): HostScenario {
  const d = scenario.data;
  return {
    ...publicScenario(scenario),
    investigations: d.investigations.map((i) => ({ id: i.id, title: i.title, description: i.description, durationMinutes: i.durationMinutes, params: i.params })),
    actions: d.actions.map((a) => ({ id: a.id, title: a.title, description: a.description, category: a.category, kind: a.kind, delayMinutes: a.delayMinutes, params: a.params })),
    diagnosis: { triggers: d.diagnosis.triggers.map((o) => ({ id: o.id, label: o.label })), mechanisms: d.diagnosis.mechanisms.map((o) => ({ id: o.id, label: o.label })) },
    leads: d.leads.map((l) => ({ id: l.id, kind: l.kind, label: l.label })),
    injects: d.injects.map((i) => ({ id: i.id, title: i.title, text: i.text, hint: i.hint, at: i.at ?? null, skipTo: i.skipTo ?? null })),
    realTimeline: d.realTimeline.map((r) => ({ ...r })),
    milestones: d.milestones.map((m) => ({ id: m.id, label: m.label, real: m.real })),
    markerRules: d.markers.map((m) => ({ id: m.id, label: m.label, real: m.real ?? null, signal: m.signal, op: m.op, threshold: m.threshold, forMinutes: m.forMinutes, after: m.after, notBefore: m.notBefore })),
    briefing: d.briefing ?? null,
    hintPenalty: d.scoring.hintPenalty,
    correctDiagnosis: { ...d.diagnosis.correct },
  };
}

export function clockState(state: SessionState, wall: number): ClockState {
  const c = state.clock;
  const clock: ClockState = { status: c.status, simTime: simNow(c, wall), speed: c.speed, start: c.start, end: c.end, sentAt: wall };
  const behind = [...state.teams.values()].filter((t) => t.lag > 0);
  if (behind.length > 0) clock.teamLags = Object.fromEntries(behind.map((t) => [t.info.id, t.lag]));
  return clock;
}

export function playerInfo(player: PlayerSeat, connected: boolean): PlayerInfo {
  return { id: player.id, name: player.name, teamId: player.teamId, role: player.role, connected };
}

export function lobbyState(state: SessionState, isConnected: (playerId: string) => boolean): LobbyState {
  return {
    code: formatJoinCode(state.settings.code),
    teams: [...state.teams.values()].map((t) => ({ ...t.info })),
    players: [...state.players.values()].map((p) => playerInfo(p, isConnected(p.id))),
  };
}

export function teamSnapshot(state: SessionState, player: PlayerSeat, wall: number, isConnected: (playerId: string) => boolean): TeamSnapshot {
  const team = player.teamId ? state.teams.get(player.teamId) : undefined;
  return {
    kind: 'team',
    sessionId: state.settings.id,
    mode: sessionMode(state.settings),
    scenario: publicScenario(state.scenario),
    clock: clockState(state, wall),
    lobby: lobbyState(state, isConnected),
    you: playerInfo(player, isConnected(player.id)),
    team: team ? { ...team.info } : null,
    world: team ? markInherited(kept(observe(state.scenario, team.world, { role: 'team' })), state.settings.origin) : null,
    chat: team ? team.chat.slice() : [],
    seq: state.seq,
    ...branchInfo(state.settings.origin),
    ...(state.settings.disguise ? { disguised: true as const } : {}),
  };
}

/** A team's world grows in place (session-state.ts): a snapshot keeps its samples and feed as they are now. */
function kept<O extends TeamObservation | TruthObservation>(view: O): O {
  return { ...view, samples: view.samples.slice(), feed: view.feed.slice() };
}

export function hostSnapshot(state: SessionState, wall: number, joinUrl: string, isConnected: (playerId: string) => boolean): HostSnapshot {
  // Host deltas send truth and markers only when they change: after a snapshot, send them again
  // next time, so every host console (this one and any co-host's) ends up on the same values.
  for (const t of state.teams.values()) t.sent = { ...t.sent, truth: '', markers: '' };
  return {
    kind: 'host',
    sessionId: state.settings.id,
    mode: sessionMode(state.settings),
    scenario: hostScenario(state.scenario),
    clock: clockState(state, wall),
    lobby: lobbyState(state, isConnected),
    joinUrl,
    teams: [...state.teams.values()].map((t) => ({
      team: { ...t.info }, world: markInherited(kept(observe(state.scenario, t.world, { role: 'facilitator' })), state.settings.origin), chat: t.chat.slice(),
    })),
    seq: state.seq,
    ...branchInfo(state.settings.origin),
    ...withDisguise(hostDisguise(state)),
  };
}

const withDisguise = (disguise: HostDisguise | null): { disguise?: HostDisguise } => (disguise ? { disguise } : {});

export function chatMessage(state: SessionState, teamId: string, seq: number): ChatMessage | undefined {
  return state.teams.get(teamId)?.chat.find((m) => m.seq === seq);
}

export function debriefLinks(sessionId: string): DebriefLinks {
  const id = encodeURIComponent(sessionId);
  return { page: `/debrief/${id}`, json: `/api/sessions/${id}/debrief.json`, markdown: `/api/sessions/${id}/debrief.md` };
}

export function joinUrls(baseUrl: string, code: string): { joinUrl: string; hostUrl: string } {
  const shown = formatJoinCode(code);
  return { joinUrl: `${baseUrl}/join/${shown}`, hostUrl: `${baseUrl}/host/${shown}` };
}
