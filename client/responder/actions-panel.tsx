/**
 * Investigate and mitigate: every declared investigation and action as an expandable row with its
 * description, its timing and its parameters. Status updates live in the status page widget.
 */
import type { PublicScenario } from '../../server/protocol/views.ts';
import { formatMinutes } from '../lib/format.ts';
import { CommandForm } from './command-form.tsx';
import type { TeamCommands } from './team-commands.ts';

export function ActionsPanel(props: { scenario: PublicScenario; commands: TeamCommands; disabled: boolean }) {
  const { scenario, commands, disabled } = props;
  const actions = scenario.actions.filter((a) => a.category !== 'communication');
  return (
    <section class="panel" aria-labelledby="actions-heading">
      <header class="panel-head">
        <h2 id="actions-heading">Runbook</h2>
        {disabled && <span class="muted small" role="status">Available while the clock runs</span>}
      </header>
      <div class="panel-body">
        <h3 class="section-label">Investigate</h3>
        <ul class="command-list" data-testid="investigations">
          {scenario.investigations.map((inv) => (
            <li key={inv.id}>
              <details class="command" data-testid={`investigation-${inv.id}`}>
                <summary>
                  <span class="command-title">{inv.title}</span>
                  <span class="command-time mono" title="Sim time it takes">{formatMinutes(inv.durationMinutes)}</span>
                </summary>
                <p class="command-desc">{inv.description}</p>
                <CommandForm id={`inv-${inv.id}`} params={inv.params} submitLabel="Run investigation" disabled={disabled}
                  onSubmit={(params) => commands.investigate(inv.id, params)} />
              </details>
            </li>
          ))}
        </ul>
        <h3 class="section-label">Mitigate</h3>
        <ul class="command-list" data-testid="actions">
          {actions.map((a) => (
            <li key={a.id}>
              <details class="command" data-testid={`action-${a.id}`}>
                <summary>
                  <span class="command-title">{a.title}</span>
                  <span class="command-time mono" title="Delay before it takes effect">+{formatMinutes(a.delayMinutes)}</span>
                  <span class="command-meta"><span class={`badge category-${a.category}`}>{a.category}</span></span>
                </summary>
                <p class="command-desc">{a.description}</p>
                <CommandForm id={`act-${a.id}`} params={a.params} submitLabel="Take action" disabled={disabled}
                  onSubmit={(params) => commands.act(a.id, params)} />
              </details>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
