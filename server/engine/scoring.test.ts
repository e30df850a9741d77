/**
 * Every scoring rule of docs/scoring.md, recomputed by hand from the breakdown on the toy scenario
 * (the rules that need a real outage — moot milestones, natural good windows, rollbacks — are in
 * scenarios/scoring-practice.test.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_DIR, loadScenario } from '../scenario-registry/load-scenarios.ts';
import {
  clock, customerImpact, DEFAULT_RESPONDERS, noActionRun, planToCommands, runCommands, runPlan, scoreRun,
  type PlanStep, type Scenario, type ScoreBreakdown, type ScoreReviews,
} from './index.ts';
import { loadToyScenario } from './test-fixtures/load-toy.ts';
import { toyTeams } from '../debrief/debrief-fixtures.ts';

let toy: Scenario;
beforeAll(async () => { toy = await loadToyScenario(); });

async function loadReal(id: string): Promise<Scenario> {
  const result = await loadScenario(path.join(DEFAULT_SCENARIO_DIR, id));
  if (!result.ok) throw new Error(`${id}: ${JSON.stringify(result.problems)}`);
  return result.scenario;
}

const SEED = 7;
const round1 = (n: number) => Math.round(n * 10) / 10;
const run = (plan: readonly PlanStep[], scenario = toy) => runPlan(scenario, SEED, plan).world;
const score = (plan: readonly PlanStep[], scenario = toy, reviews?: ScoreReviews) =>
  scoreRun(scenario, run(plan, scenario), run(scenario.data.referencePlan, scenario), {}, reviews ? { reviews } : {});
/** The toy with other scoring numbers or another diagnosis section (a rule is easier to see at a scale). */
const variant = (change: (data: Scenario['data']) => Scenario['data']): Scenario => ({ ...toy, data: change(structuredClone(toy.data)) });
const post = (at: string, state: string, components: string[], message = 'We are looking into errors on the API.'): PlanStep =>
  ({ at, action: 'post_status', params: { state, components, message } });

/** The breakdown adds up the way docs/scoring.md says, line by line. */
function expectAddsUp(s: ScoreBreakdown, scenario = toy): void {
  const span = scenario.data.scoring.milestoneSpanMinutes;
  for (const m of s.milestones) {
    if (m.inherited) continue;
    const expected = m.minutesAhead === null ? 0 : Math.max(0, m.weight * (1 + m.minutesAhead / span));
    expect(m.points, m.id).toBe(round1(expected));
  }
  const milestones = round1(s.milestones.reduce((a, m) => a + m.points, 0));
  const penalties = round1(s.penalties.reduce((a, p) => a + p.points, 0));
  const comms = s.comms ? round1(s.comms.posts.reduce((a, p) => a + p.points, 0) + s.comms.gaps.reduce((a, g) => a + g.points, 0)) : 0;
  const adjustments = round1(s.adjustments.reduce((a, x) => a + x.points, 0));
  expect(s.subtotals).toEqual({ milestones, impact: s.impact.points, comms, penalties, adjustments });
  expect(s.total).toBe(round1(milestones + s.impact.points + comms - penalties + adjustments));
  // The same total, split by objective.
  const byObjective = s.objectives.reduce((a, o) => a + o.points, 0) + s.adjustments.filter((a) => a.objective === null).reduce((a, x) => a + x.points, 0);
  expect(round1(byObjective)).toBe(s.total);
}

const fasterPlan: PlanStep[] = [
  post('10:08', 'investigating', ['api']),
  { at: '10:08', investigate: 'recent_changes', params: {} },
  { at: '10:11', diagnose: { trigger: 'config_push', mechanism: 'bad_value', text: '' } },
  { at: '10:11', action: 'rollback_config', params: {} },
  post('10:11', 'identified', ['api'], 'We found a bad configuration and are rolling it back.'),
  post('10:20', 'resolved', [], 'The API works normally again. This incident is resolved.'),
];

