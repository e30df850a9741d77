/**
 * What changes a team's world or its chat: a responder's investigate / act / cancel / diagnose, team
 * chat, and the host's injects. A responder's team is always its seat, never the payload's; the
 * responder doing it is always the player.
 */
import type { z } from 'zod';
import type { Command } from '../engine/index.ts';
import type { Ack, CommandAck } from '../protocol/events.ts';
import type { hostInjectSchema } from '../protocol/payloads.ts';
import { roundMs, simNow } from './session-clock.ts';
import { undoneByRewind } from './session-rewind.ts';
import type { SessionClockControl } from './session-clock-control.ts';
import { fail, refuseIfEnded, type SessionPipeline } from './session-pipeline.ts';
import { appliedKey, teamTime, type SessionState } from './session-state.ts';
import { chatMessage } from './session-views.ts';

export type HostInject = z.output<typeof hostInjectSchema>;

export class TeamCommands {
  constructor(private readonly pipeline: SessionPipeline, private readonly clock: SessionClockControl) {}

  async inject(sessionId: string, request: HostInject): Promise<Ack<{ delivered: number }>> {
    const p = this.pipeline;
    const state = p.registry.get(sessionId);
    if (!state) return fail('no such session');
    const ended = refuseIfEnded(state);
    if (ended) return ended;
    if (state.clock.status !== 'running' && state.clock.status !== 'paused') return fail(`injects are for a started session (this one is ${state.clock.status})`);
    let command: Command;
    if (request.injectId !== undefined) {
      const spec = state.scenario.data.injects.find((i) => i.id === request.injectId);
      if (!spec) return fail(`unknown inject "${request.injectId}"`);
      // Carries the library id: the engine then skips this inject's timed delivery to the team.
      command = { type: 'inject', title: request.title ?? spec.title, text: request.text ?? spec.text, hint: request.hint ?? spec.hint, injectId: spec.id };
    } else {
      command = { type: 'inject', title: request.title ?? '', text: request.text ?? '', hint: request.hint ?? false };
    }
    const teams = request.teamId === null ? [...state.teams.keys()] : [request.teamId];
    if (request.teamId !== null && !state.teams.has(request.teamId)) return fail('no such team');
    let delivered = 0;
    let lastError = '';
    for (const teamId of teams) {
      const result = p.applyCommand(state, teamId, null, null, command);
      if (result.ok) delivered++;
      else lastError = result.error;
    }
    if (delivered === 0) return fail(lastError || 'not delivered');
    this.clock.tick(sessionId, true);
    return (await p.durable(sessionId)) ?? { ok: true, delivered };
  }

  /**
   * investigate / act / cancel / diagnose from a responder: the team is the player's seat, never the
   * payload's, and the responder (`by`) is the player, whatever the command says: their attention
   * is what a busy refusal is about.
   */
  async command(sessionId: string, playerId: string, clientActionId: string, request: Command): Promise<CommandAck> {
    if (request.type === 'inject') return fail('only the facilitator sends injects');
    const command: Command = { ...request, by: playerId };
    const p = this.pipeline;
    const seat = await this.teamRequest(sessionId, playerId, clientActionId);
    if ('answer' in seat) return seat.answer;
    const { state, teamId } = seat;
    if (state.clock.status !== 'running') {
      return fail(state.clock.status === 'paused' ? 'the clock is paused' : 'the session has not started yet');
    }
    const result = p.applyCommand(state, teamId, playerId, clientActionId, command);
    if (!result.ok) return result;
    // The team sees its new record in the next tick's delta (within a second), with everything else.
    return (await p.durable(sessionId)) ?? { ok: true, entry: result.entry, seq: result.seq, duplicate: false };
  }

  async chat(sessionId: string, playerId: string, clientActionId: string, text: string, pinned: boolean): Promise<CommandAck> {
    const p = this.pipeline;
    const seat = await this.teamRequest(sessionId, playerId, clientActionId);
    if ('answer' in seat) return seat.answer;
    const { state, teamId } = seat;
    // At the team's own time: a team rewound alone runs behind the session clock.
    const team = state.teams.get(teamId);
    const at = team ? roundMs(teamTime(state, team, simNow(state.clock, p.now()))) : undefined;
    const entry = p.commit(state, 'chat', { teamId, playerId, clientActionId, text, pinned }, at);
    const message = chatMessage(state, teamId, entry.seq);
    if (message) {
      p.send({ to: 'team', sessionId, teamId }, 'team:chat', message);
      p.send({ to: 'host', sessionId }, 'host:chat', { ...message, teamId });
    }
    return (await p.durable(sessionId)) ?? { ok: true, entry: entry.seq, seq: entry.seq, duplicate: false };
  }

  /**
   * The seat a team request comes from, or the answer to give at once: no such seat, a retry of a
   * request already applied (answered with the original entry once it is durable), or no team yet.
   */
  private async teamRequest(sessionId: string, playerId: string, clientActionId: string): Promise<{ state: SessionState; teamId: string } | { answer: CommandAck }> {
    const p = this.pipeline;
    const state = p.registry.get(sessionId);
    const player = state?.players.get(playerId);
    if (!state || !player) return { answer: fail('no such seat') };
    const previous = state.applied.get(appliedKey(playerId, clientActionId));
    if (previous) return { answer: (await p.durable(sessionId)) ?? { ok: true, entry: previous.entry, seq: previous.seq, duplicate: true } };
    const undone = state.rewound.get(appliedKey(playerId, clientActionId));
    if (undone) return { answer: fail(undoneByRewind(undone.to)) };
    const ended = refuseIfEnded(state);
    if (ended) return { answer: ended };
    if (player.teamId === null) return { answer: fail('you are not in a team yet') };
    return { state, teamId: player.teamId };
  }
}
