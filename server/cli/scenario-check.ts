/**
 * `npm run scenario:check [dir] [--no-par] [--responders N]`: validate every scenario folder in
 * `dir` (scenarios/ by default). For each valid one, print its reference run (markers, score) and
 * its par per mode: the blind solver's best plan, played by N responders (3 by default), with its
 * markers and score, in realistic mode (it must find the cause through the leads its evidence
 * reveals) and in guided mode (everything on the runbook); the diagnosis it declared and the
 * earliest right diagnosis it held whose cited findings support every part (judged after solving,
 * from the scenario's `diagnosis.support`, which the solver never sees).
 * A refused scenario prints its problems (file, field, message) on stderr and makes the exit code 1;
 * so does a scenario the solver cannot solve through evidence alone in realistic mode (no plan that
 * resolves it, or no right diagnosis supported by its findings). The others are still checked.
 */
import { loadScenarios } from '../scenario-registry/load-scenarios.ts';
import { formatProblem } from '../scenario-registry/scenario-problems.ts';
import { computePar, type JudgedDiagnosis, type RunSummary } from '../solver/par.ts';
import { parseArgs } from './parse-args.ts';
import { DEFAULT_RESPONDERS, formatClock, type PlanStep, type SessionMode } from '../engine/index.ts';
import { parseResponders } from './responders-option.ts';

const USAGE = 'usage: npm run scenario:check -- [dir] [--no-par] [--responders N]';

const args = parseArgs(process.argv.slice(2), ['responders']);
const responders = 'error' in args ? null : parseResponders(args.values.get('responders'));
if ('error' in args || [...args.flags].some((f) => f !== 'no-par') || args.positional.length > 1 || responders === null || typeof responders === 'string') {
  process.stderr.write(`${'error' in args ? args.error : typeof responders === 'string' ? responders : 'unexpected arguments'}\n${USAGE}\n`);
  process.exit(2);
}
if (args.flags.has('no-par') && args.values.has('responders')) {
  process.stderr.write(`--responders sets who plays the par: it has no use with --no-par\n${USAGE}\n`);
  process.exit(2);
}
const withPar = !args.flags.has('no-par');
let unsolved = 0;
// The checks run every time here (the cache speeds up starts, never this command).
const catalog = await loadScenarios(args.positional[0], { checkCache: null });

const markers = (run: RunSummary) => Object.entries(run.markers).map(([id, t]) => `${id} ${t ?? 'never'}`).join(', ');
const mark = (ok: boolean) => (ok ? 'yes' : 'no');
const claim = (d: JudgedDiagnosis) => `${formatClock(d.at)} ${d.trigger} / ${d.component ? `${d.component} / ` : ''}${d.mechanism} citing ${d.evidence.join(' ') || 'nothing'}`;
const verdict = (d: JudgedDiagnosis) => `${d.correct ? 'right' : 'wrong'}, supported: trigger ${mark(d.support.trigger)}, component ${mark(d.support.component)}, mechanism ${mark(d.support.mechanism)}`;

for (const [id, scenario] of catalog.scenarios) {
  process.stdout.write(`ok      ${id}: ${scenario.data.title}\n`);
  if (!withPar) continue;
  const pars = new Map<SessionMode, number>();
  let realisticPlan: PlanStep[] = [];
  for (const mode of ['realistic', 'guided'] as const) {
    const started = performance.now();
    // The guided solve weighs the realistic plan too (par.ts): handed over, not solved again.
    const report = computePar(scenario, undefined, { responders: responders ?? DEFAULT_RESPONDERS, ...(mode === 'guided' ? { consider: realisticPlan } : {}) }, mode);
    if (mode === 'realistic') realisticPlan = report.solver.plan;
    const { solver } = report;
    pars.set(mode, report.par.score.total);
    const actions = solver.plan.flatMap((s) => ('action' in s ? [`${s.at} ${s.action}${'change' in s.params ? `(${s.params.change})` : ''}`] : []));
    if (mode === 'realistic') process.stdout.write(`        reference      score ${String(report.reference.score.total).padStart(7)}  ${markers(report.reference)}\n`);
    process.stdout.write(
      `        par ${mode.padEnd(10)} score ${String(report.par.score.total).padStart(7)}  ${markers(report.par)}\n`
      + `                       plan (${report.responders} responders): ${actions.join(', ') || 'no action'}`
      + ` (${solver.runs} runs, ${Math.round(solver.simHours)} sim h, ${Math.round(performance.now() - started)} ms)\n`
      + `                       diagnosis declared: ${report.declared ? `${claim(report.declared)} (${verdict(report.declared)})` : 'none'}\n`
      + `                       earliest supported diagnosis: ${report.earliestSupported ? claim(report.earliestSupported) : 'none'}\n`,
    );
    const solved = solver.resolved && report.earliestSupported !== null;
    if (!solver.resolved) process.stdout.write(`        ${mode === 'realistic' ? 'FAIL' : 'WARN'} in ${mode} mode the solver found no plan that resolves the incident\n`);
    else if (!report.beatsReference) process.stdout.write(`        WARN the ${mode} par plan does not beat the reference plan\n`);
    if (report.earliestSupported === null) process.stdout.write(`        ${mode === 'realistic' ? 'FAIL' : 'WARN'} in ${mode} mode the solver held no right diagnosis its findings support\n`);
    if (mode === 'realistic' && !solved) unsolved++;
  }
  // Discovery can only cost time: a realistic par above the guided one means the guided search missed something.
  if (pars.get('realistic')! > pars.get('guided')!) process.stdout.write('        WARN the realistic par is above the guided par\n');
}
for (const refused of catalog.refused) {
  process.stderr.write(`REFUSED ${refused.folder}\n${refused.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
}
if (catalog.refused.length > 0 || unsolved > 0) process.exit(1);