describe('the total', () => {
  it('gives the reference plan the documented baseline of 505.4 (docs/scoring.md, worked example)', () => {
    const s = score(toy.data.referencePlan);
    // The toy's alert fires at 10:07 in simulation, one minute before the real 10:08: 50 × (1 + 1/120) = 50.4.
    expect(s.milestones.map((m) => [m.id, m.minutesAhead, m.points])).toEqual([
      ['detection', 1, 50.4], ['first_update', 0, 50], ['diagnosis', 0, 100], ['resolved', 0, 100],
    ]);
    expect(s.impact).toMatchObject({ points: 200, avoidedShare: 1, signal: 'error_rate', baseline: 0.5 });
    expect(s.comms!.posts.map((p) => [p.verdict, p.points])).toEqual([['accurate', 10]]);
    expect(s.comms!.gaps.map((g) => [g.minutes, g.points])).toEqual([[15, -5]]);
    expect(s.penalties).toEqual([]);
    expect(s.total).toBe(505.4);
    expect(s.formula).toBe('milestones 300.4 + impact 200 + 5 comms − penalties 0 = 505.4');
    expect(s.objectives.map((o) => [o.id, o.points])).toEqual([
      ['detect', 50.4], ['mitigate', 200], ['diagnose', 100], ['communicate', 55], ['recover', 100], ['avoid-harm', 0],
    ]);
    expectAddsUp(s);
  });

  it('is deterministic: the same plan and seed give the same breakdown', () => {
    expect(score(fasterPlan)).toEqual(score(fasterPlan));
  });
});

describe('milestones (no ceiling)', () => {
  it('earns weight × (1 + minutes ahead / span), more the earlier, with no cap', () => {
    const tight = variant((d) => ({ ...d, scoring: { ...d.scoring, milestoneSpanMinutes: 10 } }));
    const s = score(fasterPlan, tight);
    const diagnosis = s.milestones.find((m) => m.id === 'diagnosis')!;
    // 14 minutes ahead with a 10-minute span: 100 × 2.4, past the old cap of twice the weight.
    expect(diagnosis).toMatchObject({ minutesAhead: 14, points: 240 });
    expect(diagnosis.rule).toBe('10:11, real 10:25: max(0, 100 × (1 + 14 / 10))');
    expectAddsUp(s, tight);
  });

  it('gives different totals to recoveries ten minutes apart', () => {
    const at = (t: string): PlanStep[] => [{ at: t, action: 'rollback_config', params: {} }];
    const early = score(at('10:15'));
    const late = score(at('10:25'));
    expect(early.total).toBeGreaterThan(late.total);
    expect(early.milestones.find((m) => m.id === 'resolved')!.points).toBeGreaterThan(late.milestones.find((m) => m.id === 'resolved')!.points);
    expect(early.impact.points).toBeGreaterThan(late.impact.points);
  });

  it('scores what never happened 0, and never below 0', () => {
    const idle = score([]);
    const byId = Object.fromEntries(idle.milestones.map((m) => [m.id, m]));
    expect(byId.diagnosis).toMatchObject({ team: null, minutesAhead: null, points: 0 });
    expect(byId.resolved!.rule).toBe('not reached by 11:00: 0');
    const slow = score([{ at: '10:59', diagnose: { trigger: 'config_push', mechanism: 'bad_value', text: '' } }]);
    expect(slow.milestones.find((m) => m.id === 'diagnosis')).toMatchObject({ minutesAhead: -34, points: 71.7 });
    expectAddsUp(idle);
  });
});

