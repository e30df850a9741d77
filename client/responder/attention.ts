/**
 * Who on the team is busy on what, and until when, as the console shows it: the engine's attention
 * rule (server/engine/attention.ts) read from the team's own records at the console's sim time,
 * titled from its runbook, with names from the lobby. Pure, so it is unit-tested.
 */
import { busyTasks } from '../../server/engine/attention.ts';
import { describeRequest } from '../../server/engine/describe-request.ts';
import type { ActionRecord, InvestigationRecord, ParamSpec, PlayerInfo } from '../../server/protocol/views.ts';
import type { ParamValues } from '../../server/engine/scenario-definition.ts';

export interface ResponderTask {
  kind: 'investigation' | 'action';
  /** The record's entry: its finding id once it completes (F12), and what a cancel names. */
  entry: number;
  title: string;
  until: number;
}

export interface Responder {
  id: string;
  name: string;
  you: boolean;
  connected: boolean;
  /** What keeps them busy now, or null when they are free. */
  task: ResponderTask | null;
}

/** What titles a task: a runbook, or the facilitator's whole catalogue. */
export interface TaskSpecs {
  investigations: readonly { id: string; title: string; params: ParamSpec[] }[];
  actions: readonly { id: string; title: string; params: ParamSpec[] }[];
}

export interface TeamRecords {
  investigations: readonly InvestigationRecord[];
  actions: readonly ActionRecord[];
}

/** What each responder of the team is doing at `now`: teammates first by name, you first of all. */
export function teamAttention(world: TeamRecords, specs: TaskSpecs, players: readonly PlayerInfo[], youId: string | null, now: number): Responder[] {
  const tasks = new Map(busyTasks({ t: now, investigations: world.investigations, actions: world.actions }).map((task) => [task.by, task]));
  const describe = (kind: ResponderTask['kind'], id: string, params: ParamValues) =>
    describeRequest(kind === 'investigation' ? specs.investigations : specs.actions, id, params);
  const rows: Responder[] = players.map((p) => {
    const task = tasks.get(p.id);
    return {
      id: p.id, name: p.name, you: p.id === youId, connected: p.connected,
      task: task ? { kind: task.kind, entry: task.entry, title: describe(task.kind, task.id, task.params), until: task.until } : null,
    };
  });
  // Someone who left the team may still be finishing a task: it keeps their hands busy, not the team's.
  for (const [by, task] of tasks) {
    if (!players.some((p) => p.id === by)) rows.push({ id: by, name: 'A former teammate', you: false, connected: false, task: { kind: task.kind, entry: task.entry, title: describe(task.kind, task.id, task.params), until: task.until } });
  }
  return rows.sort((a, b) => Number(b.you) - Number(a.you) || a.name.localeCompare(b.name, 'en'));
}

/** Names by player id, for "run by Ada" on the board. */
export function namesOf(players: readonly PlayerInfo[]): Map<string, string> {
  return new Map(players.map((p) => [p.id, p.name]));
}
