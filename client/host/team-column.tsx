/**
 * One team in mission control: truth, who is busy on what, the compared panel, progress against the
 * real run, actions, and each diagnosis with the findings it cites and whether they support each
 * part (hidden from the team until the debrief).
 */
import type { ChatMessage, ClockState, HostScenario, PlayerInfo, TeamInfo, TruthObservation } from '../../server/protocol/views.ts';
import type { SignalPanel } from '../lib/series.ts';
import { formatDuration, formatHhmm, formatHhmmss } from '../lib/format.ts';
import { SignalPanelView } from '../charts/signal-panel.tsx';
import { chartRange } from '../charts/chart-range.ts';
import type { ChartLine } from '../charts/time-series-chart.tsx';
import { describeParams, textParam } from '../responder/param-field.tsx';
import { firingAlerts } from '../lib/alerts.ts';
import { TeamLeads } from './team-leads.tsx';
import { confirmingMarkers } from '../../server/engine/markers.ts';
import { TeamTimers } from './team-timers.tsx';
import { teamAttention } from '../responder/attention.ts';
import './team-column.css';
import { StuckTeam } from './stuck-team.tsx';
import type { HostInjectRequest } from '../../server/protocol/payloads.ts';

const PARTS = ['trigger', 'component', 'mechanism'] as const;

/** The facilitator's verdict line: right and supported earns credit; right but unsupported is a guess. */
function verdictOf(d: TruthObservation['diagnoses'][number]): string {
  if (d.correct) return d.supported ? '✓ correct, supported' : '◐ correct, unsupported guess';
  return d.triggerRight ? '◐ trigger right' : d.mechanismRight ? '◐ mechanism right' : '✗ wrong';
}