describe('customer impact', () => {
  it('is the weighted area of every customer-facing signal, and earns weight × avoided / what the real responders avoided', () => {
    const s = score(fasterPlan);
    const world = run(fasterPlan);
    const area = customerImpact(toy.data, world);
    expect(s.impact.errorMinutes).toBe(area.total);
    const none = customerImpact(toy.data, noActionRun(toy, world)).total;
    const ref = customerImpact(toy.data, run(toy.data.referencePlan)).total;
    expect(s.impact.noActionErrorMinutes).toBe(none);
    expect(s.impact.referenceErrorMinutes).toBe(ref);
    expect(s.impact.points).toBe(round1(200 * (1 + round1(ref - area.total) / round1(none - ref))));
    expect(s.impact.rule).toBe(`200 × (1 + (${ref} − ${area.total}) / (${none} − ${ref}))`);
    expect(s.impact.points).toBeGreaterThan(200);
  });

  it('sums every declared signal with its weight, on either side of its baseline', () => {
    const weighted = variant((d) => ({
      ...d, scoring: { ...d.scoring, impact: [{ signal: 'error_rate', weight: 1, baseline: 0.5, op: 'above' }, { signal: 'latency_p99', weight: 0.5, baseline: 200, op: 'above' }] },
    }));
    const world = run(weighted.data.referencePlan, weighted);
    const { signals, total } = customerImpact(weighted.data, world);
    expect(signals.map((x) => x.weighted)).toEqual([round1(signals[0]!.area), round1(0.5 * signals[1]!.area)]);
    expect(total).toBe(round1(signals[0]!.weighted + signals[1]!.weighted));
    expect(signals[1]!.area).toBeGreaterThan(0);
  });

  it('scores doing nothing 0 over a whole run; before the real responders achieved much, the scale is a quarter of doing nothing', () => {
    expect(score([]).impact.points).toBe(0);
    const until = clock('10:20');
    const early = (plan: readonly PlanStep[]) => runCommands(toy, SEED, planToCommands(plan), until).world;
    const ref = early(toy.data.referencePlan);
    const s = scoreRun(toy, early(fasterPlan), ref);
    const none = customerImpact(toy.data, noActionRun(toy, ref)).total;
    // By 10:20 the real responders had done nothing yet: their run is the no-action run.
    expect(s.impact.referenceErrorMinutes).toBe(none);
    expect(s.impact.rule).toBe(`200 × (1 + (${none} − ${s.impact.errorMinutes}) / ${round1(none / 4)})`);
    expect(scoreRun(toy, ref, ref).impact.points).toBe(200);
  });
});

