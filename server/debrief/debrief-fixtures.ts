/** Teams used by the debrief tests: the real responders' plan, a faster one, a detour, an idle team. */
import { clock, planToCommands, type PlanStep, type Scenario, type TimedCommand } from '../engine/index.ts';
import type { DebriefTeamInput } from './debrief-input.ts';

const fast: PlanStep[] = [
  { at: '10:08', action: 'post_status', params: { state: 'investigating', components: ['api'], message: 'Investigating | errors on the API' } },
  { at: '10:08', investigate: 'recent_changes', params: {} },
  { at: '10:11', diagnose: { trigger: 'config_push', mechanism: 'bad_value', text: 'the 10:05 push' } },
  { at: '10:11', action: 'rollback_config', params: {} },
];

export function toyTeams(toy: Scenario): DebriefTeamInput[] {
  const detour: TimedCommand[] = [
    { at: clock('10:09'), command: { type: 'act', action: 'restart_api', params: {} } },
    { at: clock('10:10') + 20, command: { type: 'inject', title: 'Hint', text: 'Look at what changed at 10:05.', hint: true } },
    { at: clock('10:12'), command: { type: 'diagnose', trigger: 'ddos', mechanism: 'overload', text: 'an attack?' } },
    { at: clock('10:14'), command: { type: 'investigate', investigation: 'logs', params: { service: 'db' } } },
    { at: clock('10:40'), command: { type: 'diagnose', trigger: 'config_push', mechanism: 'bad_value' } },
    { at: clock('10:41'), command: { type: 'act', action: 'rollback_config' } },
  ];
  return [
    { id: 'red', name: 'Red', players: [{ name: 'Ada', role: 'commander' }, { name: 'Bo' }], commands: planToCommands(toy.data.referencePlan),
      notes: [{ at: clock('10:21'), name: 'Ada', text: 'Rolling back | now' }, { at: clock('10:59'), name: 'Bo', text: 'All green' }] },
    { id: 'blue', name: 'Blue', players: [{ name: 'Cy', role: null }], commands: planToCommands(fast) },
    { id: 'green', name: 'Green', players: [], commands: detour },
    { id: 'idle', name: 'Idle', players: [], commands: [] },
  ];
}

export const SESSION = { id: 'sess-1', code: 'K7QX-2M', createdAt: '2025-11-20T09:00:00.000Z', endedAt: '2025-11-20T10:00:00.000Z', speed: 10 };
