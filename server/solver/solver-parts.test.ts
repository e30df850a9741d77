import { describe, expect, it } from 'vitest';
import { clock, observe, planToCommands, resolveFindings, runCommands, supportOf, type PlanStep, type Sample } from '../engine/index.ts';
import { clockIn, impactOnset, reasonDiagnosis } from './reason-diagnosis.ts';
import { Roster } from './roster.ts';
import { loadReasoningToy, type ToyReading } from './test-fixtures/reasoning-toy.ts';
import { observedImpact, RECOVERY_HOLD_SECONDS } from './observed-objective.ts';
import { paramCombinations, MAX_PARAM_COMBINATIONS } from './param-choices.ts';
import { stem, tokens } from './text-tokens.ts';
import { undoneChange, UndoWarrants } from './undo-warrant.ts';

const series = (values: number[], step = 60): Sample[] => values.map((v, i) => ({ t: i * step, values: { e: v } }));

describe('observed objective', () => {
  it('counts the area above the baseline and when the signal settles back under it', () => {
    const samples = series([0, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0]);
    const r = observedImpact(samples, 'e', 1, 0, 600, 2);
    expect(r.errorMinutes).toBe(18); // (10 − 1) × 2 one-minute intervals
    expect(r.recoveredAt).toBe(180);
    expect(r.settledAt).toBe(180);
    expect(r.cost).toBe(18 + 2 * 3);
  });

  it('does not call a recovery too close to the end a recovery', () => {
    const end = 600;
    const samples = series([0, 10, 10, 10, 10, 10, 10, 10, 0, 0, 0]);
    expect(end - 480).toBeLessThan(RECOVERY_HOLD_SECONDS);
    const r = observedImpact(samples, 'e', 1, 0, end, 1);
    expect(r.recoveredAt).toBeNull();
    expect(r.settledAt).toBeNull();
    expect(r.cost).toBe(r.errorMinutes + 10);
  });

  it('calls an impact that never rose settled from the start, at no cost', () => {
    expect(observedImpact(series([0, 0.5, 0.2, 0]), 'e', 1, 60, 180, 5)).toEqual({ errorMinutes: 0, recoveredAt: null, settledAt: 60, pageMinutes: 0, cost: 0 });
  });

  it('charges each minute another page holds, by its weight and how far past its threshold its signal is', () => {
    const samples = [0, 1, 2, 3].map((i) => ({ t: i * 60, values: { e: 0, q: [0, 50, 100, 0][i]! } }));
    const page = { signal: 'q', op: 'above' as const, threshold: 20, weight: 0.5, scale: 80 };
    const r = observedImpact(samples, 'e', 1, 0, 180, 2, [page]);
    // Minute 1: 0.5 × (0.5 + 0.5 × 30/80); minute 2: 0.5 × (0.5 + 0.5 × 1); minute 3: clear.
    expect(r.pageMinutes).toBe(Math.round((0.5 * (0.5 + 0.5 * 30 / 80) + 0.5) * 10) / 10);
    expect(r.cost).toBeCloseTo(2 * r.pageMinutes);
    expect(observedImpact(samples, 'e', 1, 0, 180, 2, [{ ...page, op: 'below', threshold: -1 }]).pageMinutes).toBe(0);
  });
});

