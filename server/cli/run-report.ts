import {
  clock, computeMetrics, DEFAULT_RESPONDERS, decideMarkers, formatClock, planToCommands, runCommands, runPlan, scoreRun,
  type Command, type PlanStep, type Scenario, type ScoreBreakdown, type ScoreWindow, type SessionMode, type TimedCommand,
} from '../engine/index.ts';

export interface RunReport {
  scenario: string;
  seed: number;
  mode: SessionMode;
  /** Responders who played the plan (r1…rN). */
  responders: number;
  plan: string;
  /** Marker id → "HH:MM", or null when it never happened. */
  markers: Record<string, string | null>;
  /** Real times of the markers that have one, for comparison. */
  realMarkers: Record<string, string>;
  score: ScoreBreakdown;
  /** Plan entries the engine refused: `entry` is "HH:MM <kind> <id>", `needs` the leads a locked one lacked. */
  refused: { at: string; entry: string; error: string; needs?: string[] }[];
  /** Plan entries that waited for a free responder: asked at `at`, run at `ranAt` by `by`. */
  waited: { at: string; ranAt: string; by: string; entry: string }[];
  [metric: string]: unknown;
}

/** A plan entry as the CLI names it: "investigate logs {…}", "diagnose t / c / m citing F3" (with its responder). */
const entryOf = (command: Command): string => `${describeEntry(command)}${'by' in command && command.by !== undefined ? ` (${command.by})` : ''}`;

const describeEntry = (command: Command): string => {
  switch (command.type) {
    case 'act': return `action ${command.action}${Object.keys(command.params ?? {}).length > 0 ? ` ${JSON.stringify(command.params)}` : ''}`;
    case 'investigate': return `investigate ${command.investigation}${Object.keys(command.params ?? {}).length > 0 ? ` ${JSON.stringify(command.params)}` : ''}`;
    case 'diagnose': return `diagnose ${command.trigger}${command.component ? ` / ${command.component}` : ''} / ${command.mechanism}${command.evidence && command.evidence.length > 0 ? ` citing ${command.evidence.join(' ')}` : ''}`;
    case 'cancel': return `cancel ${command.entry}`;
    case 'inject': return `inject ${command.title}`;
  }
};

/** How a headless run is played: the mode and the number of responders (r1…rN). */
export interface PlayOptions {
  mode?: SessionMode;
  responders?: number;
}

export function describeRun(scenario: Scenario, seed: number, plan: readonly PlanStep[], planName: string, play: PlayOptions = {}): RunReport {
  return describeCommands(scenario, seed, planToCommands(plan), planName, play);
}

/** `window`: score only from a branch point on (server/cli/branch-plan.ts). */
export function describeCommands(scenario: Scenario, seed: number, commands: readonly TimedCommand[], planName: string, play: PlayOptions = {}, window: ScoreWindow = {}): RunReport {
  const { mode = 'realistic', responders = DEFAULT_RESPONDERS } = play;
  const run = runCommands(scenario, seed, commands, undefined, { mode, responders });
  // The real responders' run is the same in both modes: it is the yardstick, not a team (three of them).
  const reference = planName === 'reference' && mode === 'realistic' && responders === DEFAULT_RESPONDERS ? run : runPlan(scenario, seed, scenario.data.referencePlan);
  const { markers } = decideMarkers(scenario, run.world);
  const report: RunReport = {
    scenario: scenario.data.id,
    seed,
    mode,
    responders,
    plan: planName,
    markers: Object.fromEntries(Object.entries(markers).map(([id, t]) => [id, t === null ? null : formatClock(t)])),
    realMarkers: Object.fromEntries(scenario.data.markers.filter((m) => m.real).map((m) => [m.id, m.real as string])),
    score: scoreRun(scenario, run.world, reference.world, window),
    refused: run.refused.map((r) => ({
      at: formatClock(r.at), entry: `${formatClock(r.at)} ${entryOf(r.command)}`,
      error: r.needs ? `${r.error} It needs the lead${r.needs.length > 1 ? 's' : ''} ${r.needs.join(', ')} first.` : r.error,
      ...(r.needs ? { needs: r.needs } : {}),
    })),
    waited: run.waited.map((w) => ({ at: formatClock(w.at), ranAt: formatClock(w.ranAt), by: w.by, entry: `${formatClock(w.at)} ${entryOf(w.command)}` })),
  };
  // Scenario metrics (e.g. peak_failing_share) sit at the top level, as the contract asks.
  for (const [id, value] of Object.entries(computeMetrics(scenario.data, run.world.samples))) report[id] = value;
  return report;
}

export function formatRunSummary(scenario: Scenario, report: RunReport): string {
  const lines = [`${scenario.data.title} (${report.scenario}), seed ${report.seed}, ${report.mode} mode, ${report.responders} responder${report.responders === 1 ? '' : 's'}, plan: ${report.plan}`, '', 'marker                      simulated  real   Δ min'];
  for (const rule of scenario.data.markers) {
    const sim = report.markers[rule.id] ?? null;
    const delta = sim && rule.real ? String((clock(sim) - clock(rule.real)) / 60) : '';
    lines.push(`${rule.id.padEnd(28)}${(sim ?? 'never').padEnd(11)}${(rule.real ?? '').padEnd(7)}${delta}`);
  }
  for (const m of scenario.data.metrics) lines.push(`${m.id.padEnd(28)}${String(report[m.id])}`);
  lines.push('', `score ${report.score.total}${report.score.from === undefined ? '' : ` (scored from ${formatClock(report.score.from)})`}`);
  for (const m of report.score.milestones) {
    lines.push(`  ${m.label.padEnd(34)}${m.team === null ? 'never' : formatClock(m.team)} (real ${formatClock(m.real)})  ${m.points} (${m.weight} at the real time)${m.inherited ? ' (before the branch point: not scored again)' : ''}`);
  }
  lines.push(`  impact: ${report.score.impact.errorMinutes} error-minutes (reference ${report.score.impact.referenceErrorMinutes})  ${report.score.impact.points}`);
  for (const p of report.score.penalties) lines.push(`  −${p.points} at ${formatClock(p.at)}: ${p.reason}`);
  for (const w of report.waited) lines.push(`  waited  ${w.entry}: every responder was busy; ${w.by} started it at ${w.ranAt}`);
  for (const r of report.refused) lines.push(`  refused ${r.entry}: ${r.error}`);
  return `${lines.join('\n')}\n`;
}

export function formatActionList(scenario: Scenario): string {
  const lines: string[] = [];
  for (const a of scenario.data.actions) {
    const params = a.params.map((p) => (p.type === 'enum' ? `${p.name}=${p.options.map((o) => o.value).join('|')}` : p.type === 'number' ? `${p.name}=${p.min}..${p.max}` : `${p.name}="text"`));
    lines.push(`${a.id.padEnd(30)} ${`+${a.delayMinutes} min`.padEnd(9)} ${`work ${a.workMinutes} min`.padEnd(13)} ${params.join(' ')}`.trimEnd());
    lines.push(`${''.padEnd(31)}${a.title}`);
  }
  return `${lines.join('\n')}\n`;
}
