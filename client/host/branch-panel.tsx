/** Mission control's "Try another path from here": a team and an "HH:MM" time, branched over the host socket. */
import type { BranchedSession } from '../../server/protocol/events.ts';
import type { TeamInfo } from '../../server/protocol/views.ts';
import { BranchForm } from '../branch/branch-form.tsx';

export function BranchPanel(props: { teams: readonly TeamInfo[]; now: number; create: (teamId: string, at: string) => Promise<BranchedSession> }) {
  return (
    <section class="panel" aria-labelledby="branch-heading" data-testid="branch-panel">
      <header class="panel-head">
        <h2 id="branch-heading">What if</h2>
        <span class="muted small">a team's world at a moment, as a new session</span>
      </header>
      <div class="panel-body">
        <BranchForm teams={props.teams} teamId={props.teams[0]?.id ?? ''} at={props.now} create={props.create} />
      </div>
    </section>
  );
}
