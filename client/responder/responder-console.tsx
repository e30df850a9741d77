/**
 * The responder's console: runbook and diagnosis on the left, dashboards and evidence in the
 * middle, alerts, status page and the team channel on the right — the tools on-call engineers use.
 */
import type { ChatMessage, ClockState, PublicScenario, TeamObservation } from '../../server/protocol/views.ts';
import { SignalDashboard } from './signal-dashboard.tsx';
import { ActionsPanel } from './actions-panel.tsx';
import { ActionLog } from './action-log.tsx';
import { DiagnosisForm } from './diagnosis-form.tsx';
import { EvidenceBoard } from './evidence-board.tsx';
import { AlertFeed } from './alert-feed.tsx';
import { StatusPageWidget } from './status-page-widget.tsx';
import { TeamChannel } from './team-channel.tsx';
import type { TeamCommands } from './team-commands.ts';

export function ResponderConsole(props: {
  scenario: PublicScenario;
  clock: ClockState;
  now: number;
  world: TeamObservation;
  chat: ChatMessage[];
  youId: string;
  commands: TeamCommands;
}) {
  const { scenario, world, commands, clock } = props;
  // Commands only count while the clock runs (the server refuses them otherwise); chat always works.
  const disabled = clock.status !== 'running';
  return (
    <div class="console">
      <div class="console-left">
        <ActionsPanel world={world} youId={props.youId} commands={commands} disabled={disabled} />
        <DiagnosisForm world={world} commands={commands} disabled={disabled} />
        <ActionLog runbook={world.runbook} actions={world.actions} investigations={world.investigations} />
      </div>
      <div class="console-center">
        <SignalDashboard scenario={scenario} samples={world.samples} start={clock.start} now={props.now} />
        <EvidenceBoard world={world} now={props.now} />
      </div>
      <div class="console-right">
        <AlertFeed feed={world.feed} />
        <StatusPageWidget scenario={scenario} runbook={world.runbook} actions={world.actions} samples={world.samples} commands={commands} disabled={disabled} />
        <TeamChannel messages={props.chat} youId={props.youId} onSend={commands.chat} />
      </div>
    </div>
  );
}