describe('a diagnosis reasoned from the data', () => {
  /** Every tool of the reasoning toy asked at 10:08, the config history once it unlocks: the team's view at `at`. */
  async function viewAt(reading: ToyReading, at: string) {
    const toy = await loadReasoningToy(reading);
    const plan: PlanStep[] = [
      { at: '10:08', investigate: 'recent_changes', params: {} },
      { at: '10:08', investigate: 'logs', params: { service: 'api' } },
      { at: '10:08', investigate: 'logs', params: { service: 'db' } },
      { at: '10:11', investigate: 'config_history', params: {} },
    ];
    const { world } = runCommands(toy, 7, planToCommands(plan), clock(at));
    const choice = reasonDiagnosis(observe(toy, world, { role: 'team' }), { impact: { signal: 'error_rate', baseline: 0.5 }, cured: [] });
    return { toy, world, choice };
  }

  it('names the change, the component and the failure class the data point to, citing what backs each', async () => {
    const { toy, world, choice } = await viewAt('over-limit', '10:20');
    expect(choice).toMatchObject({ trigger: { id: 'change_config_v42' }, component: { id: 'svc_api' }, mechanism: { id: 'generated_file_over_limit', defined: true }, confident: true });
    // The citations really back every part (the check the solver itself can never make).
    const cited = resolveFindings(world, choice!.evidence);
    expect(cited.ok && supportOf(toy.data, cited.findings)).toEqual({ trigger: true, component: true, mechanism: true });
    expect(choice!.text).toMatch(/F\d+ shows the size or count of something loaded or stored more than doubled/);
    // The config history names the change's ticket: the change is connected to the failing part.
    expect(choice!.trigger.reasons).toContainEqual(expect.stringMatching(/^F\d+, about the failing part, names its ticket CHG-103$/));
  });

  it('follows the data, not the wording: the same symptoms with a certificate story get a certificate diagnosis', async () => {
    const { choice } = await viewAt('certificate', '10:20');
    expect(choice).toMatchObject({ trigger: { id: 'change_cert_rotation' }, component: { id: 'svc_api' }, mechanism: { id: 'certificate_expiry' }, confident: true });
  });

  it('is not confident before a defining sign of the class is in the failing component\'s data', async () => {
    const { choice } = await viewAt('over-limit', '10:09');
    expect(choice?.confident ?? false).toBe(false);
  });

  it('undoes a change only once the team\'s own reasoning picks it for a failure its findings located', async () => {
    const impact = { signal: 'error_rate', baseline: 0.5 };
    const toy = await loadReasoningToy();
    const warrantAt = (at: string, change: string, plan: PlanStep[]) => {
      const { world } = runCommands(toy, 7, planToCommands(plan), clock(at));
      return new UndoWarrants(impact).warrants(change, world, () => observe(toy, world, { role: 'team' }));
    };
    const changesOnly: PlanStep[] = [{ at: '10:08', investigate: 'recent_changes', params: {} }];
    const withLogs: PlanStep[] = [...changesOnly, { at: '10:08', investigate: 'logs', params: { service: 'api' } }, { at: '10:11', investigate: 'config_history', params: {} }];
    // The change list alone: the newest change is a suspect by its timing, not yet a finding.
    expect(warrantAt('10:30', 'change_config_v42', changesOnly)).toBe(false);
    // The failing workers' own data and the config history tie it to the failure.
    expect(warrantAt('10:30', 'change_config_v42', withLogs)).toBe(true);
    // Never a change the evidence does not point at.
    expect(warrantAt('10:30', 'change_cert_rotation', withLogs)).toBe(false);
  });

  it('tells an undo by the change it names among the diagnosis form\'s triggers', () => {
    const triggers = new Set(['change_config_v42', 'external_attack']);
    expect(undoneChange({ type: 'act', action: 'revert_change', params: { change: 'change_config_v42' } }, triggers)).toBe('change_config_v42');
    expect(undoneChange({ type: 'act', action: 'post_status', params: { state: 'investigating', components: ['api'] } }, triggers)).toBeNull();
    expect(undoneChange({ type: 'investigate', investigation: 'config_history', params: { version: 'change_config_v42' } }, triggers)).toBeNull();
  });

  it('finds when the impact began from the team\'s chart, and reads change times from their records', () => {
    const samples = [0.2, 0.3, 9, 0.4, 12, 14, 15].map((v, i) => ({ t: 36000 + 30 * i, values: { e: v } }));
    expect(impactOnset(samples, 'e', 0.5)).toBe(36000 + 120);
    expect(clockIn('11:05 ClickHouse grants')).toBe(clock('11:05'));
    expect(clockIn('08:47:12')).toBe(clock('08:47') + 12);
    expect(clockIn('yesterday 16:10')).toBe(clock('16:10') - 86400);
  });
});

describe('the roster of responders', () => {
  it('gives each task to someone free for its whole working time, and makes it wait when nobody is', () => {
    const roster = new Roster(2);
    expect(roster.bookEarliest(600, 600)).toEqual({ by: 'r1', at: 600 });
    expect(roster.bookEarliest(600, 300)).toEqual({ by: 'r2', at: 600 });
    // Both busy at 700: the next task waits for r2 (free at 900).
    expect(roster.bookEarliest(700, 300)).toEqual({ by: 'r2', at: 900 });
    // r1 is free at 1200 but booked again at 1500: a 10-minute task does not fit before that.
    roster.book('r1', 1500, 60);
    expect(roster.freeAt(1200, 600)).toEqual(['r2']);
    expect(roster.freeAt(1200, 0)).toEqual(['r1', 'r2']);
    const copy = roster.clone();
    copy.book('r2', 1200, 600);
    expect(roster.freeAt(1200, 600)).toEqual(['r2']);
  });
});

describe('text tokens and parameter choices', () => {
  it('stem plurals and tenses to one word', () => {
    expect(['requests', 'request'].map(stem)).toEqual(['request', 'request']);
    expect(['raised', 'raising', 'raise'].map(stem)).toEqual(['rais', 'rais', 'rais']);
    expect(tokens("FL1's Lua rules-engine: the values")).toEqual(['fl1', 'lua', 'rule', 'engin', 'valu']);
    expect(tokens('rule value')).toEqual(['rule', 'valu']);
  });

  it('try every enum option, the ends and middle of a range, and cap the product', () => {
    expect(paramCombinations([
      { name: 'r', label: 'R', type: 'enum', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
      { name: 'n', label: 'N', type: 'number', min: 0, max: 9, integer: true },
    ])).toEqual([{ r: 'a', n: 0 }, { r: 'a', n: 5 }, { r: 'a', n: 9 }, { r: 'b', n: 0 }, { r: 'b', n: 5 }, { r: 'b', n: 9 }]);
    const many = Array.from({ length: 4 }, (_, i) => ({ name: `p${i}`, label: 'P', type: 'enum' as const, options: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }, { value: 'z', label: 'Z' }] }));
    expect(paramCombinations(many)).toHaveLength(MAX_PARAM_COMBINATIONS);
    expect(paramCombinations([{ name: 'm', label: 'M', type: 'text', maxLength: 5 }], 'a long sentence')).toEqual([{ m: 'a lon' }]);
  });
});
