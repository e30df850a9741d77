/**
 * Evidence is data (issue 18) over the window its tool covered (issue 21): no hindsight in any
 * tool's output, two change logs like real ones, undos that act through the model, and a
 * diagnosis supported only by findings that connect the change to the symptom.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../server/scenario-registry/load-scenarios.ts';
import {
  Rng, advance, apply, clock, createWorld, formatClock, runPlan, type EvidenceBody, type PlanStep, type Scenario, type World,
} from '../../server/engine/index.ts';
import { CHANGES, KILLSWITCH, type UndoEffects } from './change-catalog.ts';
import { FL1_SHARE } from './traffic-profile.ts';
import type { Dec05State } from './state.ts';

let dec5: Scenario<Dec05State>;
let idle: World<Dec05State>;
beforeAll(async () => {
  const r = await loadScenario(import.meta.dirname);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  dec5 = r.scenario as Scenario<Dec05State>;
  idle = runPlan(dec5, dec5.data.defaultSeed, [], { mode: 'guided' }).world;
});

/** Conclusions the real responders only reached afterwards, once served as tool output (issue 18). */
const HINDSIGHT = [
  /never before/i, /had never/i, /still reads/i, /rule_result/i, /\bsymptom\b/i, /not the cause/i, /no attack signature/i,
  /\b(is|are) healthy\b/i, /up and routing/i, /fail(s)? in the rules engine/i, /normal background/i, /dominated by/i,
  /while reading the results/i, /only requests of zones/i, /small rise is/i, /back to normal/i, /\broutine\b/i,
];

const act = (at: string, action: string, params: Record<string, string> = {}): PlanStep => ({ at, action, params });
const guided = (plan: PlanStep[]) => runPlan(dec5, dec5.data.defaultSeed, plan, { mode: 'guided' }).world;
const valueAt = (world: World<Dec05State>, signal: string, at: number) => world.samples.find((x) => x.t === at)!.values[signal]!;
const text = (e: EvidenceBody) => [e.summary, e.detail, ...(e.table ? e.table.rows.map((r) => r.join(' ')) : [])].join('\n');

function worldAt(plan: readonly PlanStep[], t: number): World<Dec05State> {
  let w = createWorld(dec5, dec5.data.defaultSeed, { mode: 'guided' });
  for (const step of plan) {
    if (!('action' in step) || clock(step.at) > t) continue;
    w = advance(dec5, w, clock(step.at));
    const r = apply(dec5, w, { type: 'act', action: step.action, params: step.params });
    if (!r.ok) throw new Error(r.error);
    w = r.world;
  }
  return advance(dec5, w, t);
}
function ask(world: World<Dec05State>, id: string, params: Record<string, string>, from: number, to: number): EvidenceBody {
  return dec5.model.investigate(world.model, { id, params, requestedAt: from }, { t: to, rng: new Rng(1), data: dec5.data });
}
const undoAction = (id: string) => (CHANGES.find((c) => c.id === id)!.system === 'global_config' ? 'revert_change' : 'rollback_deployment');

describe('evidence is data', () => {
  it('no tool, option or outcome says what the responders only knew afterwards, before, during or after the impact', () => {
    const plans: PlanStep[][] = [
      [],
      [act('09:11', 'revert_change', { change: KILLSWITCH }), act('09:11', 'rollback_deployment', { change: 'change_body_buffer' })],
      [act('08:55', 'move_to_fl2'), act('08:55', 'disable_managed_rules')],
    ];
    const texts: string[] = [];
    for (const plan of plans) {
      for (const at of ['08:41', '08:46', '08:48', '08:52', '09:00', '09:13', '09:20', '09:45']) {
        const t = clock(at);
        const w = worldAt(plan, t);
        for (const inv of dec5.data.investigations) {
          const choice = inv.params.find((p) => p.type === 'enum');
          const variants = choice?.type === 'enum' ? choice.options.map((o) => ({ [choice.name]: o.value })) : [{}];
          for (const params of variants) texts.push(text(ask(w, inv.id, params, t - inv.durationMinutes * 60, t)));
        }
      }
      texts.push(...guided([...plan, ...CHANGES.map((c) => act('09:30', undoAction(c.id), { change: c.id }))]).actions.map((a) => a.outcome ?? ''));
    }
    expect(texts.length).toBeGreaterThan(150);
    for (const phrase of HINDSIGHT) {
      const hit = texts.find((s) => phrase.test(s));
      expect(hit, `${phrase} in: ${hit}`).toBeUndefined();
    }
  });

  it('a log search at a quiet moment finds only the background; one that covers the onset shows the Lua error from 08:47', () => {
    const quiet = ask(worldAt([], clock('08:44')), 'proxy_logs', { proxy: 'fl1' }, clock('08:41'), clock('08:44'));
    expect(quiet.shows).toBeUndefined();
    expect(quiet.leads).toBeUndefined();
    const onset = ask(worldAt([], clock('08:51')), 'proxy_logs', { proxy: 'fl1' }, clock('08:48'), clock('08:51'));
    expect(onset.summary).toBe('FL1 error log, 08:36–08:51, grouped by message: 2 groups');
    expect(onset.shows).toEqual(['fl1_lua_execute_nil']);
    expect(String(onset.table!.rows[0]![3])).toMatch(/^08:47:\d\d$/);
    expect(onset.detail).toMatch(/08:46 0 · 08:47 [\d.]+ million/);
  });
});