describe('communicate: each status post judged against the truth', () => {
  it('charges a post before any customer was hit', () => {
    const s = score([post('10:01', 'investigating', ['api']), ...toy.data.referencePlan]);
    const early = s.comms!.posts[0]!;
    expect(early).toMatchObject({ verdict: 'early', points: -30 });
    expect(early.lines[0]!.reason).toContain('before any customer was hit (first at 10:05)');
    expectAddsUp(s);
  });

  it('charges "Resolved" while customers still fail, and a post naming no failing component', () => {
    const s = score([post('10:10', 'resolved', []), ...toy.data.referencePlan]);
    const resolved = s.comms!.posts.find((p) => p.at === clock('10:10'))!;
    expect(resolved.verdict).toBe('resolved-while-failing');
    expect(resolved.lines.map((l) => l.points)).toEqual([-40, -20]);
    expect(resolved.lines[0]!.reason).toBe('"Resolved" at 10:10 while API still failed');
    expect(s.total).toBeLessThan(score(toy.data.referencePlan).total);
  });

  it('charges "Identified" before a supported diagnosis, not after one', () => {
    const before = score([post('10:09', 'identified', ['api']), ...toy.data.referencePlan]);
    expect(before.comms!.posts[0]).toMatchObject({ verdict: 'premature-state', points: -20 });
    const after = score([...toy.data.referencePlan, post('10:26', 'identified', ['api'])]);
    expect(after.comms!.posts.find((p) => p.state === 'identified')).toMatchObject({ verdict: 'accurate', points: 10 });
  });

  it('earns a share for naming some failing components, nothing for a message that says nothing or repeats too soon', () => {
    const s = score([post('10:08', 'investigating', ['api'], 'x'), post('10:09', 'investigating', ['api']), post('10:10', 'investigating', ['api'])]);
    expect(s.comms!.posts.map((p) => [p.verdict, p.points])).toEqual([['neutral', 0], ['accurate', 10], ['accurate', 0]]);
    expect(s.comms!.posts[0]!.lines[0]!.reason).toContain('fewer than 4 words');
    expect(s.comms!.posts[2]!.lines[0]!.reason).toContain('1 min after the previous update that earned');
  });

  it('pays for the updates that were due, not for spam: one per cadence of impact, and the all-clear', () => {
    // Nobody fixes anything; customers fail from 10:05 to 11:00 (55 min, cadence 10): 1 + ceil(55 / 10) = 7 updates were due.
    const spam = Array.from({ length: 14 }, (_, i) => post(`10:${String(6 + 4 * i).padStart(2, '0')}`, 'investigating', ['api']));
    const s = score(spam);
    expect(s.comms!.posts.filter((p) => p.points > 0)).toHaveLength(7);
    expect(s.comms!.posts.at(-1)!.lines[0]!.reason).toContain('7 updates were due');
    expect(s.comms!.gaps).toEqual([]);
  });

  it('charges every silence longer than the cadence while customers are hit, pro rata', () => {
    const s = score([]);
    // Nobody posts; customers fail from 10:05 to the end (11:00): 10 × (55 − 10) / 10.
    expect(s.comms!.gaps).toEqual([{ from: clock('10:05'), to: clock('11:00'), minutes: 55, points: -45, reason: 'no update for 55 min while customers were hit (10:05–11:00): 10 × (55 − 10) / 10' }]);
  });

  it('lets the facilitator mark a post accurate or inaccurate, with a reason', () => {
    const plan = [post('10:10', 'resolved', []), ...toy.data.referencePlan];
    const entry = run(plan).actions.find((a) => a.action === 'post_status')!.entry;
    const kind = score(plan, toy, { posts: { [entry]: { verdict: 'accurate', reason: 'the message said the API fails' } } }).comms!.posts[0]!;
    expect(kind).toMatchObject({ verdict: 'accurate', points: 10, facilitator: { verdict: 'accurate' } });
    const harsh = score(toy.data.referencePlan, toy, { posts: { [run(toy.data.referencePlan).actions[0]!.entry]: { verdict: 'inaccurate', reason: 'blames the customers' } } });
    expect(harsh.comms!.posts[0]).toMatchObject({ verdict: 'inaccurate', points: -20 });
    expect(harsh.comms!.posts[0]!.lines[0]!.reason).toBe('marked inaccurate by the facilitator: blames the customers');
    expectAddsUp(harsh);
  });

  it('starts the first-update milestone with the first post that is right about its minute', () => {
    const s = score([post('10:06', 'resolved', []), post('10:12', 'investigating', ['api']), { at: '10:25', action: 'rollback_config', params: {} }]);
    expect(s.milestones.find((m) => m.id === 'first_update')).toMatchObject({ team: clock('10:12'), minutesAhead: 3 });
  });
});

