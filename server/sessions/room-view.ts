/**
 * The room screen's view of a session: each team's headline and the leaderboard by the debrief's
 * score so far. Built only from what teams see (alerts, their own status page, their curves) plus
 * milestones reached and scores — never the truth panel's content.
 */
import { DEFAULT_RESPONDERS, runCommands, planToCommands, scoreRun, type Scenario, type World } from '../engine/index.ts';
import type { FeedEntry, RoomTeam, RoomView } from '../protocol/views.ts';
import { firingAlerts } from '../protocol/firing-alerts.ts';
import { formatJoinCode } from '../protocol/join-code.ts';
import { rankTotals } from '../debrief/rank-totals.ts';
import { clockState, scenarioSummary } from './session-views.ts';
import type { SessionState } from './session-state.ts';

const SPARK_POINTS = 120;

/**
 * The real responders' run at the same sim minute, cached: scores compare against it. Keyed by
 * minute because a team the host rewound alone runs behind the others (a few minutes at once).
 */
const references = new WeakMap<SessionState, Map<number, World>>();

function referenceAt(state: SessionState, t: number): World {
  const minute = Math.floor(t / 60);
  const cached = references.get(state) ?? new Map<number, World>();
  references.set(state, cached);
  const hit = cached.get(minute);
  if (hit) return hit;
  const { scenario, settings } = state;
  const world = runCommands(scenario, settings.seed, planToCommands(scenario.data.referencePlan), minute * 60, { responders: DEFAULT_RESPONDERS }).world;
  // Old minutes are never asked for again once every team has moved on.
  if (cached.size >= 8) cached.clear();
  cached.set(minute, world);
  return world;
}

function sparkline(world: World, signal: string): number[] {
  const values = world.samples.map((s) => s.values[signal] ?? 0);
  if (values.length <= SPARK_POINTS) return values;
  const step = values.length / SPARK_POINTS;
  return Array.from({ length: SPARK_POINTS }, (_, i) => values[Math.min(values.length - 1, Math.round((i + 1) * step) - 1)] ?? 0);
}

function statusMessage(scenario: Scenario, world: World): RoomTeam['statusMessage'] {
  const comms = scenario.data.actions.filter((a) => a.category === 'communication');
  const published = world.actions.filter((a) => a.status === 'done' && comms.some((c) => c.id === a.action)).sort((a, b) => b.effectiveAt - a.effectiveAt);
  const last = published[0];
  if (!last) return null;
  const spec = comms.find((c) => c.id === last.action);
  const textSpec = spec?.params.find((p) => p.type === 'text');
  const text = textSpec ? last.params[textSpec.name] : undefined;
  return { at: last.effectiveAt, text: typeof text === 'string' && text.length > 0 ? text : (spec?.title ?? last.action) };
}

export function roomView(state: SessionState, wall: number, joinUrl: string): RoomView {
  const { scenario } = state;
  const clock = clockState(state, wall);
  const impact = scenario.data.scoring.impactSignal;
  const spec = scenario.data.signals.find((s) => s.id === impact);
  const teams = [...state.teams.values()];
  const rows = teams.map((team) => {
    const { world } = team;
    // A branch is scored from its branch point, as its debrief will be.
    const origin = state.settings.origin;
    const score = scoreRun(scenario, world, referenceAt(state, world.t), origin ? { from: origin.at } : {});
    return {
      id: team.info.id,
      name: team.info.name,
      players: [...state.players.values()].filter((p) => p.teamId === team.info.id).length,
      firing: firingAlerts(world.feed).length,
      sparkline: sparkline(world, impact),
      statusMessage: statusMessage(scenario, world),
      milestonesReached: score.milestones.flatMap((m) => (m.team === null ? [] : [{ label: m.label, at: m.team }])).sort((a, b) => a.at - b.at),
      score: score.total,
    };
  });
  const ranks = rankTotals(rows.map((r) => r.score));
  // An inject is the room's news once every team has it (a broadcast, or sent to each in turn).
  const injectKey = (f: FeedEntry) => `${f.at}\u0000${f.title}`;
  const perTeam = teams.map((t) => new Set(t.world.feed.filter((f) => f.kind === 'inject').map(injectKey)));
  const injects = (teams[0]?.world.feed ?? [])
    .filter((f) => f.kind === 'inject' && perTeam.every((set) => set.has(injectKey(f))))
    .sort((a, b) => b.at - a.at || b.entry - a.entry)
    .map((f) => ({ at: f.at, title: f.title, text: f.text }));
  return {
    code: formatJoinCode(state.settings.code),
    scenario: scenarioSummary(scenario),
    clock,
    joinUrl: clock.status === 'lobby' ? joinUrl : null,
    sparkline: { label: spec?.label ?? impact, unit: spec?.unit ?? 'percent' },
    teams: rows.map((r, i) => ({ ...r, rank: ranks[i] ?? i + 1 })),
    injects,
  };
}
