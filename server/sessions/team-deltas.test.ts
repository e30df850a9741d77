import { beforeAll, describe, expect, it } from 'vitest';
import { applyHostDeltas, applyTeamDelta } from '../../client/lib/merge-delta.ts';
import { clock, DEFAULT_RESPONDERS, runPlan, type Scenario } from '../engine/index.ts';
import { loadScenarios } from '../scenario-registry/load-scenarios.ts';
import type { HostSnapshot, HostTeamDelta, TeamDelta, TeamSnapshot } from '../protocol/views.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import { ManualTimers, RecordingOutbox } from './session-test-support.ts';
import { SessionService } from './session-service.ts';

let scenarios: Scenario[];
beforeAll(async () => { scenarios = [...(await loadScenarios()).scenarios.values()]; });

/**
 * A whole session of a real scenario at 60×, realistic mode: team 1's three responders play the real
 * responders' plan (finding leads that unlock tools; each command by the responder the headless run
 * gives it to), team 2 does nothing, a fourth player joins late; a few ticks arrive late (two sim
 * minutes at once).
 */
async function playWhole(scenario: Scenario) {
  let wall = 5_000_000;
  const outbox = new RecordingOutbox();
  const timers = new ManualTimers();
  const service = new SessionService({ scenarios: new Map([[scenario.data.id, scenario]]), store: new MemoryStore(), outbox, timers, now: () => wall });
  const created = await service.createSession({ scenarioId: scenario.data.id, teamCount: 2, speed: 60, mode: 'realistic', lateJoiners: 'open' }, 'http://h');
  if (!created.ok) throw new Error(created.error);
  const code = created.code.replace('-', '');
  const host = service.attachHost(code, created.hostSecret, 'http://h');
  const ada = await service.join(code, 'Ada', 't1', null);
  const bob = await service.join(code, 'Bob', 't2', null);
  if (!host.ok || !ada.ok || !bob.ok) throw new Error('could not seat');
  const hands = new Map<string, string>([['r1', ada.playerId]]);
  for (let i = 2; i <= DEFAULT_RESPONDERS; i++) {
    const mate = await service.join(code, `Mate ${i}`, 't1', null);
    if (!mate.ok) throw new Error(mate.error);
    hands.set(`r${i}`, mate.playerId);
  }
  await service.controlClock(created.sessionId, { action: 'start' });
  const start = clock(scenario.data.clock.start);
  const end = clock(scenario.data.clock.end);
  // Who does what, and when, as the headless run gives it out (an entry may wait for free hands).
  const commands = runPlan(scenario, scenario.data.defaultSeed, scenario.data.referencePlan, { mode: 'realistic' }).played;
  let next = 0;
  let late: TeamSnapshot | null = null;
  const midday = start + Math.round((end - start) / 120) * 60;
  for (let sim = start + 60, tick = 0; sim <= end + 60; sim += 60, tick++) {
    while (next < commands.length && commands[next]!.at <= sim - 60) {
      const { command } = commands[next]!;
      if (command.type !== 'inject') {
        const by = 'by' in command && command.by ? command.by : 'r1';
        const ack = await service.command(created.sessionId, hands.get(by)!, `c${next}`, command);
        if (!ack.ok) throw new Error(ack.error);
      }
      next++;
    }
    wall += 1000;
    if (tick % 7 === 3) continue; // a late tick: the next one covers two sim minutes
    timers.fire();
    if (sim === midday) {
      const cy = await service.join(code, 'Cy', 't1', null);
      if (!cy.ok) throw new Error(cy.error);
      late = cy.snapshot;
    }
  }
  await new Promise((r) => setImmediate(r));
  return { service, outbox, sessionId: created.sessionId, host: host.snapshot, ada, bob, late: late! };
}

describe('team and host deltas', () => {
  it('folded as the browser folds them, give exactly the world a fresh snapshot holds (both real scenarios)', async () => {
    for (const scenario of scenarios) {
      const { service, outbox, sessionId, host, ada, bob, late } = await playWhole(scenario);
      expect(service.inspect(sessionId)?.clock.status).toBe('ended');
      const toTeam = (teamId: string) => outbox.sent.filter((s) => s.event === 'team:delta' && s.audience.to === 'team' && s.audience.teamId === teamId).map((s) => s.payload as TeamDelta);
      const hostDeltas = outbox.sent.filter((s) => s.event === 'host:delta').map((s) => s.payload as HostTeamDelta[]);

      const freshWorld = (playerId: string) => {
        const fresh = service.teamSnapshot(sessionId, playerId);
        if (!fresh.ok) throw new Error(fresh.error);
        return fresh.snapshot.world;
      };
      for (const [player, teamId] of [[ada, 't1'], [bob, 't2']] as const) {
        const folded = toTeam(teamId).reduce(applyTeamDelta, player.snapshot);
        expect(folded.world, `${scenario.data.id} ${teamId}`).toEqual(freshWorld(player.playerId));
      }
      // A player who joined mid-session folds the deltas sent after its snapshot into the same world.
      const lateDeltas = toTeam('t1').filter((d) => d.t > late.world!.t);
      expect(lateDeltas.reduce(applyTeamDelta, late).world).toEqual(freshWorld(ada.playerId));

      const freshHost = service.hostSnapshot(sessionId, 'http://h');
      if (!freshHost.ok) throw new Error(freshHost.error);
      const foldedHost: HostSnapshot = hostDeltas.reduce(applyHostDeltas, host);
      expect(foldedHost.teams.map((t) => t.world), scenario.data.id).toEqual(freshHost.snapshot.teams.map((t) => t.world));
      // The team that played the plan found leads and got records; deltas carried them incrementally.
      const played = toTeam('t1');
      expect(played.some((d) => (d.actions?.length ?? 0) > 0)).toBe(true);
      expect(Math.max(...played.map((d) => d.actions?.length ?? 0))).toBeLessThan(scenario.data.referencePlan.length);
      // Runbook changes carry the sections a lead changed, not the whole runbook each time.
      const changes = played.filter((d) => d.runbook !== undefined);
      expect(changes.length).toBeGreaterThan(0);
      const wholeRunbook = JSON.stringify(freshWorld(ada.playerId)!.runbook).length;
      expect(Math.max(...changes.map((d) => JSON.stringify(d.runbook).length))).toBeLessThan(wholeRunbook);
      // Truth and markers travel only when they change.
      expect(hostDeltas.flat().filter((d) => d.truth !== undefined).length).toBeLessThan(hostDeltas.flat().length);
    }
  }, 60_000);
});
