/**
 * The same plan over a range of seeds (`npm run simulate -- <id> --seeds 1-50`): for each marker,
 * on how many seeds it happened and its earliest and latest time; for each milestone, the fewest
 * and most points. Seeds vary the details; this shows whether the structure holds on all of them.
 * Each seed is run as a single run would be (same mode, responders, branch), by `run`.
 */
import { formatClock, type Scenario, type SessionMode } from '../engine/index.ts';
import type { RunReport } from './run-report.ts';

export interface SeedSpread {
  scenario: string;
  plan: string;
  mode: SessionMode;
  responders: number;
  seeds: [number, number];
  markers: Record<string, { reached: number; min: string | null; max: string | null }>;
  milestones: Record<string, { min: number; max: number }>;
  runs: { seed: number; markers: RunReport['markers']; milestonePoints: Record<string, number>; total: number; refused: number; waited: number }[];
}

export function parseSeedRange(text: string): [number, number] | null {
  const m = /^(\d+)-(\d+)$/.exec(text);
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a <= b && b - a < 10_000 ? [a, b] : null;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

export function seedSpread(scenario: Scenario, seeds: [number, number], run: (seed: number) => RunReport): SeedSpread {
  const runs: SeedSpread['runs'] = [];
  let first: RunReport | null = null;
  for (let seed = seeds[0]; seed <= seeds[1]; seed++) {
    const report = run(seed);
    first ??= report;
    runs.push({
      seed, markers: report.markers, total: report.score.total, refused: report.refused.length, waited: report.waited.length,
      milestonePoints: Object.fromEntries(report.score.milestones.map((m) => [m.id, m.points])),
    });
  }
  const markers: SeedSpread['markers'] = {};
  for (const rule of scenario.data.markers) {
    const times = runs.map((r) => r.markers[rule.id]).filter((t): t is string => t !== null && t !== undefined).map(minutesOf);
    const fmt = (m: number) => formatClock(m * 60);
    markers[rule.id] = { reached: times.length, min: times.length ? fmt(Math.min(...times)) : null, max: times.length ? fmt(Math.max(...times)) : null };
  }
  const milestones: SeedSpread['milestones'] = {};
  for (const m of scenario.data.milestones) {
    const points = runs.map((r) => r.milestonePoints[m.id] ?? 0);
    milestones[m.id] = { min: Math.min(...points), max: Math.max(...points) };
  }
  return { scenario: scenario.data.id, plan: first!.plan, mode: first!.mode, responders: first!.responders, seeds, markers, milestones, runs };
}

export function formatSeedSpread(spread: SeedSpread): string {
  const n = spread.runs.length;
  const lines = [`${spread.scenario}, seeds ${spread.seeds[0]}–${spread.seeds[1]}, ${spread.mode} mode, ${spread.responders} responder${spread.responders === 1 ? '' : 's'}, plan: ${spread.plan}`, '', 'marker                      reached  earliest  latest'];
  for (const [id, s] of Object.entries(spread.markers)) lines.push(`${id.padEnd(28)}${`${s.reached}/${n}`.padEnd(9)}${(s.min ?? '–').padEnd(10)}${s.max ?? '–'}`);
  lines.push('', 'milestone                   points min  max');
  for (const [id, s] of Object.entries(spread.milestones)) lines.push(`${id.padEnd(28)}${String(s.min).padEnd(12)}${s.max}`);
  const totals = spread.runs.map((r) => r.total);
  lines.push('', `total score: min ${Math.min(...totals)}, max ${Math.max(...totals)}`);
  const refused = spread.runs.filter((r) => r.refused > 0).length;
  const waited = spread.runs.filter((r) => r.waited > 0).length;
  if (refused > 0) lines.push(`plan entries refused on ${refused}/${n} seeds (run one with --seed N to see why)`);
  if (waited > 0) lines.push(`plan entries waited for a free responder on ${waited}/${n} seeds`);
  return `${lines.join('\n')}\n`;
}
