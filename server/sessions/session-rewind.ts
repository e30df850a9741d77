/**
 * The host's rewind of a live session (docs/protocol.md `host:rewind`, docs/scoring.md "Rewinds"):
 * check the request, log one `rewind` entry (rewind-fold.ts rebuilds the worlds), pause, then tell
 * the rewound teams (`team:rewound` and a fresh snapshot per seat) and the host.
 */
import type { z } from 'zod';
import { formatClock, formatClockSeconds, parseClock } from '../engine/index.ts';
import type { Ack, RewoundNotice } from '../protocol/events.ts';
import type { hostRewindSchema } from '../protocol/payloads.ts';
import type { ClockState } from '../protocol/views.ts';
import { rebase, roundMs } from './session-clock.ts';
import type { SessionClockControl } from './session-clock-control.ts';
import { fail, refuseIfEnded, type SessionPipeline } from './session-pipeline.ts';
import { teamTime } from './session-state.ts';
import { clockState } from './session-views.ts';

export type HostRewind = z.output<typeof hostRewindSchema>;

/** "12:00", or "12:00:30" when the time is not on a minute. */
export const rewindClock = (t: number): string => (t % 60 === 0 ? formatClock(t) : formatClockSeconds(t));

/** The answer to a retried request whose first application a rewind undid. */
export const undoneByRewind = (to: number): string =>
  `the facilitator rewound to ${rewindClock(to)}, which undid this request; it no longer counts (send it again if you still want it)`;

export class SessionRewind {
  constructor(private readonly pipeline: SessionPipeline, private readonly clock: SessionClockControl) {}

  async rewind(sessionId: string, request: HostRewind): Promise<Ack<{ clock: ClockState }>> {
    const p = this.pipeline;
    const state = p.registry.get(sessionId);
    if (!state) return fail('no such session');
    const ended = refuseIfEnded(state);
    if (ended) return ended;
    if (state.clock.status === 'lobby') return fail('the clock has not started yet, so there is nothing to rewind');
    const to = typeof request.to === 'number' ? roundMs(request.to) : parseClock(request.to);
    if (to === null) return fail(`"${String(request.to)}" is not a time: write it as HH:MM in UTC, e.g. 12:00`);
    const team = request.teamId === null ? null : state.teams.get(request.teamId);
    if (team === undefined) return fail(`this session has no team "${request.teamId}"`);
    const teams = team === null ? [...state.teams.values()] : [team];
    const { start } = state.clock;
    if (to < start) return fail(`${rewindClock(to)} is before the scenario starts (${rewindClock(start)}): pick ${rewindClock(start)} or later`);
    const now = rebase(state.clock, p.now()).baseSim;
    for (const t of teams) {
      const at = teamTime(state, t, now);
      if (to >= at) return fail(`${t.info.name} is at ${formatClockSeconds(at)}: a rewind goes back in time, so pick a time before that`);
    }

    const teamIds = teams.map((t) => t.info.id);
    this.clock.stopTicking(state);
    p.commit(state, 'rewind', { teamIds, to }, now);
    // The checkpoint is where the clock was before the rewind: restart must not jump back there.
    p.store.setCheckpoint(sessionId, null);
    const notice: RewoundNotice = { to, by: 'facilitator', teamIds };
    for (const teamId of teamIds) {
      p.send({ to: 'team', sessionId, teamId }, 'team:rewound', notice);
      for (const player of state.players.values()) {
        if (player.teamId === teamId) p.send({ to: 'player', sessionId, playerId: player.id }, 'session:snapshot', p.teamSnapshotOf(state, player));
      }
    }
    p.send({ to: 'host', sessionId }, 'team:rewound', notice);
    p.send({ to: 'session', sessionId }, 'session:clock', clockState(state, p.now()));
    const trouble = await p.durable(sessionId);
    return trouble ?? { ok: true, clock: clockState(state, p.now()) };
  }
}
