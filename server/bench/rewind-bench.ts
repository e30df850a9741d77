/**
 * `npx tsx server/bench/rewind-bench.ts`: how long the host's rewind blocks the event loop on the
 * cloudflare-2025-11-18 scenario: 12 teams in one session each play the reference plan (guided,
 * 60×) until 16:50, then one team, and then every team, is rewound to the middle of the plan.
 * In memory (storage left out), the service as the transport calls it. Median of RUNS sessions.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { formatClock, planToCommands } from '../engine/index.ts';
import { loadScenarios } from '../scenario-registry/load-scenarios.ts';
import { SessionService } from '../sessions/session-service.ts';
import { MemoryStore } from '../storage/memory-store.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TEAMS = 12;
const SPEED = 60;

async function oneSession(): Promise<{ one: number; all: number; label: string }> {
  const catalog = await loadScenarios('scenarios');
  const scenario = catalog.scenarios.get('cloudflare-2025-11-18');
  if (!scenario) throw new Error('scenario cloudflare-2025-11-18 not loaded');
  let wall = 1_000_000;
  const service = new SessionService({
    scenarios: catalog.scenarios, store: new MemoryStore(), now: () => wall,
    outbox: { send() {}, seatChanged() {} }, timers: { every: () => () => {} },
  });
  const created = await service.createSession({ scenarioId: scenario.data.id, teamCount: TEAMS, speed: SPEED, seed: 1, mode: 'guided' }, 'http://bench');
  if (!created.ok) throw new Error(created.error);
  const players: string[] = [];
  for (let i = 1; i <= TEAMS; i++) {
    const joined = await service.join(created.code.replace('-', ''), `P${i}`, `t${i}`, null);
    if (!joined.ok) throw new Error(joined.error);
    players.push(joined.playerId);
  }
  await service.controlClock(created.sessionId, { action: 'start' });
  const state = service.inspect(created.sessionId)!;
  const sessionNow = () => state.clock.baseSim + ((wall - state.clock.baseWall) / 1000) * SPEED;
  const plan = planToCommands(scenario.data.referencePlan);
  let n = 0;
  for (const step of plan) {
    if (step.at > sessionNow()) wall += ((step.at - sessionNow()) / SPEED) * 1000;
    for (const p of players) await service.command(created.sessionId, p, `c${n++}`, step.command);
  }
  wall += ((16 * 3600 + 50 * 60 - sessionNow()) / SPEED) * 1000;
  service.tick(created.sessionId, true);
  const to = plan[Math.floor(plan.length / 2)]!.at;
  let t0 = performance.now();
  const one = await service.rewind(created.sessionId, { teamId: 't1', to });
  const oneMs = performance.now() - t0;
  await service.controlClock(created.sessionId, { action: 'resume' });
  t0 = performance.now();
  const all = await service.rewind(created.sessionId, { teamId: null, to: to - 600 });
  const allMs = performance.now() - t0;
  if (!one.ok || !all.ok) throw new Error('a rewind was refused');
  return { one: oneMs, all: allMs, label: `${plan.length} commands per team, ${TEAMS} teams at 16:50, rewind to ${formatClock(to)} (one team) then ${formatClock(to - 600)} (all)` };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await oneSession());
  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, ${RUNS} sessions`);
  console.log(runs[0]!.label);
  console.log(`rewind one team: median ${median(runs.map((r) => r.one)).toFixed(1)} ms (first session ${runs[0]!.one.toFixed(1)} ms)`);
  console.log(`rewind all ${TEAMS} teams: median ${median(runs.map((r) => r.all)).toFixed(1)} ms`);
}

void main();
