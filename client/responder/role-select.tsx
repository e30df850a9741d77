/** A responder's optional role inside the team, changeable at any time. */
import { TEAM_ROLES, type TeamRole } from '../../server/protocol/views.ts';
import { ROLE_LABELS } from '../components/role-labels.ts';

export function RoleSelect(props: { role: TeamRole | null; onChange: (role: TeamRole | null) => void }) {
  return (
    <label class="inline-field">
      <span class="muted small">Role</span>
      <select value={props.role ?? ''} onChange={(e) => props.onChange(e.currentTarget.value === '' ? null : (e.currentTarget.value as TeamRole))}>
        <option value="">None</option>
        {TEAM_ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
      </select>
    </label>
  );
}
