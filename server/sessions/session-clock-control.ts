/**
 * The host's clock controls and the per-session tick: start, pause, resume, speed, skip, end, and
 * advancing every team's world to now once per tick (ending the session at the scenario's end).
 */
import type { z } from 'zod';
import type { Ack } from '../protocol/events.ts';
import type { clockControlSchema } from '../protocol/payloads.ts';
import type { ClockState } from '../protocol/views.ts';
import { rebase, roundMs, simNow } from './session-clock.ts';
import type { TickTimers } from './session-outbox.ts';
import { fail, refuseIfEnded, type Fail, type SessionPipeline } from './session-pipeline.ts';
import type { SessionState } from './session-state.ts';
import { clockState, debriefLinks } from './session-views.ts';

export type ClockControl = z.output<typeof clockControlSchema>;

const ALLOWED: Record<ClockControl['action'], readonly string[]> = {
  start: ['lobby'], pause: ['running'], resume: ['paused'], speed: ['lobby', 'running', 'paused'],
  skip: ['running', 'paused'], end: ['lobby', 'running', 'paused'],
};

export class SessionClockControl {
  private readonly stopTick = new Map<string, () => void>();

  constructor(private readonly pipeline: SessionPipeline, private readonly timers: TickTimers, private readonly tickMs: number) {}

  async control(sessionId: string, control: ClockControl): Promise<Ack<{ clock: ClockState }>> {
    const p = this.pipeline;
    const state = p.registry.get(sessionId);
    if (!state) return fail('no such session');
    const ended = refuseIfEnded(state);
    if (ended) return ended;
    const status = state.clock.status;
    const at = rebase(state.clock, p.now());
    if (!ALLOWED[control.action].includes(status)) return fail(`cannot ${control.action} a session that is ${status}`);
    if (control.action === 'end') {
      const trouble = await this.endSession(state, 'host');
      return trouble ?? { ok: true, clock: clockState(state, p.now()) };
    }
    const simTime = control.action === 'skip' ? roundMs(Math.min(state.clock.end, at.baseSim + control.minutes * 60)) : at.baseSim;
    const speed = control.action === 'speed' ? control.speed : state.clock.speed;
    p.commit(state, 'clock', { action: control.action, simTime, speed, reason: 'host' }, simTime);
    if (state.clock.status === 'running') this.startTicking(state);
    else this.stopTicking(state);
    p.send({ to: 'session', sessionId }, 'session:clock', clockState(state, p.now()));
    this.tick(sessionId, true);
    const trouble = await p.durable(sessionId);
    return trouble ?? { ok: true, clock: clockState(state, p.now()) };
  }

  /** Advance every team's world to now and send what is new. `force`: also when not running. */
  tick(sessionId: string, force = false): void {
    const p = this.pipeline;
    const state = p.registry.get(sessionId);
    if (!state || (state.clock.status !== 'running' && !force)) return;
    const wall = p.now();
    const t = simNow(state.clock, wall);
    if (state.clock.status === 'running' && t >= state.clock.end) {
      void this.endSession(state, 'scenario-end');
      return;
    }
    p.emitDeltas(state, t, wall);
    if (state.clock.status === 'running') p.store.setCheckpoint(sessionId, { simTime: roundMs(t), wall });
  }

  /** Stop ticking and save where every running clock is (graceful shutdown). */
  async shutdown(): Promise<void> {
    const p = this.pipeline;
    const wall = p.now();
    for (const [id, stop] of this.stopTick) {
      stop();
      const state = p.registry.residentSession(id);
      if (state) p.store.setCheckpoint(id, { simTime: roundMs(simNow(state.clock, wall)), wall });
    }
    this.stopTick.clear();
    await p.store.flush();
  }

  startTicking(state: SessionState): void {
    const id = state.settings.id;
    if (this.stopTick.has(id)) return;
    this.stopTick.set(id, this.timers.every(this.tickMs, () => this.tick(id)));
  }

  stopTicking(state: SessionState): void {
    const id = state.settings.id;
    this.stopTick.get(id)?.();
    this.stopTick.delete(id);
  }

  private async endSession(state: SessionState, reason: 'host' | 'scenario-end'): Promise<Fail | null> {
    if (state.ended) return null;
    const p = this.pipeline;
    const wall = p.now();
    const simTime = roundMs(simNow(state.clock, wall));
    this.stopTicking(state);
    p.emitDeltas(state, simTime, wall);
    p.commit(state, 'clock', { action: 'end', simTime, speed: state.clock.speed, reason }, simTime);
    p.store.setCheckpoint(state.settings.id, null);
    const sessionId = state.settings.id;
    // Final deltas carry `ended: true` once the world reached the scenario end; the clock says ended either way.
    p.emitDeltas(state, simTime, wall);
    p.send({ to: 'session', sessionId }, 'session:clock', clockState(state, wall));
    const trouble = await p.durable(sessionId);
    p.send({ to: 'session', sessionId }, 'session:ended', debriefLinks(sessionId));
    p.registry.keepEnded(sessionId);
    return trouble;
  }
}
