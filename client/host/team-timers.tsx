/** The two clocks a facilitator watches per team: since its first alert and since its last status update. */
import type { HostScenario, TruthObservation } from '../../server/protocol/views.ts';
import { formatHhmm, formatMinutes } from '../lib/format.ts';

export function TeamTimers(props: { scenario: HostScenario; world: TruthObservation; now: number }) {
  const { scenario, world, now } = props;
  const firstAlert = world.feed.find((f) => f.kind === 'alert')?.at ?? null;
  const comms = new Set(scenario.actions.filter((a) => a.category === 'communication').map((a) => a.id));
  const updates = world.actions.filter((a) => a.status === 'done' && comms.has(a.action)).map((a) => a.effectiveAt);
  const lastUpdate = updates.length === 0 ? null : Math.max(...updates);
  const since = (t: number) => `${formatMinutes(Math.max(0, Math.floor((now - t) / 60)))} ago (${formatHhmm(t)})`;
  return (
    <dl class="facts team-timers" data-testid="team-timers">
      <div><dt>Since first alert</dt><dd class="mono">{firstAlert === null ? 'no alert yet' : since(firstAlert)}</dd></div>
      <div><dt>Since last status update</dt><dd class="mono">{lastUpdate === null ? (firstAlert === null ? 'none posted' : 'none posted yet') : since(lastUpdate)}</dd></div>
    </dl>
  );
}
