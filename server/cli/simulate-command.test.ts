import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanStep } from '../engine/index.ts';
import { simulateCommand } from './simulate-command.ts';

const ID = 'cloudflare-2025-12-05';
let dir = '';
const file = (name: string) => path.join(dir, name);

async function plan(name: string, steps: PlanStep[]): Promise<string> {
  await writeFile(file(name), JSON.stringify(steps));
  return file(name);
}

async function json(...argv: string[]): Promise<Record<string, unknown>> {
  const r = await simulateCommand([ID, ...argv, '--json']);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'simulate-cli-'));
  // Four investigations at the first alert, one of them locked until a lead is found.
  await plan('busy.json', [
    { at: '08:51', investigate: 'proxy_logs', params: { proxy: 'fl1' } },
    { at: '08:51', investigate: 'recent_changes', params: { system: 'global_config' } },
    { at: '08:51', investigate: 'traffic_analysis', params: {} },
    { at: '08:51', investigate: 'waf_ruleset_stats', params: {} },
  ]);
  await plan('after.json', [{ at: '09:05', action: 'revert_change', params: { change: 'change_waf_killswitch' } }]);
});

describe('simulate --responders', () => {
  it('gives entries to the first free responder, makes them wait when all are busy, and says so', async () => {
    const two = await json('--actions', file('busy.json'), '--responders', '2');
    expect(two.responders).toBe(2);
    const waited = two.waited as { at: string; ranAt: string; by: string; entry: string }[];
    expect(waited.length).toBeGreaterThanOrEqual(1);
    for (const w of waited) expect(w.ranAt > w.at).toBe(true);
    expect(waited[0]!.entry).toMatch(/^08:51 investigate /);
    expect((await json('--actions', file('busy.json'), '--responders', '4')).waited).toEqual([]);
    const human = await simulateCommand([ID, '--actions', file('busy.json'), '--responders', '2']);
    expect(human.stdout).toContain('2 responders');
    expect(human.stdout).toMatch(/waited {2}08:51 investigate .*every responder was busy; r\d started it at 08:5\d/);
  });

  it('runs an entry by the responder it names, and refuses it with the reason when they are busy', async () => {
    const named = await plan('named.json', [
      { at: '08:51', investigate: 'proxy_logs', params: { proxy: 'fl1' }, by: 'r2' },
      { at: '08:51', investigate: 'traffic_analysis', params: {}, by: 'r2' },
    ]);
    const report = await json('--actions', named);
    expect(report.refused).toEqual([expect.objectContaining({ entry: '08:51 investigate traffic_analysis (r2)', error: expect.stringMatching(/^you are busy with "Query proxy error logs.*" until 08:54/) })]);
    const human = await simulateCommand([ID, '--actions', named]);
    expect(human.stdout).toMatch(/refused 08:51 investigate traffic_analysis \(r2\): you are busy with/);
  });

  it('refuses a plan naming a responder who does not play', async () => {
    const r = await simulateCommand([ID, '--actions', await plan('r5.json', [{ at: '08:51', investigate: 'traffic_analysis', params: {}, by: 'r5' }])]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[0].by: "r5" is not one of the 3 responders (r1, r2, r3)');
  });

  it('plays a diagnosis with its evidence: cited findings earn the credit, none earn nothing', async () => {
    const diagnose = (evidence?: string[]): PlanStep[] => [
      { at: '08:51', investigate: 'proxy_logs', params: { proxy: 'fl1' } },
      { at: '08:51', investigate: 'recent_changes', params: { system: 'global_config' } },
      { at: '08:56', diagnose: { trigger: 'change_waf_killswitch', component: 'component_fl1_rules_engine', mechanism: 'config_reaches_code_bug', text: '', ...(evidence ? { evidence } : {}) } },
    ];
    const points = (r: Record<string, unknown>) => (r.score as { milestones: { id: string; points: number }[] }).milestones.find((m) => m.id === 'diagnosis')!.points;
    const cited = await json('--actions', await plan('cited.json', diagnose(['proxy_logs', 'recent_changes'])));
    const bare = await json('--actions', await plan('bare.json', diagnose()));
    expect(cited.refused).toEqual([]);
    expect(points(cited)).toBeGreaterThan(0);
    expect(points(bare)).toBe(0);
    const wrong = await json('--actions', await plan('f99.json', [...diagnose(), { at: '08:57', diagnose: { trigger: 'change_waf_killswitch', component: 'component_fl1_rules_engine', mechanism: 'config_reaches_code_bug', evidence: ['F99'], text: '' } }]));
    expect((wrong.refused as { error: string }[]).map((r) => r.error)).toEqual(['F99 is not a finding on your evidence board']);
  });
});

describe('simulate: every option works with every other, or is refused naming both', () => {
  /** Each option, a value, and how its effect shows in the JSON answer (a run report or a spread). */
  const OPTIONS: Record<string, { argv: () => string[]; shows: (out: Record<string, unknown>) => boolean }> = {
    seed: { argv: () => ['--seed', '4'], shows: (o) => o.seed === 4 },
    seeds: { argv: () => ['--seeds', '3-4'], shows: (o) => (o.runs as { seed: number }[]).map((r) => r.seed).join() === '3,4' },
    mode: { argv: () => ['--mode', 'guided'], shows: (o) => o.mode === 'guided' },
    responders: { argv: () => ['--responders', '2'], shows: (o) => o.responders === 2 },
    replay: { argv: () => ['--replay', 'reference'], shows: (o) => String(o.plan).startsWith('reference') },
    actions: { argv: () => ['--actions', file('busy.json')], shows: (o) => String(o.plan).startsWith(file('busy.json')) },
    branch: { argv: () => ['--branch-at', '09:00', '--then', file('after.json')], shows: (o) => String(o.plan).includes('until 09:00, then') },
    'list-actions': { argv: () => ['--list-actions'], shows: (o) => Array.isArray(o) && o.some((a: { id?: string }) => a.id === 'revert_change') },
  };
  const names = Object.keys(OPTIONS);
  const pairs = names.flatMap((a, i) => names.slice(i + 1).map((b) => [a, b] as const));

  it.each(pairs)('--%s with --%s', async (a, b) => {
    const r = await simulateCommand([ID, ...OPTIONS[a]!.argv(), ...OPTIONS[b]!.argv(), '--json']);
    if (r.code !== 0) {
      expect(r.code).toBe(2);
      const first = (name: string) => OPTIONS[name]!.argv()[0]!;
      expect(r.stderr, r.stderr).toContain(first(a));
      expect(r.stderr, r.stderr).toContain(first(b));
      return;
    }
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(OPTIONS[a]!.shows(out), `--${a} had no effect with --${b}`).toBe(true);
    expect(OPTIONS[b]!.shows(out), `--${b} had no effect with --${a}`).toBe(true);
  }, 60_000);

  it('a mode reaches every seed of a spread: a locked tool is refused in realistic mode only', async () => {
    const refusedOn = (spread: Record<string, unknown>) => (spread.runs as { refused: number }[]).map((r) => r.refused);
    expect(refusedOn(await json('--seeds', '1-2', '--actions', file('busy.json')))).toEqual([1, 1]);
    expect(refusedOn(await json('--seeds', '1-2', '--actions', file('busy.json'), '--mode', 'guided'))).toEqual([0, 0]);
  });

  it('refuses the same option twice, and a bad responder count', async () => {
    expect((await simulateCommand([ID, '--seed', '1', '--seed', '2'])).stderr).toContain('--seed is given twice');
    expect((await simulateCommand([ID, '--responders', '0'])).stderr).toContain('--responders takes a whole number from 1 to 12, got "0"');
  });
});
