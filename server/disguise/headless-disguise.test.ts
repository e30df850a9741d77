/**
 * `npm run simulate -- <id> --disguised`: the headless run prints everything in the aliases, reads
 * a plan written in the disguised ids, and scores exactly as the same run under the real names.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../scenario-registry/load-scenarios.ts';
import { disguiseOf } from './disguise.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const simulate = async (...args: string[]) => (await promisify(execFile)(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/cli/simulate.ts', ...args], { cwd: ROOT })).stdout;

describe('simulate --disguised', () => {
  it('prints the 5 December reference replay in the aliases, and takes a plan in disguised ids', async () => {
    const scenario = (await loadScenarios()).scenarios.get('cloudflare-2025-12-05')!;
    const disguise = disguiseOf(scenario.data)!;
    const dir = await mkdtemp(path.join(tmpdir(), 'disguised-plan-'));
    try {
      const planFile = path.join(dir, 'plan.json');
      await writeFile(planFile, JSON.stringify(disguise.mask(scenario.data.referencePlan)));
      const [real, shown, fromDisguisedPlan, text] = await Promise.all([
        simulate('cloudflare-2025-12-05', '--replay', 'reference', '--json'),
        simulate('cloudflare-2025-12-05', '--replay', 'reference', '--json', '--disguised'),
        simulate('cloudflare-2025-12-05', '--actions', planFile, '--json', '--disguised'),
        simulate('cloudflare-2025-12-05', '--replay', 'reference', '--disguised'),
      ]);
      const parse = (out: string) => JSON.parse(out) as { scenario: string; score: { total: number }; markers: Record<string, string | null>; refused: unknown[] };
      expect(parse(real).scenario).toBe('cloudflare-2025-12-05');
      expect(parse(shown).scenario).toBe('nimbus-2024-09-13');
      expect(parse(shown).score).toEqual(disguise.mask(parse(real).score));
      expect(parse(fromDisguisedPlan).refused).toEqual([]);
      expect(parse(fromDisguisedPlan).score).toEqual(parse(shown).score);
      expect(text).toContain(scenario.data.disguise!.title);
      for (const out of [shown, fromDisguisedPlan, text]) expect(out).not.toMatch(/cloudflare|\bFL[12]\b|kill ?switch|2025-12-05|5 December/i);
      expect(real).toMatch(/cloudflare/i);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