describe('the change logs', () => {
  it('hold tens of changes from many teams, several still rolling out at 08:50', () => {
    const w = worldAt([], clock('08:50'));
    const global = ask(w, 'recent_changes', { system: 'global_config' }, clock('08:48'), clock('08:50')).table!.rows;
    const gradual = ask(w, 'recent_changes', { system: 'gradual_deployment' }, clock('08:48'), clock('08:50')).table!.rows;
    expect(global.length + gradual.length).toBeGreaterThanOrEqual(20);
    expect(new Set([...global, ...gradual].map((r) => r[2])).size).toBeGreaterThanOrEqual(15);
    expect(gradual.filter((r) => String(r[4]).startsWith('stage')).length).toBeGreaterThanOrEqual(4);
    // Global changes keep coming around the onset, before and after it.
    const today = global.filter((r) => !String(r[1]).startsWith('yesterday')).map((r) => clock(String(r[1]).slice(0, 5)));
    expect(today.filter((t) => t >= clock('08:41') && t <= clock('08:50')).length).toBeGreaterThanOrEqual(4);
  });

  it('does not single out the killswitch by its status or the length of its wording', () => {
    const rows = ask(worldAt([], clock('09:06')), 'recent_changes', { system: 'global_config' }, clock('09:04'), clock('09:06')).table!.rows;
    const ks = rows.find((r) => r[1] === '08:47:00')!;
    expect(ks[4]).toMatch(/^propagated \d\d:\d\d:\d\d$/);
    expect(rows.filter((r) => /^propagated \d\d:\d\d:\d\d$/.test(String(r[4]))).length).toBeGreaterThanOrEqual(10);
    const lengths = rows.map((r) => String(r[3]).length).sort((a, b) => a - b);
    const median = lengths[Math.floor(lengths.length / 2)]!;
    const own = String(ks[3]).length;
    expect(own).toBeLessThan(lengths.at(-1)!);
    expect(own).toBeGreaterThan(lengths[0]!);
    expect(Math.abs(own - median) / median).toBeLessThan(0.15);
  });

  it('makes every change a lead: a trigger to name and an option to undo through its own system', () => {
    expect(dec5.data.leads.filter((l) => l.kind === 'change').map((l) => l.id).sort()).toEqual(CHANGES.map((c) => c.id).sort());
    for (const [action, system] of [['revert_change', 'global_config'], ['rollback_deployment', 'gradual_deployment']] as const) {
      const p = dec5.data.actions.find((a) => a.id === action)!.params[0]!;
      const options = p.type === 'enum' ? p.options.map((o) => [o.value, o.requires?.anyOf]) : [];
      expect(options.sort()).toEqual(CHANGES.filter((c) => c.system === system).map((c) => [c.id, [c.id]]).sort());
    }
  });
});

function expectedDelta(fx: UndoEffects): Record<string, number> {
  return {
    http_5xx_pct: (fx.all_5xx ?? 0) + (fx.fl2_5xx ?? 0) * (1 - FL1_SHARE),
    fl2_5xx_pct: (fx.all_5xx ?? 0) + (fx.fl2_5xx ?? 0),
    latency_p99_ms: fx.p99 ?? 0,
    dashboard_api_error_pct: fx.dash_err ?? 0,
  };
}