export function TeamColumn(props: {
  scenario: HostScenario;
  clock: ClockState;
  entry: { team: TeamInfo; world: TruthObservation; chat: ChatMessage[] };
  players: PlayerInfo[];
  panel: SignalPanel | undefined;
  markers: ChartLine[];
  /** This team's own sim time (the session clock minus its lag). */
  now: number;
  /** Sim seconds this team runs behind the session clock since it was rewound alone. */
  lag: number;
  /** Sends the facilitator's inject (a hint to a stuck team); absent: read-only. */
  onInject?: (req: HostInjectRequest) => Promise<boolean>;
}) {
  const { scenario, entry, now } = props;
  const { world, team } = entry;
  const label = (list: { id: string; label: string }[], id: string) => list.find((o) => o.id === id)?.label ?? id;
  const actions = [...world.actions].sort((a, b) => b.requestedAt - a.requestedAt || b.entry - a.entry);
  const investigations = world.investigations;
  const firing = firingAlerts(world.feed);
  const lastChat = entry.chat.slice(-3);
  const confirming = confirmingMarkers(scenario.markerRules, world.samples, world.markers);
  // Titled from the whole catalogue: the facilitator sees every tool.
  const responders = teamAttention(world, scenario, props.players, null, now);
  const findingTitle = (id: string) => {
    const record = world.investigations.find((i) => `F${i.entry}` === id);
    const spec = record && scenario.investigations.find((i) => i.id === record.investigation);
    return spec ? `${spec.title}${record && Object.keys(record.params).length > 0 ? ` (${describeParams(spec.params, record.params)})` : ''}` : id;
  };

  return (
    <article class="team-column" aria-labelledby={`team-${team.id}`} data-testid={`team-column-${team.id}`}>
      <header class="team-column-head">
        <h3 id={`team-${team.id}`}>{team.name}</h3>
        <span class="muted small">{props.players.length === 0 ? 'no responders' : props.players.map((p) => p.name).join(', ')}</span>
        {firing.length > 0 && <span class="badge badge-critical">{firing.length} firing</span>}
        {props.lag > 0 && (
          <span class="small team-lag" data-testid={`team-time-${team.id}`}>
            Rewound: its clock reads <span class="mono">{formatHhmmss(now)}</span>, {formatDuration(props.lag)} of sim time behind the session
          </span>
        )}
      </header>

      <div class="truth" data-testid="truth">
        <span class="badge badge-host">truth</span> <strong>{world.truth.headline}</strong>
        {world.truth.facts.length > 0 && (
          <dl class="facts">
            {world.truth.facts.map((f, i) => (
              <div key={i}><dt>{f.label}</dt><dd class="mono">{f.value}</dd></div>
            ))}
          </dl>
        )}
      </div>

      {props.onInject && <StuckTeam scenario={scenario} team={team} world={world} now={now} disabled={props.clock.status === 'ended'} onSend={props.onInject} />}

      <TeamTimers scenario={scenario} world={world} now={now} />

      <h4 class="section-label">Responders</h4>
      {responders.length === 0 ? <p class="muted small">No responders seated</p> : (
        <ul class="compact-list" data-testid="team-responders">
          {responders.map((r) => (
            <li key={r.id} data-busy={r.task ? 'true' : 'false'}>
              <strong>{r.name}</strong>{' '}
              {r.task
                ? <span><span class="badge badge-busy">busy</span> {r.task.title} <span class="mono small muted">until {formatHhmm(r.task.until)}</span></span>
                : <span class="badge badge-ok">free</span>}
            </li>
          ))}
        </ul>
      )}

      {props.panel && (
        <SignalPanelView panel={props.panel} samples={world.samples} xRange={chartRange(props.clock.start, world.samples, now)}
          height={130} compact markers={props.markers} idSuffix={`-${team.id}`} />
      )}

      <h4 class="section-label">Progress against the real run</h4>
      <table class="milestone-table" data-testid="team-markers">
        <thead><tr><th scope="col">Marker</th><th scope="col">Real</th><th scope="col">Team</th></tr></thead>
        <tbody>
          {scenario.markerRules.map((m) => {
            const t = world.markers[m.id];
            const pending = confirming.find((c) => c.id === m.id);
            return (
              <tr key={m.id}>
                <td>{m.label}</td>
                <td class="mono muted">{m.real ?? '—'}</td>
                <td class={`mono ${t === null || t === undefined ? 'muted' : ''}`} data-testid={`marker-${m.id}`}>
                  {t !== null && t !== undefined ? formatHhmm(t) : pending
                    ? <span class="confirming">confirming… {Math.max(1, Math.ceil(pending.remaining / 60))} min left (since {formatHhmm(pending.since)})</span>
                    : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <TeamLeads leads={world.leads} />

      <h4 class="section-label">Diagnoses</h4>
      {world.diagnoses.length === 0 ? <p class="muted small">None declared</p> : (
        <ul class="compact-list" data-testid="team-diagnoses">
          {world.diagnoses.map((d) => (
            <li key={d.entry} class={d.correct ? 'correct' : 'wrong'} data-testid="team-diagnosis">
              <span class={`verdict ${d.correct && d.supported ? 'ok' : 'bad'}`}>{verdictOf(d)}</span>
              <span class="mono small">{formatHhmm(d.at)}</span> {label(scenario.diagnosis.triggers, d.trigger)}
              {d.component !== null && <> · {label(scenario.leads, d.component)}</>} → {label(scenario.diagnosis.mechanisms, d.mechanism)}
              <div class="small diagnosis-support" data-testid="diagnosis-support">
                {PARTS.filter((p) => p !== 'component' || d.component !== null).map((part) => (
                  <span key={part} class={`support-part ${d.support[part] ? 'ok' : 'bad'}`}>{d.support[part] ? '✓' : '✗'} {part} {d.support[part] ? 'supported' : 'unsupported'}</span>
                ))}
              </div>
              <div class="small muted" data-testid="diagnosis-cited">
                {d.evidence.length === 0 ? 'No findings cited' : <>Cited: {d.evidence.map((id, i) => <span key={id}>{i > 0 && ', '}<span class="mono">{id}</span> {findingTitle(id)}</span>)}</>}
              </div>
            </li>
          ))}
        </ul>
      )}

      <h4 class="section-label">Actions ({actions.length}) · investigations ({investigations.length})</h4>
      {actions.length === 0 ? <p class="muted small">No action yet</p> : (
        <ul class="compact-list" data-testid="team-actions">
          {actions.slice(0, 8).map((a) => {
            const spec = scenario.actions.find((s) => s.id === a.action);
            const detail = spec ? (textParam(spec.params, a.params) ?? describeParams(spec.params, a.params)) : '';
            return (
              <li key={a.entry}>
                <span class="mono small">{formatHhmm(a.requestedAt)}</span> {spec?.title ?? a.action}
                {detail && <span class="muted small"> · {detail}</span>}
                <span class={`status-dot ${a.status}`}>{a.status === 'done' ? 'in effect' : `at ${formatHhmm(a.effectiveAt)}`}</span>
              </li>
            );
          })}
        </ul>
      )}

      {lastChat.length > 0 && (
        <>
          <h4 class="section-label">Channel</h4>
          <ul class="compact-list">
            {lastChat.map((m) => <li key={m.seq}><strong>{m.name}</strong>: {m.text}</li>)}
          </ul>
        </>
      )}
    </article>
  );
}
