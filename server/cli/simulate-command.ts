/**
 * `npm run simulate`, as a function of its arguments (server/cli/simulate.ts prints what it
 * returns): a headless run of a scenario, as PRODUCT.md's contract says.
 *   <scenarioId> [--seed N | --seeds A-B] [--mode realistic|guided] [--responders N]
 *   [--replay reference | --actions plan.json] [--branch-at HH:MM --then b.json] [--json] [--list-actions]
 * Every option works with every other, or is refused with a message naming both:
 * - `--seeds 1-50` runs the run the other options describe on every seed of the range and prints
 *   the spread of each marker and milestone (seed-spread.ts); with `--branch-at` it spreads the branch.
 * - `--branch-at HH:MM --then b.json`: plan a's steps before HH:MM, then plan b, scored from HH:MM
 *   on (branch-plan.ts): the score a session's branch at HH:MM gets in its debrief.
 * - `--mode realistic` (the default) plays as a team would: a plan entry that uses a tool its
 *   evidence has not unlocked yet is refused, and the report names the entry and the lead it needs.
 * - `--responders N` (default 3): r1…rN play, one investigation or change each at a time; an entry
 *   with `"by": "r2"` goes to r2, one without to the first free, and waits when none is. Waited and
 *   refused entries are reported.
 * - `--list-actions` prints the scenario's actions (with `--json` as JSON) and runs nothing.
 * - `--disguised` prints everything in the scenario's aliases (ids included) and reads plans
 *   written in them (server/disguise); it goes with every other option.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { loadScenarios } from '../scenario-registry/load-scenarios.ts';
import { formatProblem } from '../scenario-registry/scenario-problems.ts';
import { parseClock, planStepSchema, type PlanStep, type Scenario } from '../engine/index.ts';
import { describeBranchRun } from './branch-plan.ts';
import { parseArgs } from './parse-args.ts';
import { parseResponders } from './responders-option.ts';
import { describeRun, formatActionList, formatRunSummary, type PlayOptions, type RunReport } from './run-report.ts';
import { formatSeedSpread, parseSeedRange, seedSpread } from './seed-spread.ts';
import { disguiseOf, type Disguise } from '../disguise/disguise.ts';

export const USAGE = 'usage: npm run simulate -- <scenarioId> [--seed N | --seeds A-B] [--mode realistic|guided] [--responders N] [--replay reference | --actions plan.json] [--branch-at HH:MM --then b.json] [--json] [--list-actions] [--disguised]';

const VALUED = ['seed', 'seeds', 'mode', 'responders', 'replay', 'actions', 'branch-at', 'then'] as const;
const SWITCHES = ['json', 'list-actions', 'disguised'] as const;

export interface CliResult {
  /** 0: done; 2: the arguments or a plan file were refused. */
  code: number;
  stdout: string;
  stderr: string;
}

/** A refusal of the arguments: the message says what to change. */
class Refused extends Error {}
const refuse = (message: string): never => { throw new Refused(message); };

async function readPlan(file: string, scenario: Scenario, responders: number, disguise: Disguise | null): Promise<PlanStep[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    refuse(`cannot read plan file ${file}: ${(err as Error).message}`);
  }
  const parsed = z.array(planStepSchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    refuse(`plan file ${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message} (expected an array of {"at": "HH:MM", "action" | "investigate": "<id>", "params": {...}, "by"?: "r1"} or {"at": "HH:MM", "diagnose": {...}})`);
  }
  // A disguised run reads plans written in the aliases.
  const steps = disguise ? parsed.data!.map((step) => disguise.realPlanStep(step)) : parsed.data!;
  const actions = new Set(scenario.data.actions.map((a) => a.id));
  const investigations = new Set(scenario.data.investigations.map((i) => i.id));
  const names = Array.from({ length: responders }, (_, i) => `r${i + 1}`);
  steps.forEach((step, i) => {
    if ('action' in step && !actions.has(step.action)) refuse(`plan file ${file}: [${i}].action: unknown action "${step.action}" (see --list-actions)`);
    if ('investigate' in step && !investigations.has(step.investigate)) refuse(`plan file ${file}: [${i}].investigate: unknown investigation "${step.investigate}"`);
    // A name outside r1…rN would quietly add a responder to the team.
    if (step.by !== undefined && !names.includes(step.by)) refuse(`plan file ${file}: [${i}].by: "${step.by}" is not one of the ${responders} responders (${names.join(', ')}); change --responders or the entry`);
  });
  return steps;
}

