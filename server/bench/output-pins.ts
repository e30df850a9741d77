/**
 * Pins what the engine produces, so that performance work can prove it changed nothing: digests
 * (sha256) of whole runs of every real scenario, for a few seeds and plans — the final world
 * (samples, feed, records, hidden state, RNG), the decided markers, the CLI's run report (markers,
 * score, metrics), and the team's and facilitator's views at a few moments of the day.
 *
 * `npx tsx server/bench/output-pins.ts --write` rewrites output-pins.json. Do that only when a
 * change is meant to change outputs (a scenario's content or model, scoring rules), and say so in
 * the commit; output-pins.test.ts fails on any other difference and names the run and the part.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeRun } from '../cli/run-report.ts';
import {
  clock, decideMarkers, observe, planToCommands, playTo, createWorld, Rng, runPlan,
  type PlanStep, type Scenario, type SessionMode,
} from '../engine/index.ts';
import { loadScenarios } from '../scenario-registry/load-scenarios.ts';

export const PINS_FILE = path.join(import.meta.dirname, 'output-pins.json');

/** Run name → part → digest. */
export type Pins = Record<string, Record<string, string>>;

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 24);

/** A valid plan drawn from a seeded generator: actions, investigations and diagnoses at random minutes. */
export function randomPlan(scenario: Scenario, seed: number): PlanStep[] {
  const rng = new Rng(seed);
  const { data } = scenario;
  const start = clock(data.clock.start);
  const minutes = Math.floor((clock(data.clock.end) - start) / 60) - 2;
  const hhmm = (t: number) => `${String(Math.floor(t / 3600)).padStart(2, '0')}:${String(Math.floor(t / 60) % 60).padStart(2, '0')}`;
  const plan: PlanStep[] = [];
  for (let i = 0; i < 12; i++) {
    const at = hhmm(start + 60 + rng.int(minutes) * 60);
    const kind = rng.int(10);
    const paramsOf = (specs: typeof data.actions[number]['params']) => Object.fromEntries(specs.map((p) => [
      p.name, p.type === 'enum' ? rng.pick(p.options).value : p.type === 'number' ? p.min : 'Update from a pinned plan',
    ]));
    if (kind < 6) {
      const spec = rng.pick(data.actions);
      plan.push({ at, action: spec.id, params: paramsOf(spec.params) });
    } else if (kind < 9) {
      const spec = rng.pick(data.investigations);
      plan.push({ at, investigate: spec.id, params: paramsOf(spec.params) });
    } else {
      plan.push({ at, diagnose: { trigger: rng.pick(data.diagnosis.triggers).id, mechanism: rng.pick(data.diagnosis.mechanisms).id, text: '' } });
    }
  }
  return plan;
}

interface PinnedRun { name: string; seed: number; plan: readonly PlanStep[]; planName: string; mode: SessionMode }

function runsOf(scenario: Scenario): PinnedRun[] {
  const { data } = scenario;
  const id = data.id;
  const runs: PinnedRun[] = [];
  for (const seed of [data.defaultSeed, 1, 42]) {
    runs.push({ name: `${id} seed ${seed} reference`, seed, plan: data.referencePlan, planName: 'reference', mode: 'realistic' });
  }
  runs.push({ name: `${id} seed ${data.defaultSeed} no action`, seed: data.defaultSeed, plan: [], planName: 'none', mode: 'realistic' });
  for (const planSeed of [11, 12]) {
    runs.push({ name: `${id} seed ${planSeed} random plan ${planSeed} guided`, seed: planSeed, plan: randomPlan(scenario, planSeed), planName: `random-${planSeed}`, mode: 'guided' });
  }
  return runs;
}

/** The digests of one run: whole world, markers, run report, and the views at quarter points of the day. */
function pinRun(scenario: Scenario, run: PinnedRun): Record<string, string> {
  // Commands run as planned, without the headless responder limit: the stepped replay below plays them the same way.
  const { world } = runPlan(scenario, run.seed, run.plan, { mode: run.mode, responders: undefined });
  const out: Record<string, string> = {
    world: digest(world),
    samples: digest(world.samples),
    feed: digest(world.feed),
    markers: digest(decideMarkers(scenario, world)),
    report: digest(describeRun(scenario, run.seed, run.plan, run.planName, { mode: run.mode })),
  };
  // The views as a session serves them, reached in uneven steps as ticks do.
  const start = clock(scenario.data.clock.start);
  const end = clock(scenario.data.clock.end);
  const commands = planToCommands(run.plan);
  let live = createWorld(scenario, run.seed, { mode: run.mode });
  let next = 0;
  for (let q = 1; q <= 4; q++) {
    const until = start + Math.round(((end - start) * q) / 4);
    for (let t = live.t + 97; t < until; t += 97) ({ world: live, next } = playTo(scenario, live, commands, next, t));
    ({ world: live, next } = playTo(scenario, live, commands, next, until));
    out[`team view q${q}`] = digest(observe(scenario, live, { role: 'team' }));
    out[`facilitator view q${q}`] = digest(observe(scenario, live, { role: 'facilitator' }));
    out[`open markers q${q}`] = digest(decideMarkers(scenario, live));
  }
  out['stepped world'] = digest(live);
  return out;
}

/** Every pinned run of every scenario in the catalogue (the real ones). */
export async function computePins(): Promise<Pins> {
  const catalog = await loadScenarios();
  const pins: Pins = {};
  for (const scenario of catalog.scenarios.values()) {
    for (const run of runsOf(scenario)) pins[run.name] = pinRun(scenario, run);
  }
  return pins;
}

if (process.argv[1] === import.meta.filename && process.argv.includes('--write')) {
  const pins = await computePins();
  await writeFile(PINS_FILE, `${JSON.stringify(pins, null, 2)}\n`);
  process.stdout.write(`wrote ${Object.keys(pins).length} pinned runs to ${path.relative(process.cwd(), PINS_FILE)}\n`);
}
