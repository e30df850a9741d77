/**
 * Investigate and mitigate: what the team's runbook holds right now (its world's `runbook`: the
 * generic toolbox, and what its leads have unlocked). Each item is an expandable row with its
 * description, timing and parameters; an item unlocked during play is marked new, with what
 * revealed it, until someone opens or uses it. Status updates live in the status page widget.
 */
import type { ComponentChildren } from 'preact';
import type { TeamObservation } from '../../server/protocol/views.ts';
import { formatMinutes } from '../lib/format.ts';
import { CommandForm } from './command-form.tsx';
import { revealedBy, useRunbookNews, type ToolKey } from './runbook-news.ts';
import type { TeamCommands } from './team-commands.ts';
import './runbook.css';

export function ActionsPanel(props: { world: TeamObservation; youId: string; commands: TeamCommands; disabled: boolean }) {
  const { world, commands, disabled } = props;
  const { runbook, leads } = world;
  const news = useRunbookNews(props.youId, world);
  const actions = runbook.actions.filter((a) => a.kind !== 'comms');
  const fresh = [
    ...runbook.investigations.map((i) => news.isNew(`investigation:${i.id}`, i.unlockedAt)),
    ...actions.map((a) => news.isNew(`action:${a.id}`, a.unlockedAt)),
  ].filter(Boolean).length;
  return (
    <section class="panel" aria-labelledby="actions-heading">
      <header class="panel-head">
        <h2 id="actions-heading">Runbook</h2>
        {fresh > 0 && <span class="badge badge-new" data-testid="runbook-new-count">{fresh} new</span>}
        {disabled && <span class="muted small" role="status">Available while the clock runs</span>}
      </header>
      <div class="panel-body">
        <h3 class="section-label">Investigate</h3>
        <ul class="command-list" data-testid="investigations">
          {runbook.investigations.map((inv) => {
            const key: ToolKey = `investigation:${inv.id}`;
            return (
              <RunbookEntry key={inv.id} testId={`investigation-${inv.id}`} title={inv.title} description={inv.description}
                time={formatMinutes(inv.durationMinutes)} timeTitle="Sim time it takes" isNew={news.isNew(key, inv.unlockedAt)}
                attention={`Whoever runs it is busy for ${formatMinutes(inv.durationMinutes)}.`}
                revealed={revealedBy(leads, inv.unlockedAt)} onOpen={() => news.markSeen(key)}>
                <CommandForm id={`inv-${inv.id}`} params={inv.params} submitLabel="Run investigation" disabled={disabled}
                  onSubmit={(params) => commands.investigate(inv.id, params)} />
              </RunbookEntry>
            );
          })}
        </ul>
        <h3 class="section-label">Act</h3>
        <ul class="command-list" data-testid="actions">
          {actions.map((a) => {
            const key: ToolKey = `action:${a.id}`;
            return (
              <RunbookEntry key={a.id} testId={`action-${a.id}`} title={a.title} description={a.description} kind={a.kind}
                time={`+${formatMinutes(a.delayMinutes)}`} timeTitle="Delay before it takes effect" isNew={news.isNew(key, a.unlockedAt)}
                attention={a.workMinutes > 0 ? `Making it keeps you busy for ${formatMinutes(a.workMinutes)}.` : 'It takes no time of yours.'}
                revealed={revealedBy(leads, a.unlockedAt)} onOpen={() => news.markSeen(key)}>
                <CommandForm id={`act-${a.id}`} params={a.params} submitLabel="Take action" disabled={disabled}
                  onSubmit={(params) => commands.act(a.id, params)} />
              </RunbookEntry>
            );
          })}
        </ul>
      </div>
    </section>
  );
}

function RunbookEntry(props: {
  testId: string;
  title: string;
  description: string;
  time: string;
  timeTitle: string;
  /** Actions only: the neutral kind of thing it touches (traffic, config, service…), never whether it helps. */
  kind?: string;
  isNew: boolean;
  /** When it was unlocked and by what evidence; null for the generic toolbox. */
  revealed: string | null;
  /** How long it takes its responder's attention. */
  attention: string;
  onOpen: () => void;
  children: ComponentChildren;
}) {
  return (
    <li>
      <details class={`command${props.isNew ? ' command-new' : ''}`} data-testid={props.testId}
        onToggle={(e) => { if (e.currentTarget.open) props.onOpen(); }}>
        <summary>
          <span class="command-title">{props.title}</span>
          <span class="command-time mono" title={props.timeTitle}>{props.time}</span>
          {(props.kind || props.isNew || props.revealed) && (
            <span class="command-meta">
              {props.isNew && <span class="badge badge-new" data-testid="new-badge">new</span>}
              {props.kind && <span class={`badge kind-${props.kind}`}>{props.kind}</span>}
              {props.revealed && <span class="muted small revealed">revealed {props.revealed}</span>}
            </span>
          )}
        </summary>
        <p class="command-desc">{props.description}</p>
        <p class="command-desc muted small">{props.attention}</p>
        {props.children}
      </details>
    </li>
  );
}
