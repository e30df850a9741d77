/**
 * Every team side by side: the same panel for each (picked once, compared at a glance), with the
 * real milestones as ghost markers, the hidden truth, progress, actions and diagnoses.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { HostSnapshot } from '../../server/protocol/views.ts';
import type { HostInjectRequest } from '../../server/protocol/payloads.ts';
import { groupByPanel } from '../lib/series.ts';
import { parseHhmm } from '../lib/format.ts';
import type { ChartLine } from '../charts/time-series-chart.tsx';
import { TeamColumn } from './team-column.tsx';

export function MissionControl(props: { snapshot: HostSnapshot; now: number; onInject?: (req: HostInjectRequest) => Promise<boolean> }) {
  const { snapshot } = props;
  const panels = useMemo(() => groupByPanel(snapshot.scenario.signals), [snapshot.scenario]);
  const [panelTitle, setPanelTitle] = useState(panels[0]?.title ?? '');
  const panel = panels.find((p) => p.title === panelTitle) ?? panels[0];
  // Mission control opens at the top, the clock panel in view: not where the lobby's scroll (the
  // host scrolled down to "Start the clock") or the browser's restoration of a reload left it.
  useEffect(() => {
    const restoration = history.scrollRestoration;
    history.scrollRestoration = 'manual';
    window.scrollTo(0, 0);
    return () => { history.scrollRestoration = restoration; };
  }, []);
  const markers = useMemo<ChartLine[]>(
    () => snapshot.scenario.milestones.flatMap((m) => {
      const t = parseHhmm(m.real);
      return t === null ? [] : [{ value: t, label: `${m.label} ${m.real}` }];
    }),
    [snapshot.scenario],
  );

  return (
    <section class="mission-control" aria-labelledby="mc-heading">
      <header class="section-head">
        <h2 id="mc-heading">Mission control</h2>
        <label class="inline-field">
          <span>Compare</span>
          <select value={panel?.title ?? ''} onChange={(e) => setPanelTitle(e.currentTarget.value)} data-testid="mc-panel-select">
            {panels.map((p) => <option key={p.title} value={p.title}>{p.title}</option>)}
          </select>
        </label>
        <span class="muted small"><span class="ghost-key" aria-hidden="true" /> dashed lines: the real responders' milestones</span>
      </header>
      <div class="team-columns">
        {snapshot.teams.map((entry) => (
          <TeamColumn key={entry.team.id} scenario={snapshot.scenario} clock={snapshot.clock} entry={entry}
            players={snapshot.lobby.players.filter((p) => p.teamId === entry.team.id)} panel={panel} markers={markers}
            now={props.now - (snapshot.clock.teamLags?.[entry.team.id] ?? 0)} lag={snapshot.clock.teamLags?.[entry.team.id] ?? 0} onInject={props.onInject} />
        ))}
      </div>
    </section>
  );
}
