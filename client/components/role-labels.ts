import type { TeamRole } from '../../server/protocol/views.ts';

export const ROLE_LABELS: Record<TeamRole, string> = {
  commander: 'Incident commander',
  operations: 'Operations',
  investigator: 'Investigator',
  communications: 'Communications',
};