describe('undoing a change acts through the model', () => {
  const AT = clock('09:30');

  it.each(CHANGES.filter((c) => c.id !== KILLSWITCH).map((c) => [c.id, c] as const))('%s: changes its log, tells its owner, and moves what it undoes', (_id, c) => {
    const action = undoAction(c.id);
    const delay = dec5.data.actions.find((a) => a.id === action)!.delayMinutes * 60;
    const world = guided([act(formatClock(AT), action, { change: c.id })]);
    expect(world.actions[0]!.changed).toBeUndefined();
    expect(world.actions[0]!.outcome).toContain(c.ref);
    const start = AT + delay;
    const notice = world.feed.find((f) => f.title.startsWith(`${c.team}: ${c.ref} `))!;
    expect(notice.at).toBeGreaterThanOrEqual(start + 60);
    const row = ask(world, 'recent_changes', { system: c.system }, clock('09:55'), clock('09:58')).table!.rows.find((r) => r[0] === c.ref)!;
    expect(row[4]).toMatch(c.system === 'global_config' ? /^reverted \d\d:\d\d:\d\d, propagated$/ : /^rolled back \d\d:\d\d$/);
    if (c.undo.report) expect(world.feed.some((f) => f.title === c.undo.report!.title && f.at > notice.at)).toBe(true);
    const after = expectedDelta(c.undo.after ?? {});
    const probe = clock('09:58');
    for (const [signal, delta] of Object.entries(after)) {
      expect(valueAt(world, signal, probe) - valueAt(idle, signal, probe), `${signal} after`).toBeCloseTo(delta, 2);
    }
    if (c.undo.during) {
      const mid = start + 30;
      const during = expectedDelta(c.undo.during);
      for (const [signal, delta] of Object.entries(during)) {
        if (delta !== 0) expect(valueAt(world, signal, mid) - valueAt(idle, signal, mid), `${signal} during`).toBeGreaterThan(delta * 0.99);
      }
    }
    expect(guided([act(formatClock(AT), action, { change: c.id }), act('09:50', action, { change: c.id })]).actions[1]!.changed).toBe(false);
  });

  it('the security changes say what undoing them reopens; the body buffer is the one the day was about', () => {
    const reopening = CHANGES.filter((c) => c.undo.reopens).map((c) => c.id);
    expect(reopening).toContain('change_body_buffer');
    expect(reopening.length).toBeGreaterThanOrEqual(4);
    const world = guided([act('08:52', 'rollback_deployment', { change: 'change_body_buffer' })]);
    const truth = dec5.model.truth(world.model, { t: world.t, rng: new Rng(1), data: dec5.data });
    expect(truth.facts.find((f) => f.label.startsWith('Reopened'))!.value).toMatch(/CVE-2025-55182/);
  });
});

describe('a diagnosis is supported by findings that connect the change to the symptom', () => {
  const diagnose = (evidence: string[]): PlanStep => ({
    at: '09:11', diagnose: { trigger: KILLSWITCH, component: 'component_fl1_rules_engine', mechanism: 'config_reaches_code_bug', evidence, text: '' },
  });
  const withDiagnosis = (step: PlanStep) => dec5.data.referencePlan.map((s) => ('diagnose' in s ? step : s));

  it('the reference diagnosis is right and supported on seeds 1–50, played by three responders', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { world, refused } = runPlan(dec5, seed, dec5.data.referencePlan);
      expect(refused, `seed ${seed}`).toEqual([]);
      expect(world.diagnoses[0]!.correct && world.diagnoses[0]!.supported, `seed ${seed}`).toBe(true);
    }
  });

  it('the same claim citing unrelated findings is an unsupported guess', () => {
    const d = runPlan(dec5, dec5.data.defaultSeed, withDiagnosis(diagnose(['dashboard_api_check', 'traffic_analysis']))).world.diagnoses[0]!;
    expect(d.correct).toBe(true);
    expect(d.support).toEqual({ trigger: false, component: false, mechanism: false });
  });

  it('the change log alone names the change but does not connect it to the failing requests', () => {
    const d = runPlan(dec5, dec5.data.defaultSeed, withDiagnosis(diagnose(['recent_changes']))).world.diagnoses[0]!;
    expect(d.support).toEqual({ trigger: false, component: false, mechanism: false });
  });
});
