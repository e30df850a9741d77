/**
 * Evidence is data (issue 18) and reports the window its tool covered (issue 21): no hindsight in
 * any tool's output, a change log like a real one, rollbacks that act through the model, and a
 * diagnosis supported only by findings that connect the change to the symptom.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Rng, advance, apply, clock, createWorld, formatClock, runPlan, windowLabel, type EvidenceBody, type PlanStep, type Scenario, type World,
} from '../../server/engine/index.ts';
import { CHANGES, GRANT_CHANGE, type ChangeEffects } from './change-catalog.ts';
import { REGIONS, type CfState } from './model-state.ts';
import { loadCloudflare, runGuided, series, valueAt } from './test-helpers.ts';

let cf: Scenario<CfState>;
let idle: World<CfState>;
beforeAll(async () => {
  cf = await loadCloudflare();
  idle = runGuided(cf, []).world;
});

/** Conclusions the real responders only reached afterwards, once served as tool output (issue 18). */
export const HINDSIGHT = [
  /hard limit/i, /so the larger versions/i, /\broutine\b/i, /no bot-management changes/i, /none flagged as risky/i,
  /earlier bursts/i, /rotated out/i, /no attack signature/i, /\blooks? (normal|healthy)\b/i, /\bis healthy\b/i,
  /dominated by/i, /not the cause/i, /\bsymptom\b/i, /the panic is raised/i, /turns into a 5xx/i, /not worse than/i,
  /not concentrated/i, /nothing it depends on/i, /line up with/i, /never before/i, /had never/i,
];

const act = (at: string, action: string, params: Record<string, string> = {}): PlanStep => ({ at, action, params });

/** Ask the model directly what a tool shows, asked at `from` and done at `to`. */
function ask(world: World<CfState>, id: string, params: Record<string, string>, from: number, to: number): EvidenceBody {
  return cf.model.investigate(world.model, { id, params, requestedAt: from }, { t: to, rng: new Rng(1), data: cf.data });
}

const text = (e: EvidenceBody) => [e.summary, e.detail, ...(e.table ? [e.table.columns.join(' '), ...e.table.rows.map((r) => r.join(' '))] : [])].join('\n');

/** A guided world played to `t`, the plan's actions applied on the way. */
function advanceTo(plan: readonly PlanStep[], t: number): World<CfState> {
  let w = createWorld(cf, cf.data.defaultSeed, { mode: 'guided' });
  for (const step of plan) {
    if (!('action' in step)) continue;
    w = advance(cf, w, clock(step.at));
    const r = apply(cf, w, { type: 'act', action: step.action, params: step.params });
    if (!r.ok) throw new Error(r.error);
    w = r.world;
  }
  return advance(cf, w, t);
}

