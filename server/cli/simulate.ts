/**
 * Headless run of a scenario, as PRODUCT.md's contract says:
 *   npm run simulate -- <scenarioId> [--seed N] [--mode realistic|guided] [--replay reference | --actions plan.json] [--json] [--list-actions]
 * `--mode realistic` (the default) plays as a team would: a plan entry that uses a tool its
 * evidence has not unlocked yet is refused, and the report names the entry and the lead it needs.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { loadScenarios } from '../scenario-registry/load-scenarios.ts';
import { formatProblem } from '../scenario-registry/scenario-problems.ts';
import { planStepSchema, type PlanStep, type Scenario } from '../engine/index.ts';
import { parseArgs } from './parse-args.ts';
import { describeRun, formatActionList, formatRunSummary } from './run-report.ts';

const USAGE = 'usage: npm run simulate -- <scenarioId> [--seed N] [--mode realistic|guided] [--replay reference | --actions plan.json] [--json] [--list-actions]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function readPlan(file: string, scenario: Scenario): Promise<PlanStep[]> {
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
  const known = new Set(scenario.data.actions.map((a) => a.id));
  parsed.data.forEach((step, i) => {
    if ('action' in step && !known.has(step.action)) fail(`plan file ${file}: [${i}].action: unknown action "${step.action}" (see --list-actions)`);
  });
  return parsed.data;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['seed', 'replay', 'actions', 'mode']);
  if ('error' in args) fail(args.error);
  const unknownFlags = [...args.flags].filter((f) => !['json', 'list-actions'].includes(f));
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

  if (args.flags.has('list-actions')) {
    process.stdout.write(args.flags.has('json') ? `${JSON.stringify(scenario.data.actions.map(({ id, title, delayMinutes, params }) => ({ id, title, delayMinutes, params })), null, 2)}\n` : formatActionList(scenario));
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
  const plan: PlanStep[] = replay === 'reference' ? scenario.data.referencePlan : actionsFile ? await readPlan(actionsFile, scenario) : [];
  const planName = replay === 'reference' ? 'reference' : actionsFile ?? 'no action';

  const report = describeRun(scenario, seed, plan, planName, mode);
  process.stdout.write(args.flags.has('json') ? `${JSON.stringify(report, null, 2)}\n` : formatRunSummary(scenario, report));
}

main().catch((err: unknown) => {
  process.stderr.write(`simulate failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