describe('diagnose', () => {
  it('charges every wrong submission more than the one before (n × the base) and says which part was right', () => {
    const s = score([
      { at: '10:12', diagnose: { trigger: 'ddos', mechanism: 'overload', text: 'looks like an attack' } },
      { at: '10:13', diagnose: { trigger: 'config_push', mechanism: 'overload', text: '' } },
      ...toy.data.referencePlan,
    ]);
    expect(s.penalties.map((p) => [p.kind, p.points])).toEqual([['wrong-diagnosis', 40], ['partial-diagnosis', 80]]);
    expect(s.penalties[0]!.reason).toContain('An attack');
    expect(s.penalties[1]!.reason).toContain('partly right (trigger right)');
    expect(s.penalties[1]!.reason).toContain('(submission 2 not right: 2 × 40)');
    expect(s.diagnoses.map((d) => d.verdict)).toEqual(['wrong', 'partly-right', 'right']);
    expectAddsUp(s);
  });

  it('gives a right diagnosis without supporting findings no credit, says so, and charges it', () => {
    const strict = variant((d) => ({
      ...d,
      observations: [{ id: 'crash_logged', label: 'Workers crash on the config value', source: 'toy' }],
      diagnosis: { ...d.diagnosis, support: { trigger: { anyOf: ['crash_logged'] } } },
    }));
    const s = score(toy.data.referencePlan, strict);
    expect(s.diagnoses[0]).toMatchObject({ verdict: 'right-unsupported', credited: false, penalty: 40 });
    expect(s.diagnoses[0]!.parts.find((p) => p.part === 'trigger')).toMatchObject({ right: true, supported: false, shownBy: [] });
    expect(s.milestones.find((m) => m.id === 'diagnosis')).toMatchObject({ team: null, points: 0 });
    expect(s.penalties[0]!.reason).toContain('right but unsupported');
  });

  it('lets the facilitator mark a diagnosis right (credited) or wrong (charged) after reading its text', () => {
    const plan: PlanStep[] = [{ at: '10:20', diagnose: { trigger: 'config_push', mechanism: 'overload', text: 'config v42 has a value the workers cannot parse' } }, { at: '10:25', action: 'rollback_config', params: {} }];
    const entry = run(plan).diagnoses[0]!.entry;
    const right = score(plan, toy, { diagnoses: { [entry]: { verdict: 'right', reason: 'the text names the bad value' } } });
    expect(right.diagnoses[0]).toMatchObject({ verdict: 'right', credited: true, facilitator: { verdict: 'right' } });
    expect(right.milestones.find((m) => m.id === 'diagnosis')!.team).toBe(clock('10:20'));
    expect(right.penalties).toEqual([]);
    const refEntry = run(toy.data.referencePlan).diagnoses[0]!.entry;
    const wrong = score(toy.data.referencePlan, toy, { diagnoses: { [refEntry]: { verdict: 'wrong', reason: 'copied from the briefing' } } });
    expect(wrong.penalties[0]).toMatchObject({ kind: 'wrong-diagnosis', points: 40 });
    expect(wrong.penalties[0]!.reason).toContain('marked wrong by the facilitator: copied from the briefing');
  });

  it('charges a hint the facilitator gave, but not a scripted one the real responders also got', () => {
    const ref = run(toy.data.referencePlan);
    const withHint = runCommands(toy, SEED, [
      { at: clock('10:09'), command: { type: 'inject', title: 'Hint', text: 'Look at what changed at 10:05.', hint: true } },
      ...planToCommands(toy.data.referencePlan),
    ]).world;
    expect(scoreRun(toy, withHint, ref).penalties).toMatchObject([{ kind: 'hint', objective: 'diagnose', reason: 'hint: Hint', at: clock('10:09'), points: 20 }]);
    expect(scoreRun(toy, withHint, withHint).penalties).toEqual([]);
  });
});

describe('avoid harm', () => {
  it('charges a risky action its stated cost with its reason, every time it is asked for', () => {
    const s = score([{ at: '10:09', action: 'restart_api', params: {} }, { at: '10:12', action: 'restart_api', params: {} }, ...toy.data.referencePlan]);
    expect(s.penalties.map((p) => [p.kind, p.objective, p.points, p.reason])).toEqual([
      ['action', 'avoid-harm', 10, 'Restart the API: restarts do not fix a bad config'],
      ['action', 'avoid-harm', 10, 'Restart the API: restarts do not fix a bad config'],
    ]);
  });

  it('does not charge it when its `unless` holds: after a named action took effect, after a marker', () => {
    const excused = variant((d) => ({ ...d, scoring: { ...d.scoring, actionPenalties: [{ action: 'restart_api', points: 10, why: 'needless', unless: { after: ['rollback_config'] } }] } }));
    const plan = (at: string): PlanStep[] => [{ at: '10:11', action: 'rollback_config', params: {} }, { at, action: 'restart_api', params: {} }];
    expect(score(plan('10:12'), excused).penalties).toHaveLength(1);
    expect(score(plan('10:17'), excused).penalties).toEqual([]);
    const afterMarker = variant((d) => ({ ...d, scoring: { ...d.scoring, actionPenalties: [{ action: 'restart_api', points: 10, why: 'needless', unless: { marker: 'resolved' } }] } }));
    expect(score([...plan('10:12'), { at: '10:40', action: 'restart_api', params: {} }], afterMarker).penalties.map((p) => p.at)).toEqual([clock('10:12')]);
  });
});