describe('evidence is data', () => {
  it('no tool, option or action outcome says what the responders only knew afterwards, at any time of the day', () => {
    const plans: PlanStep[][] = [
      cf.data.referencePlan.filter((s) => 'action' in s),
      [act('11:40', 'rollback_change', { change: GRANT_CHANGE }), act('11:40', 'rollback_change', { change: 'change_fl2_release' }), act('12:00', 'kv_bypass')],
    ];
    const texts: string[] = [];
    for (const plan of plans) {
      for (let t = clock('11:05'); t <= clock('17:00'); t += 25 * 60) {
        const w = advanceTo(plan, t);
        for (const inv of cf.data.investigations) {
          const choice = inv.params.find((p) => p.type === 'enum');
          const variants = choice?.type === 'enum' ? choice.options.map((o) => ({ [choice.name]: o.value })) : [{}];
          for (const params of variants) texts.push(text(ask(w, inv.id, params, t - inv.durationMinutes * 60, t)));
        }
      }
      texts.push(...runGuided(cf, [...plan, ...CHANGES.map((c) => act('16:00', 'rollback_change', { change: c.id }))]).world.actions.map((a) => a.outcome ?? ''));
    }
    expect(texts.length).toBeGreaterThan(300);
    for (const phrase of HINDSIGHT) {
      const hit = texts.find((s) => phrase.test(s));
      expect(hit, `${phrase} in: ${hit}`).toBeUndefined();
    }
  });

  it('FL access logs show bot score 0 by minute as shares that add up, burst and all', () => {
    const w = advanceTo([], clock('11:50'));
    const rows = ask(w, 'proxy_logs', { proxy: 'fl' }, clock('11:40'), clock('11:50')).table!.rows;
    for (const row of rows) {
      const shares = row.slice(1).map((x) => parseFloat(String(x)));
      expect(shares.every((x) => x >= 0 && x <= 100), String(row)).toBe(true);
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    }
    expect(Math.max(...rows.map((r) => parseFloat(String(r[1]))))).toBeGreaterThan(90);
  });

  it('keeps the facts exact: the panic string and its call, the query, ~60 against more than 200 features, the loader setting', () => {
    const w = advanceTo([], clock('13:00'));
    const fl2 = text(ask(w, 'proxy_logs', { proxy: 'fl2' }, clock('12:50'), clock('13:00')));
    expect(fl2).toContain('thread fl2_worker_thread panicked: called Result::unwrap() on an Err value');
    expect(fl2).toContain('fetch_features → append_with_names(...).unwrap()');
    const files = ask(w, 'feature_file_history', {}, clock('12:50'), clock('13:00'));
    expect(text(files)).toContain('memory preallocated for 200 features');
    const counts = new Set(files.table!.rows.map((r) => Number(r[2])));
    expect(counts.has(60)).toBe(true);
    expect([...counts].some((n) => n > 200)).toBe(true);
    expect(text(ask(w, 'generation_query', {}, clock('12:45'), clock('13:00')))).toContain("SELECT name, type FROM system.columns WHERE table = 'http_requests_features' order by name;");
  });
});

describe('a query reports the window it covered', () => {
  it('an FL2 log query asked at 11:42 and done at 11:52 reports 11:42–11:52 and the burst inside it, with its times', () => {
    const w = advanceTo([], clock('11:52'));
    const e = ask(w, 'proxy_logs', { proxy: 'fl2' }, clock('11:42'), clock('11:52'));
    expect(e.summary).toContain('11:42–11:52');
    expect(text(e)).not.toMatch(/earlier/i);
    // Seed 7: the 11:42 file is bad, the 11:47 one good: panics from 11:42 until it is replaced.
    const seen = /seen (\d\d:\d\d:\d\d)–(\d\d:\d\d:\d\d)/.exec(e.detail)!;
    expect(clock(seen[1]!)).toBeGreaterThanOrEqual(clock('11:42'));
    expect(clock(seen[2]!)).toBeLessThanOrEqual(clock('11:52'));
    expect(e.shows).toEqual(['fl2_bot_module_panic']);
    for (const row of e.table!.rows) {
      expect(clock(String(row[0]))).toBeGreaterThanOrEqual(clock(seen[1]!));
      expect(clock(String(row[0]))).toBeLessThanOrEqual(clock(seen[2]!));
    }
  });

  it('a query at a quiet moment shows the quiet data and no lead; asked again over a burst, it shows it', () => {
    // The first 10 quiet minutes after noon on this seed (a good file everywhere).
    const samples = idle.samples.filter((s) => s.t >= clock('12:00'));
    const quiet = samples.find((s) => samples.filter((x) => x.t >= s.t && x.t <= s.t + 600).every((x) => x.values.http_5xx_global! < 1))!.t;
    let w = advance(cf, createWorld(cf, cf.data.defaultSeed), quiet);
    const r = apply(cf, w, { type: 'investigate', investigation: 'proxy_logs', params: { proxy: 'fl2' }, by: 'r1' });
    if (!r.ok) throw new Error(r.error);
    w = advance(cf, r.world, quiet + 600);
    const calm = w.investigations[0]!;
    expect(calm.evidence!.summary).toContain(windowLabel(quiet, quiet + 600));
    expect(JSON.stringify(calm.evidence)).not.toContain('panicked');
    expect(calm.shows).toBeUndefined();
    expect(w.leads.map((l) => l.id)).not.toContain('module_bot_management');
    // Ask again once the network fails again.
    w = advance(cf, w, clock('12:40'));
    const again = apply(cf, w, { type: 'investigate', investigation: 'proxy_logs', params: { proxy: 'fl2' }, by: 'r1' });
    if (!again.ok) throw new Error(again.error);
    w = advance(cf, again.world, clock('12:50'));
    expect(JSON.stringify(w.investigations[1]!.evidence)).toContain('panicked');
    expect(w.investigations[1]!.shows).toEqual(['fl2_bot_module_panic']);
    expect(w.leads.map((l) => l.id)).toContain('module_bot_management');
  });

  it('a Workers KV trace over a burst names the hop and the minutes; one over a quiet stretch finds no failing request', () => {
    const w = advanceTo([], clock('11:47'));
    const burst = ask(w, 'kv_gateway_errors', {}, clock('11:32'), clock('11:47'));
    expect(burst.summary).toContain('11:32–11:47');
    expect(burst.shows).toEqual(['kv_5xx_at_core_proxy']);
    expect(burst.detail).toMatch(/11:44 [1-9]\d\.\d%/);
    const calm = ask(advanceTo([], clock('11:41')), 'kv_gateway_errors', {}, clock('11:36'), clock('11:41'));
    expect(calm.summary).toMatch(/ 0 answered 5xx$/);
    expect(calm.leads).toBeUndefined();
  });
});

