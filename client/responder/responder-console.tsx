/**
 * The responder's console, laid out like the tools on-call engineers use. On a desktop: who is on
 * call and busy with what, the runbook (actions, diagnosis, status page, action log) on the left,
 * what is firing and the dashboards in the middle, findings, the alert feed and the team channel on
 * the right — each column scrolls on its own so nothing goes blank. Below 700 px: one tab at a time (Dashboards /
 * Runbook / Findings / Channel), the clock and firing count staying in the top bar.
 */
import { useState } from 'preact/hooks';
import type { ChatMessage, ClockState, ConsoleObservation, PlayerInfo, PublicScenario, TeamObservation } from '../../server/protocol/views.ts';
import { PHONE_QUERY, useMediaQuery } from '../lib/use-media-query.ts';
import { useUnread } from '../lib/use-unread.ts';
import { firingAlerts } from '../lib/alerts.ts';
import { SignalDashboard } from './signal-dashboard.tsx';
import { ActionsPanel } from './actions-panel.tsx';
import { ActionLog } from './action-log.tsx';
import { DiagnosisForm } from './diagnosis-form.tsx';
import { EvidenceBoard } from './evidence-board.tsx';
import { AlertFeed } from './alert-feed.tsx';
import { FiringStrip } from './firing-strip.tsx';
import { StatusPageWidget } from './status-page-widget.tsx';
import { TeamChannel } from './team-channel.tsx';
import type { TeamCommands } from './team-commands.ts';
import { namesOf, teamAttention } from './attention.ts';
import { BusyNote, OnCallPanel } from './on-call-panel.tsx';

type Tab = 'dashboards' | 'runbook' | 'findings' | 'channel';

/** First in the page's tab order (before the top bar): the two places people go most. */
export function ConsoleSkipLinks() {
  return (
    <nav class="skip-links" aria-label="Skip links">
      <a href="#dashboards">Skip to dashboards</a>
      <a href="#channel">Skip to the team channel</a>
    </nav>
  );
}

export function ResponderConsole(props: {
  scenario: PublicScenario;
  clock: ClockState;
  now: number;
  world: ConsoleObservation<TeamObservation>;
  chat: ChatMessage[];
  youId: string;
  /** The team's players, from the lobby (names for who is busy with what). */
  players: readonly PlayerInfo[];
  commands: TeamCommands;
}) {
  const { scenario, world, commands, clock } = props;
  const phone = useMediaQuery(PHONE_QUERY);
  const [tab, setTab] = useState<Tab>('dashboards');
  // Findings panel on a desktop: "new" until the reader points at it or moves focus into it.
  const [lookingAtFindings, setLookingAtFindings] = useState(false);
  const findingCount = world.investigations.filter((i) => i.status === 'complete').length;
  const findings = useUnread(findingCount, phone ? tab === 'findings' : lookingAtFindings);
  const chat = useUnread(props.chat.length, !phone || tab === 'channel');
  const firing = firingAlerts(world.feed).length;
  // Commands only count while the clock runs (the server refuses them otherwise); chat always works.
  const disabled = clock.status !== 'running';
  const responders = teamAttention(world, world.runbook, props.players, props.youId, props.now);
  const cancel = (entry: number) => { void commands.cancel(entry); };

  const runbook = (
    <>
      <OnCallPanel responders={responders} now={props.now} disabled={disabled} onCancel={cancel} />
      <BusyNote you={responders.find((r) => r.you)} />
      <ActionsPanel world={world} youId={props.youId} commands={commands} disabled={disabled} />
      <DiagnosisForm world={world} commands={commands} disabled={disabled} />
      <StatusPageWidget scenario={scenario} runbook={world.runbook} actions={world.actions} samples={world.samples} commands={commands} disabled={disabled} />
      <ActionLog runbook={world.runbook} actions={world.actions} investigations={world.investigations} />
    </>
  );
  const dashboards = (
    <>
      <FiringStrip feed={world.feed} />
      <SignalDashboard scenario={scenario} samples={world.samples} start={clock.start} now={props.now} />
    </>
  );
  const findingsPanel = (
    <div class="findings" data-unread={findings.unread}>
      {findings.unread > 0 && <span class="badge badge-new findings-new" data-testid="findings-unread">{findings.unread} new</span>}
      <EvidenceBoard world={world} now={props.now} names={namesOf(props.players)} youId={props.youId} {...(disabled ? {} : { onCancel: cancel })} />
    </div>
  );
  const channel = <TeamChannel messages={props.chat} youId={props.youId} onSend={commands.chat} />;

  if (phone) {
    const tabs: { id: Tab; label: string; count: number; countLabel: string }[] = [
      { id: 'dashboards', label: 'Dashboards', count: firing, countLabel: 'firing' },
      { id: 'runbook', label: 'Runbook', count: 0, countLabel: '' },
      { id: 'findings', label: 'Findings', count: findings.unread, countLabel: 'new' },
      { id: 'channel', label: 'Channel', count: chat.unread, countLabel: 'unread' },
    ];
    return (
      <div class="console console-phone">
        <nav class="console-tabs" aria-label="Console sections">
          {tabs.map((t) => (
            <button key={t.id} type="button" class="console-tab" aria-current={tab === t.id ? 'page' : undefined}
              aria-controls="console-tab-panel" onClick={() => setTab(t.id)} data-testid={`tab-${t.id}`}>
              {t.label}
              {t.count > 0 && <span class={`tab-count${t.id === 'dashboards' ? ' crit' : ''}`}><span class="sr-only">, </span>{t.count}<span class="sr-only"> {t.countLabel}</span></span>}
            </button>
          ))}
        </nav>
        <main id="console-tab-panel" class="console-tab-panel" aria-label={tabs.find((t) => t.id === tab)?.label}>
          <h1 class="sr-only">Incident console: {tabs.find((t) => t.id === tab)?.label}</h1>
          {tab === 'dashboards' && <div id="dashboards" tabIndex={-1}>{dashboards}<AlertFeed feed={world.feed} /></div>}
          {tab === 'runbook' && runbook}
          {tab === 'findings' && findingsPanel}
          {tab === 'channel' && <div id="channel" tabIndex={-1}>{channel}</div>}
        </main>
      </div>
    );
  }

  return (
    <main class="console">
      <h1 class="sr-only">Incident console</h1>
      <div class="console-left" aria-label="Runbook" role="region">{runbook}</div>
      <div class="console-center" id="dashboards" tabIndex={-1} aria-label="Dashboards" role="region">{dashboards}</div>
      <div class="console-right">
        <div class="console-findings" tabIndex={0} role="region" aria-label="Findings" onMouseEnter={() => setLookingAtFindings(true)} onMouseLeave={() => setLookingAtFindings(false)}
          onFocusCapture={() => setLookingAtFindings(true)} onBlurCapture={() => setLookingAtFindings(false)}>
          {findingsPanel}
        </div>
        <div class="console-feed"><AlertFeed feed={world.feed} /></div>
        <div class="console-channel" id="channel" tabIndex={-1}>{channel}</div>
      </div>
    </main>
  );
}