async function run(argv: readonly string[], scenarioDir: string | undefined): Promise<string> {
  const args = parseArgs(argv, VALUED);
  if ('error' in args) refuse(args.error);
  const { flags, values, positional } = args as Exclude<typeof args, { error: string }>;
  const unknown = [...flags].find((f) => !(SWITCHES as readonly string[]).includes(f));
  if (unknown) refuse(`unknown option --${unknown}`);
  const [scenarioId, ...extra] = positional;
  if (!scenarioId) refuse('missing scenario id');
  if (extra.length > 0) refuse(`unexpected argument "${extra[0]}"`);
  const json = flags.has('json');

  // Options that cannot go together, each named in the answer.
  if (flags.has('list-actions')) {
    const runOption = VALUED.find((v) => values.has(v));
    if (runOption) refuse(`--list-actions prints the scenario's actions and runs nothing: --${runOption} has no use with it`);
  }
  if (values.has('seed') && values.has('seeds')) refuse('use --seed or --seeds, not both');
  if (values.has('replay') && values.has('actions')) refuse('use --replay or --actions, not both');
  if (values.has('branch-at') !== values.has('then')) refuse('--branch-at and --then go together');

  const catalog = await loadScenarios(scenarioDir);
  const scenario = catalog.scenarios.get(scenarioId!);
  if (!scenario) {
    const invalid = catalog.refused.find((r) => r.folder.endsWith(`/${scenarioId}`));
    if (invalid) refuse(`scenario ${scenarioId} is invalid:\n${invalid.problems.map(formatProblem).join('\n')}`);
    refuse(`unknown scenario "${scenarioId}"; known: ${[...catalog.scenarios.keys()].join(', ')}`);
  }
  const s = scenario!;

  const disguise = flags.has('disguised') ? disguiseOf(s.data) : null;
  if (flags.has('disguised') && !disguise) refuse(`scenario ${scenarioId} declares no disguise (scenario.json "disguise")`);
  // Everything printed goes through the disguise: JSON as values, text as text.
  const asJson = (value: unknown) => `${JSON.stringify(disguise ? disguise.mask(value) : value, null, 2)}\n`;
  const asText = (report: string) => (disguise ? disguise.report(report) : report);

  if (flags.has('list-actions')) {
    return json ? asJson(s.data.actions.map(({ id, title, delayMinutes, workMinutes, params }) => ({ id, title, delayMinutes, workMinutes, params }))) : asText(formatActionList(s));
  }

  const seedText = values.get('seed');
  const seed = seedText === undefined ? s.data.defaultSeed : Number(seedText);
  if (!/^\d+$/.test(seedText ?? '0') || seed > 0xffffffff) refuse(`--seed must be an integer from 0 to 4294967295, got "${seedText}"`);
  const mode = values.get('mode') ?? 'realistic';
  if (mode !== 'realistic' && mode !== 'guided') refuse(`--mode is "realistic" or "guided", got "${mode}"`);
  const responders = parseResponders(values.get('responders'));
  if (typeof responders === 'string') refuse(responders);
  const play: PlayOptions = { mode: mode as PlayOptions['mode'], responders: responders as number };

  const replay = values.get('replay');
  const actionsFile = values.get('actions');
  if (replay !== undefined && replay !== 'reference') refuse(`--replay only knows "reference", got "${replay}"`);
  const plan = replay === 'reference' ? s.data.referencePlan : actionsFile ? await readPlan(actionsFile, s, play.responders!, disguise) : [];
  const planName = replay === 'reference' ? 'reference' : actionsFile ?? 'no action';

  // One run of the options given, for one seed: a plain run or a branch.
  let runSeed: (seed: number) => RunReport = (n) => describeRun(s, n, plan, planName, play);
  const branchAtText = values.get('branch-at');
  const thenFile = values.get('then');
  if (branchAtText !== undefined && thenFile !== undefined) {
    const at = parseClock(branchAtText);
    if (at === null) refuse(`--branch-at takes a UTC time such as 12:00, got "${branchAtText}"`);
    const after = await readPlan(thenFile, s, play.responders!, disguise);
    runSeed = (n) => {
      const branch = describeBranchRun(s, n, { before: plan, beforeName: planName, at: at!, after, afterName: thenFile }, play);
      return branch.ok ? branch.report : refuse(branch.error);
    };
  }

  const seedsText = values.get('seeds');
  if (seedsText !== undefined) {
    const range = parseSeedRange(seedsText);
    if (!range) refuse(`--seeds takes a range such as 1-50, got "${seedsText}"`);
    const spread = seedSpread(s, range!, runSeed);
    return json ? asJson(spread) : asText(formatSeedSpread(spread));
  }
  const report = runSeed(seed);
  return json ? asJson(report) : asText(formatRunSummary(s, report));
}

export async function simulateCommand(argv: readonly string[], scenarioDir?: string): Promise<CliResult> {
  try {
    return { code: 0, stdout: await run(argv, scenarioDir), stderr: '' };
  } catch (err) {
    if (err instanceof Refused) return { code: 2, stdout: '', stderr: `${err.message}\n${USAGE}\n` };
    throw err;
  }
}