describe('the change log', () => {
  const at1130 = () => ask(advanceTo([], clock('11:30')), 'change_log', {}, clock('11:25'), clock('11:30'));

  it('lists tens of changes from many teams, several still in progress at 11:30', () => {
    const e = at1130();
    const rows = e.table!.rows;
    expect(rows.length).toBeGreaterThanOrEqual(25);
    expect(new Set(rows.map((r) => r[2])).size).toBeGreaterThanOrEqual(15);
    const running = rows.filter((r) => String(r[5]).startsWith('in progress'));
    expect(running.length).toBeGreaterThanOrEqual(5);
    // Every record: id, time, team, system, description, status.
    expect(e.table!.columns).toEqual(['id', 'started (UTC)', 'team', 'system', 'change', 'status']);
    // Still several at 13:20, when the real team read it.
    const later = ask(advanceTo([], clock('13:25')), 'change_log', {}, clock('13:20'), clock('13:25'));
    expect(later.table!.rows.filter((r) => String(r[5]).startsWith('in progress')).length).toBeGreaterThanOrEqual(4);
  });

  it('does not single out the grant change by its status or the length of its wording', () => {
    const rows = at1130().table!.rows;
    const grant = rows.find((r) => String(r[4]).includes('r0 tables'))!;
    expect(grant[5]).toMatch(/^in progress · \d+\/24 nodes$/);
    // Another change in flight reads the same way (n/N of something).
    expect(rows.filter((r) => r !== grant && /^in progress · \d+\/\d+ /.test(String(r[5]))).length).toBeGreaterThanOrEqual(1);
    const lengths = rows.map((r) => String(r[4]).length).sort((a, b) => a - b);
    const median = lengths[Math.floor(lengths.length / 2)]!;
    const own = String(grant[4]).length;
    expect(own).toBeLessThan(lengths.at(-1)!);
    expect(own).toBeGreaterThan(lengths[0]!);
    expect(Math.abs(own - median) / median).toBeLessThan(0.15);
    // No row carries a verdict on itself.
    for (const r of rows) expect(String(r[4])).not.toMatch(/routine|no .* changes|risky|safe/i);
  });

  it('makes every listed change a lead: a trigger to name and an option to roll back', () => {
    const leads = cf.data.leads.filter((l) => l.kind === 'change').map((l) => l.id).sort();
    expect(leads).toEqual(CHANGES.map((c) => c.id).sort());
    const options = cf.data.actions.find((a) => a.id === 'rollback_change')!.params[0]!;
    expect(options.type === 'enum' && options.options.map((o) => [o.value, o.requires?.anyOf]).sort()).toEqual(CHANGES.map((c) => [c.id, [c.id]]).sort());
    // Realistic: read at 11:40, every change started by then is offered as a trigger.
    const played = runPlan(cf, cf.data.defaultSeed, [{ at: '11:35', investigate: 'change_log', params: {} }]).world;
    const found = new Set(played.leads.map((l) => l.id));
    for (const c of CHANGES) expect(found.has(c.id), c.id).toBe(c.at <= clock('11:40'));
  });
});

