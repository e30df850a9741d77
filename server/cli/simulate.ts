/**
 * Headless run of a scenario, as PRODUCT.md's contract says:
 *   npm run simulate -- <scenarioId> [--seed N | --seeds A-B] [--mode realistic|guided] [--replay reference | --actions plan.json [--branch-at HH:MM --then b.json]] [--json] [--list-actions]
 * `--seeds 1-50` runs the plan on every seed of the range and prints the spread of each marker
 * and milestone (server/cli/seed-spread.ts).
 * `--branch-at HH:MM --then b.json`: plan a's steps before HH:MM, then plan b, scored from HH:MM on
 * (server/cli/branch-plan.ts): the score a session's branch at HH:MM gets in its debrief.
 * `--disguised` prints everything in the scenario's aliases and reads plans written in them (server/disguise).
 * `--mode realistic` (the default) plays as a team would: a plan entry that uses a tool its
 * evidence has not unlocked yet is refused, and the report names the entry and the lead it needs.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { loadScenarios } from '../scenario-registry/load-scenarios.ts';
import { formatProblem } from '../scenario-registry/scenario-problems.ts';
import { parseClock, planStepSchema, type PlanStep, type Scenario } from '../engine/index.ts';
import { describeBranchRun } from './branch-plan.ts';
import { parseArgs } from './parse-args.ts';
import { disguiseOf, type Disguise } from '../disguise/disguise.ts';
import { describeRun, formatActionList, formatRunSummary } from './run-report.ts';
import { formatSeedSpread, parseSeedRange, seedSpread } from './seed-spread.ts';

const USAGE = 'usage: npm run simulate -- <scenarioId> [--seed N | --seeds A-B] [--mode realistic|guided] [--replay reference | --actions plan.json [--branch-at HH:MM --then b.json]] [--json] [--list-actions] [--disguised]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function readPlan(file: string, scenario: Scenario, disguise: Disguise | null): Promise<PlanStep[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    fail(`cannot read plan file ${file}: ${(err as Error).message}`);
  }
  const parsed = z.array(planStepSchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(`plan file ${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message} (expected an array of {"at": "HH:MM", "action": "<id>", "params": {...}})`);
  }
  const steps = disguise ? parsed.data.map((step) => disguise.realPlanStep(step)) : parsed.data;
  const known = new Set(scenario.data.actions.map((a) => a.id));
  steps.forEach((step, i) => {
    if ('action' in step && !known.has(step.action)) fail(`plan file ${file}: [${i}].action: unknown action "${step.action}" (see --list-actions)`);
  });
  return steps;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['seed', 'seeds', 'replay', 'actions', 'mode', 'branch-at', 'then']);
  if ('error' in args) fail(args.error);
  const unknownFlags = [...args.flags].filter((f) => !['json', 'list-actions', 'disguised'].includes(f));
  if (unknownFlags.length > 0) fail(`unknown option --${unknownFlags[0]}`);
  const [scenarioId, ...extra] = args.positional;
  if (!scenarioId) fail('missing scenario id');
  if (extra.length > 0) fail(`unexpected argument "${extra[0]}"`);

  const catalog = await loadScenarios();
  const scenario = catalog.scenarios.get(scenarioId);
  if (!scenario) {
    const refused = catalog.refused.find((r) => r.folder.endsWith(`/${scenarioId}`));
    if (refused) fail(`scenario ${scenarioId} is invalid:\n${refused.problems.map(formatProblem).join('\n')}`);
    fail(`unknown scenario "${scenarioId}"; known: ${[...catalog.scenarios.keys()].join(', ')}`);
  }

  const disguise = args.flags.has('disguised') ? disguiseOf(scenario.data) : null;
  if (args.flags.has('disguised') && !disguise) fail(`scenario ${scenarioId} declares no disguise (scenario.json "disguise")`);
  // Everything printed goes through the disguise: JSON as values, text as text.
  const text = (report: string) => (disguise ? disguise.report(report) : report);
  const json = (value: unknown) => `${JSON.stringify(disguise ? disguise.mask(value) : value, null, 2)}\n`;

  if (args.flags.has('list-actions')) {
    process.stdout.write(args.flags.has('json') ? json(scenario.data.actions.map(({ id, title, delayMinutes, params }) => ({ id, title, delayMinutes, params }))) : text(formatActionList(scenario)));
    return;
  }

  const seedText = args.values.get('seed');
  const seed = seedText === undefined ? scenario.data.defaultSeed : Number(seedText);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) fail(`--seed must be an integer from 0 to 4294967295, got "${seedText}"`);

  const mode = args.values.get('mode') ?? 'realistic';
  if (mode !== 'realistic' && mode !== 'guided') fail(`--mode is "realistic" or "guided", got "${mode}"`);

  const replay = args.values.get('replay');
  const actionsFile = args.values.get('actions');
  if (replay !== undefined && actionsFile !== undefined) fail('use --replay or --actions, not both');
  if (replay !== undefined && replay !== 'reference') fail(`--replay only knows "reference", got "${replay}"`);
  const plan: PlanStep[] = replay === 'reference' ? scenario.data.referencePlan : actionsFile ? await readPlan(actionsFile, scenario, disguise) : [];
  const planName = replay === 'reference' ? 'reference' : actionsFile ?? 'no action';

  const branchAtText = args.values.get('branch-at');
  const thenFile = args.values.get('then');
  if ((branchAtText === undefined) !== (thenFile === undefined)) fail('--branch-at and --then go together');
  if (branchAtText !== undefined && thenFile !== undefined) {
    if (args.values.has('seeds')) fail('--branch-at runs one seed (use --seed)');
    const at = parseClock(branchAtText);
    if (at === null) fail(`--branch-at takes a UTC time such as 12:00, got "${branchAtText}"`);
    const branch = describeBranchRun(scenario, seed, { before: plan, beforeName: planName, at, after: await readPlan(thenFile, scenario, disguise), afterName: thenFile }, mode);
    if (!branch.ok) fail(branch.error);
    process.stdout.write(args.flags.has('json') ? json(branch.report) : text(formatRunSummary(scenario, branch.report)));
    return;
  }

  const seedsText = args.values.get('seeds');
  if (seedsText !== undefined) {
    if (seedText !== undefined) fail('use --seed or --seeds, not both');
    const range = parseSeedRange(seedsText);
    if (!range) fail(`--seeds takes a range such as 1-50, got "${seedsText}"`);
    const spread = seedSpread(scenario, range, plan, planName);
    process.stdout.write(args.flags.has('json') ? json(spread) : text(formatSeedSpread(spread)));
    return;
  }

  const report = describeRun(scenario, seed, plan, planName, mode);
  process.stdout.write(args.flags.has('json') ? json(report) : text(formatRunSummary(scenario, report)));
}

main().catch((err: unknown) => {
  process.stderr.write(`simulate failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
