/**
 * The room screen's view of a session: what a whole room may see at once. During play the clock,
 * the teams and their players, firing alerts, each team's public status page and impact curve,
 * and the injects every team received: no score, rank, milestone or verdict. Once the session has
 * ended, the ranking from its debrief (room-ranking.ts). Never the truth panel's content. In a
 * disguised session the whole view is masked; after the end it also says what each alias stood for.
 */
import type { Scenario, World } from '../engine/index.ts';
import type { FeedEntry, RoomInject, RoomTeam, RoomView } from '../protocol/views.ts';
import { firingAlerts } from '../protocol/firing-alerts.ts';
import { formatJoinCode } from '../protocol/join-code.ts';
import type { BranchFamily } from './branch-family.ts';
import { disguiseReveal } from '../debrief/disguise-reveal.ts';
import { forTeams } from './disguise-boundary.ts';
import { endRanking } from './room-ranking.ts';
import { clockState, scenarioSummary } from './session-views.ts';
import type { SessionState } from './session-state.ts';

const SPARK_POINTS = 120;

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

/**
 * The same inject is the same news whenever it reached each team: a library inject by its id, a
 * written one by its words. Sent to each team in turn, it counts once every team has it.
 */
const injectKey = (f: FeedEntry): string => (f.inject !== undefined ? `id\u0000${f.inject}` : `text\u0000${f.title}\u0000${f.text}`);

export function roomInjects(worlds: readonly World[]): RoomInject[] {
  const perTeam = worlds.map((w) => {
    const byKey = new Map<string, FeedEntry>();
    for (const f of w.feed) if (f.kind === 'inject' && !byKey.has(injectKey(f))) byKey.set(injectKey(f), f);
    return byKey;
  });
  const [first, ...others] = perTeam;
  if (!first) return [];
  return [...first.entries()]
    .filter(([key]) => others.every((team) => team.has(key)))
    // When the last team got it: from then on it is the whole room's news.
    .map(([key, f]): RoomInject => ({ at: Math.max(f.at, ...others.map((team) => team.get(key)!.at)), title: f.title, text: f.text }))
    .sort((a, b) => b.at - a.at);
}

export function roomView(state: SessionState, wall: number, joinUrl: string, family: () => BranchFamily | undefined = () => undefined): RoomView {
  const { scenario } = state;
  const clock = clockState(state, wall);
  const impact = scenario.data.scoring.impactSignal;
  const spec = scenario.data.signals.find((s) => s.id === impact);
  const teams = [...state.teams.values()];
  const players = [...state.players.values()];
  const view: RoomView = {
    code: formatJoinCode(state.settings.code),
    scenario: scenarioSummary(scenario),
    clock,
    joinUrl: clock.status === 'lobby' ? joinUrl : null,
    sparkline: { label: spec?.label ?? impact, unit: spec?.unit ?? 'percent' },
    teams: teams.map((team): RoomTeam => ({
      id: team.info.id,
      name: team.info.name,
      players: players.filter((p) => p.teamId === team.info.id).map((p) => p.name),
      firing: firingAlerts(team.world.feed).length,
      sparkline: sparkline(team.world, impact),
      statusMessage: statusMessage(scenario, team.world),
      behind: team.lag,
    })),
    injects: roomInjects(teams.map((t) => t.world)),
    ranking: endRanking(state, family),
    disguised: state.settings.disguise === true,
    reveal: null,
  };
  const shown = forTeams(state, view);
  // The reveal is the one part in real names, and only once the session is over.
  return view.disguised && state.ended ? { ...shown, reveal: disguiseReveal(scenario.data) } : shown;
}
