/** A disguised session, for the facilitator: what responders and the room see, and which real name each alias stands for. */
import type { HostDisguise } from '../../server/protocol/views.ts';
import { AliasTable } from '../components/alias-table.tsx';

export function DisguisePanel(props: { disguise: HostDisguise }) {
  return (
    <details class="panel briefing" data-testid="disguise-panel">
      <summary><h2>Disguise: what teams see</h2></summary>
      <div class="panel-body"><AliasTable reveal={props.disguise} small /></div>
    </details>
  );
}
