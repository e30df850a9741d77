import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { directoryCheckCache } from './check-cache.ts';
import { loadScenarios } from './load-scenarios.ts';

const MIXED = path.join(import.meta.dirname, 'fixtures', 'mixed');
const TOY_MODEL = path.resolve(import.meta.dirname, '../engine/test-fixtures/toy-config-push/model.ts');
const GOOD_MODEL = `export { model } from ${JSON.stringify(TOY_MODEL)};\n`;
/** The toy model drawing noise from Math.random: refused as not deterministic. */
const NONDETERMINISTIC_MODEL = `import { model as toy } from ${JSON.stringify(TOY_MODEL)};
export const model = { ...toy, signals(m, ctx) { const v = toy.signals(m, ctx); return { ...v, latency_p99: v.latency_p99 + Math.random() }; } };
`;

const temps: string[] = [];
afterEach(async () => { await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true }))); });
const temp = async () => { const d = await mkdtemp(path.join(os.tmpdir(), 'check-cache-')); temps.push(d); return d; };

/** A scenario directory holding one copy of the good toy fixture, with the model given (each in a fresh place: modules are cached per path). */
async function scenarioDir(model: string, edit: (json: string) => string = (j) => j): Promise<string> {
  const dir = await temp();
  const folder = path.join(dir, 'toy-good');
  await cp(path.join(MIXED, 'toy-good'), folder, { recursive: true });
  await writeFile(path.join(folder, 'model.ts'), model);
  await writeFile(path.join(folder, 'scenario.json'), edit(await readFile(path.join(folder, 'scenario.json'), 'utf8')));
  return dir;
}

describe('remembered model checks', () => {
  it('a scenario that passed is not checked again while its content is the same; a change to any of its files is checked again', async () => {
    const cache = directoryCheckCache(await temp());
    const first = await loadScenarios(await scenarioDir(GOOD_MODEL), { checkCache: cache });
    expect([...first.scenarios.keys()]).toEqual(['toy-good']);
    expect(first.checksRemembered).toEqual([]);
    // The same content elsewhere: remembered.
    const again = await loadScenarios(await scenarioDir(GOOD_MODEL), { checkCache: cache });
    expect([...again.scenarios.keys()]).toEqual(['toy-good']);
    expect(again.checksRemembered).toEqual(['toy-good']);
    // One word of scenario.json changed: checked again (and remembered for that content).
    const retitled = await loadScenarios(await scenarioDir(GOOD_MODEL, (j) => j.replace('"title": "', '"title": "Renamed ')), { checkCache: cache });
    expect(retitled.scenarios.get('toy-good')?.data.title).toMatch(/^Renamed /);
    expect(retitled.checksRemembered).toEqual([]);
  });

  it('a cache hit never hides a broken model: the changed model is checked and refused, every time, and never remembered', async () => {
    const dir = await temp();
    const cache = directoryCheckCache(dir);
    await loadScenarios(await scenarioDir(GOOD_MODEL), { checkCache: cache });
    const remembered = await readdir(dir);
    for (let i = 0; i < 2; i++) {
      const broken = await loadScenarios(await scenarioDir(NONDETERMINISTIC_MODEL), { checkCache: cache });
      expect(broken.scenarios.size).toBe(0);
      expect(broken.refused[0]?.problems.map((p) => `${p.field}: ${p.message}`)).toEqual([expect.stringMatching(/^model: is not deterministic/)]);
      expect(await readdir(dir)).toEqual(remembered);
    }
    // Without any cache the refusal is the same.
    const uncached = await loadScenarios(await scenarioDir(NONDETERMINISTIC_MODEL), { checkCache: null });
    expect(uncached.refused[0]?.problems[0]?.message).toMatch(/is not deterministic/);
  });

  it('every broken fixture is refused as without a cache, and only the good one is remembered', async () => {
    const dir = await temp();
    const cache = directoryCheckCache(dir);
    const plain = await loadScenarios(MIXED, { checkCache: null });
    for (let i = 0; i < 2; i++) {
      const cached = await loadScenarios(MIXED, { checkCache: cache });
      expect(cached.refused).toEqual(plain.refused);
      expect([...cached.scenarios.keys()]).toEqual(['toy-good']);
      expect(cached.checksRemembered).toEqual(i === 0 ? [] : ['toy-good']);
    }
    expect((await readdir(dir)).map((f) => f.replace(/-[0-9a-f]+\.json$/, ''))).toEqual(['toy-good']);
  });
});