/** What a signal should move by for an effect (the signals' formulas, without noise: both worlds draw the same noise). */
function expectedDelta(fx: ChangeEffects): Record<string, number> {
  const fl2Global = REGIONS.reduce((s, r) => s + r.weight * r.fl2, 0);
  return {
    http_5xx_global: (fx.all_5xx ?? 0) + (fx.fl2_5xx ?? 0) * fl2Global,
    kv_error_rate: fx.kv_err ?? 0,
    latency_p99: fx.p99 ?? 0,
    challenge_rate: fx.challenge ?? 0,
    warp_connect_success: -(fx.warp ?? 0),
    dashboard_latency_p95: fx.dash_p95 ?? 0,
  };
}

describe('rolling back a change acts through the model', () => {
  const ROLLBACK_AT = '12:00';
  const DELAY = 10 * 60; // the action's delay: the rollback starts at 12:10
  const routine = CHANGES.filter((c) => c.id !== GRANT_CHANGE);

  it.each(routine.map((c) => [c.id, c] as const))('%s: takes its time, changes the log, tells its owner, and moves what it undoes', (_id, c) => {
    const { world } = runGuided(cf, [act(ROLLBACK_AT, 'rollback_change', { change: c.id })]);
    const start = clock(ROLLBACK_AT) + DELAY;
    const done = start + c.rollback.minutes * 60;
    const record = world.actions[0]!;
    expect(record.changed).toBeUndefined();
    expect(record.outcome).toContain(c.ref);
    // The change log shows it rolling back, then rolled back.
    const status = (t: number) => ask(world, 'change_log', {}, t - 300, t).table!.rows.find((r) => r[0] === c.ref)![5];
    if (c.rollback.minutes > 1) expect(status(start + 30)).toMatch(/^rolling back/);
    expect(status(done + 60)).toBe(`rolled back ${formatClock(done)}`);
    // The owning team says so when it is done; customers notice what came undone.
    const notice = world.feed.find((f) => f.title === `${c.team}: ${c.ref} rolled back`)!;
    expect(notice.at).toBeGreaterThanOrEqual(done);
    expect(notice.at - done).toBeLessThanOrEqual(cf.data.clock.stepSeconds);
    if (c.rollback.report) expect(world.feed.some((f) => f.title === c.rollback.report!.title && f.at > done)).toBe(true);
    // Signals move by what it undoes, exactly (the noise is the same in both worlds).
    const after = expectedDelta(c.rollback.after ?? {});
    const during = expectedDelta(c.rollback.during ?? {});
    const probeAfter = formatClock(done + 5 * 60);
    for (const [signal, delta] of Object.entries(after)) {
      // Samples are stored rounded (sampling.ts): equal to 1e-3.
      expect(valueAt(world, signal, probeAfter) - valueAt(idle, signal, probeAfter), `${signal} after`).toBeCloseTo(delta, 2);
    }
    if (c.rollback.during) {
      const mid = start + Math.floor(c.rollback.minutes / 2) * 60;
      const probe = formatClock(mid);
      const share = (Math.floor((mid - start) / 30) * 30) / (c.rollback.minutes * 60);
      for (const [signal, delta] of Object.entries(during)) {
        if (delta === 0) continue;
        expect(valueAt(world, signal, probe) - valueAt(idle, signal, probe), `${signal} during`).toBeGreaterThan(delta * 0.99 + after[signal]! * share - 1e-3);
      }
    }
    // Once is enough: a second rollback finds nothing to do.
    const twice = runGuided(cf, [act(ROLLBACK_AT, 'rollback_change', { change: c.id }), act('16:00', 'rollback_change', { change: c.id })]).world;
    expect(twice.actions[1]!.changed).toBe(false);
  });

  it('every rollback moves at least the log and the feed; those that undo a fix or a hardening say what they reopen', () => {
    expect(routine.length).toBeGreaterThanOrEqual(25);
    for (const c of routine) expect(c.rollback.owner.length).toBeGreaterThan(20);
    expect(routine.filter((c) => c.rollback.reopens).length).toBeGreaterThanOrEqual(5);
    expect(routine.filter((c) => c.rollback.after || c.rollback.during).length).toBeGreaterThanOrEqual(8);
  });

  it('reverting the FL2 release restarts FL2 (traffic in flight drops), brings its upload 502s back, and leaves the panics', () => {
    const { world } = runGuided(cf, [act('13:30', 'rollback_change', { change: 'change_fl2_release' })]);
    expect(valueAt(world, 'http_5xx_global', '14:00')).toBeGreaterThan(valueAt(idle, 'http_5xx_global', '14:00'));
    expect(world.feed.some((f) => f.title === 'Large uploads fail again')).toBe(true);
    expect(Math.min(...series(world, 'http_5xx_global', '14:30', '17:00'))).toBeGreaterThan(40);
  });

  it('rolling back the grant change reverts the cluster node by node, and the log says so', () => {
    const { world } = runGuided(cf, [act('13:40', 'rollback_change', { change: GRANT_CHANGE })]);
    const row = (t: string) => ask(world, 'change_log', {}, clock(t) - 300, clock(t)).table!.rows.find((r) => String(r[4]).includes('r0 tables'))![5];
    expect(row('14:00')).toMatch(/^rolling back · \d+\/24 nodes still on the change$/);
    expect(row('14:40')).toBe('rolled back 14:30');
    expect(world.feed.some((f) => f.title === 'Database Platform: CHG-48181 rolled back')).toBe(true);
  });

  it('restarting a healthy service group is not free: its batches drop out while they restart', () => {
    const { world } = runGuided(cf, [act('11:05', 'restart_downstream', { group: 'workers_runtime' })]);
    // 11:10–11:40 the Workers runtime restarts while nothing else fails.
    expect(valueAt(world, 'http_5xx_global', '11:20') - valueAt(idle, 'http_5xx_global', '11:20')).toBeCloseTo(1.6 * 0.25, 2);
    expect(valueAt(world, 'http_5xx_global', '11:45')).toBeCloseTo(valueAt(idle, 'http_5xx_global', '11:45'), 2);
    expect(world.actions[0]!.outcome).toMatch(/out of service while it restarts/);
  });

  it('a fleet-wide forced restart drops traffic in flight', () => {
    const { world } = runGuided(cf, [act('11:10', 'restart_core_proxy')]);
    expect(valueAt(world, 'http_5xx_global', '11:13') - valueAt(idle, 'http_5xx_global', '11:13')).toBeGreaterThan(2.5);
  });
});

