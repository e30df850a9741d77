/**
 * `npm run scenario:check [dir] [--no-par]`: validate every scenario folder in `dir` (scenarios/ by
 * default). For each valid one, print its reference run (markers, score) and its par per mode: the
 * blind solver's best plan, with its markers and score, in realistic mode (it must find the cause
 * through the leads its evidence reveals) and in guided mode (everything on the runbook). A refused scenario prints its problems (file,
 * field, message) on stderr and makes the exit code 1; the others are still checked.
 */
import { loadScenarios } from '../scenario-registry/load-scenarios.ts';
import { formatProblem } from '../scenario-registry/scenario-problems.ts';
import { computePar, type RunSummary } from '../solver/par.ts';
import { parseArgs } from './parse-args.ts';
import type { SessionMode } from '../engine/index.ts';

const USAGE = 'usage: npm run scenario:check -- [dir] [--no-par]';

const args = parseArgs(process.argv.slice(2), []);
if ('error' in args || [...args.flags].some((f) => f !== 'no-par') || args.positional.length > 1) {
  process.stderr.write(`${'error' in args ? args.error : 'unexpected arguments'}\n${USAGE}\n`);
  process.exit(2);
}
const withPar = !args.flags.has('no-par');
// The checks run every time here (the cache speeds up starts, never this command).
const catalog = await loadScenarios(args.positional[0], { checkCache: null });

const markers = (run: RunSummary) => Object.entries(run.markers).map(([id, t]) => `${id} ${t ?? 'never'}`).join(', ');

for (const [id, scenario] of catalog.scenarios) {
  process.stdout.write(`ok      ${id}: ${scenario.data.title}\n`);
  if (!withPar) continue;
  const pars = new Map<SessionMode, number>();
  for (const mode of ['realistic', 'guided'] as const) {
    const started = performance.now();
    const report = computePar(scenario, undefined, {}, mode);
    const { solver } = report;
    pars.set(mode, report.par.score.total);
    const actions = solver.plan.flatMap((s) => ('action' in s ? [`${s.at} ${s.action}${'change' in s.params ? `(${s.params.change})` : ''}`] : []));
    const diagnosis = solver.diagnosis ? `${solver.diagnosis.trigger.id} / ${solver.diagnosis.mechanism.id}` : 'none';
    if (mode === 'realistic') process.stdout.write(`        reference      score ${String(report.reference.score.total).padStart(7)}  ${markers(report.reference)}\n`);
    process.stdout.write(
      `        par ${mode.padEnd(10)} score ${String(report.par.score.total).padStart(7)}  ${markers(report.par)}\n`
      + `                       plan: ${actions.join(', ') || 'no action'}; diagnosis ${diagnosis}`
      + ` (${solver.runs} runs, ${Math.round(solver.simHours)} sim h, ${Math.round(performance.now() - started)} ms)\n`,
    );
    if (!solver.resolved) process.stdout.write(`        WARN in ${mode} mode the solver found no plan that resolves the incident\n`);
    else if (!report.beatsReference) process.stdout.write(`        WARN the ${mode} par plan does not beat the reference plan\n`);
  }
  // Discovery can only cost time: a realistic par above the guided one means the guided search missed something.
  if (pars.get('realistic')! > pars.get('guided')!) process.stdout.write('        WARN the realistic par is above the guided par\n');
}
for (const refused of catalog.refused) {
  process.stderr.write(`REFUSED ${refused.folder}\n${refused.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
}
if (catalog.refused.length > 0) process.exit(1);
