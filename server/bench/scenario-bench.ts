/**
 * `npm run bench:scenario -- <scenarioId> [--runs N]`: time whole headless runs of any scenario
 * (createWorld → every reference-plan command → the end, three responders), and of no action.
 * Prints the median and slowest tenth in ms, and the samples per run. Figures taken on a shared,
 * busy machine are only indicative: compare them with `npm run bench` taken at the same time.
 */
import { performance } from 'node:perf_hooks';
import { loadScenarios } from '../scenario-registry/load-scenarios.ts';
import { runPlan, type PlanStep, type Scenario } from '../engine/index.ts';
import { parseArgs } from '../cli/parse-args.ts';

const args = parseArgs(process.argv.slice(2), ['runs']);
if ('error' in args || args.positional.length !== 1) {
  process.stderr.write('usage: npm run bench:scenario -- <scenarioId> [--runs N]\n');
  process.exit(2);
}
const id = args.positional[0]!;
const runs = Number(args.values.get('runs') ?? 60);
const scenario = (await loadScenarios()).scenarios.get(id);
if (!scenario) {
  process.stderr.write(`unknown or refused scenario "${id}"\n`);
  process.exit(1);
}

function time(s: Scenario, plan: readonly PlanStep[]): { median: number; p90: number; samples: number } {
  const ms: number[] = [];
  let samples = 0;
  for (let i = -10; i < runs; i++) {
    const t0 = performance.now();
    const { world } = runPlan(s, s.data.defaultSeed + Math.max(0, i), plan);
    if (i >= 0) ms.push(performance.now() - t0);
    samples = world.samples.length;
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)]!, p90: ms[Math.floor(ms.length * 0.9)]!, samples };
}

const { start, end, stepSeconds } = scenario.data.clock;
process.stdout.write(`${id}: ${start}–${end}, ${stepSeconds}s steps, ${runs} runs each\n`);
for (const [label, plan] of [['reference plan', scenario.data.referencePlan], ['no action', []]] as const) {
  const f = time(scenario, plan);
  process.stdout.write(`  ${label.padEnd(15)} median ${f.median.toFixed(2)} ms, p90 ${f.p90.toFixed(2)} ms (${f.samples} samples)\n`);
}