describe('a diagnosis is supported by the findings that connect the change to the symptom', () => {
  const diagnose = (evidence: string[]): PlanStep => ({
    at: '13:37', diagnose: { trigger: GRANT_CHANGE, component: 'artefact_feature_file', mechanism: 'generated_file_over_limit', evidence, text: '' },
  });
  const withDiagnosis = (step: PlanStep) => cf.data.referencePlan.map((s) => ('diagnose' in s ? step : s));

  it('the reference diagnosis is right and supported on seeds 1–50, played by three responders', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { world, refused } = runPlan(cf, seed, cf.data.referencePlan);
      expect(refused, `seed ${seed}`).toEqual([]);
      const d = world.diagnoses[0]!;
      expect(d.correct, `seed ${seed}`).toBe(true);
      expect(d.support, `seed ${seed}`).toEqual({ trigger: true, component: true, mechanism: true });
    }
  });

  it('the same claim citing unrelated findings is an unsupported guess', () => {
    const d = runPlan(cf, cf.data.defaultSeed, withDiagnosis(diagnose(['traffic_analysis', 'bgp_routing', 'status_page_host', 'cpu_profile']))).world.diagnoses[0]!;
    expect(d.correct).toBe(true);
    expect(d.support).toEqual({ trigger: false, component: false, mechanism: false });
    expect(d.supported).toBe(false);
  });

  it('the change log alone does not support the trigger: the change must be connected to the file', () => {
    const d = runPlan(cf, cf.data.defaultSeed, withDiagnosis(diagnose(['change_log', 'proxy_logs']))).world.diagnoses[0]!;
    expect(d.support.trigger).toBe(false);
    expect(d.support.component).toBe(true);
    expect(d.support.mechanism).toBe(false);
  });
});