describe('the facilitator', () => {
  it('awards or removes points with a reason, counted in the total and under its objective', () => {
    const reviews: ScoreReviews = { points: [{ seq: 40, points: 25, reason: 'calm, clear incident command', objective: 'communicate' }, { seq: 41, points: -10, reason: 'ignored the junior\'s hypothesis', objective: null }] };
    const base = score(toy.data.referencePlan);
    const s = score(toy.data.referencePlan, toy, reviews);
    expect(s.total).toBe(round1(base.total + 15));
    expect(s.subtotals.adjustments).toBe(15);
    expect(s.objectives.find((o) => o.id === 'communicate')!.points).toBe(round1(base.objectives.find((o) => o.id === 'communicate')!.points + 25));
    expect(s.formula).toBe(`milestones 300.4 + impact 200 + 5 comms − penalties 0 + 15 facilitator = ${s.total}`);
    expectAddsUp(s);
  });
});

describe('the documented baselines (docs/scoring.md)', () => {
  it('equal the reference plan score of every scenario with its default seed', async () => {
    const doc = await readFile(path.resolve(import.meta.dirname, '../../docs/scoring.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z0-9-]+)`[^|]*\| (\d+) \| \*\*([\d.]+)\*\* \|/gm)].map((m) => ({ id: m[1]!, seed: Number(m[2]), total: Number(m[3]) }));
    expect(rows.map((r) => r.id).sort()).toEqual(['aws-us-east-1-2025-10-20', 'cloudflare-2025-11-18', 'cloudflare-2025-12-05', 'toy-config-push']);
    for (const row of rows) {
      const scenario = row.id === toy.data.id ? toy : await loadReal(row.id);
      expect(row.seed, row.id).toBe(scenario.data.defaultSeed);
      // As the debrief and `npm run simulate -- <id> --replay reference` replay it: three responders.
      const ref = runPlan(scenario, row.seed, scenario.data.referencePlan, { responders: DEFAULT_RESPONDERS }).world;
      const s = scoreRun(scenario, ref, ref);
      expect(s.total, row.id).toBe(row.total);
      expectAddsUp(s, scenario);
    }
  });
});

describe('the worked example (docs/scoring.md)', () => {
  it('is team Green\'s breakdown, rule by rule and in total', async () => {
    const doc = await readFile(path.resolve(import.meta.dirname, '../../docs/scoring.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Worked example'), doc.indexOf('## Branches'));
    const green = toyTeams(toy).find((t) => t.id === 'green')!;
    const reference = runPlan(toy, SEED, toy.data.referencePlan, { responders: DEFAULT_RESPONDERS }).world;
    const s = scoreRun(toy, runCommands(toy, SEED, green.commands).world, reference);
    const rules = [...s.milestones.map((m) => [m.rule, m.points] as const), [s.impact.rule, s.impact.points] as const, ...s.comms!.gaps.map((g) => [g.reason, g.points] as const)];
    // Every rule written in the table is one of the breakdown's, with the same points.
    const rows = [...section.matchAll(/^\| [^|]+ \| `([^`]+)` \| (−?[\d.]+) \|$/gm)].map((m) => ({ rule: m[1]!, points: Number(m[2]!.replace('−', '-')) }));
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows.filter((r) => r.rule.includes('max(0') || r.rule.startsWith('200 ×') || r.rule.startsWith('10 ×'))) {
      expect(rules.some(([rule, points]) => rule.includes(row.rule) && points === row.points), row.rule).toBe(true);
    }
    expect(s.penalties.map((p) => p.points)).toEqual([40, 20, 10]);
    expect(section).toContain(`**${s.total}**`);
    expect(s.total).toBe(217.9);
  });
});
