import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { computePins, PINS_FILE, type Pins } from './output-pins.ts';

describe('engine outputs are pinned', () => {
  it('every pinned run of every real scenario gives the recorded digests (world, markers, report, views)', async () => {
    const recorded = JSON.parse(await readFile(PINS_FILE, 'utf8')) as Pins;
    const now = await computePins();
    expect(Object.keys(now).sort()).toEqual(Object.keys(recorded).sort());
    const differing: string[] = [];
    for (const [run, parts] of Object.entries(now)) {
      for (const [part, value] of Object.entries(parts)) if (recorded[run]?.[part] !== value) differing.push(`${run}: ${part}`);
    }
    // A run and part listed here produces something else than when output-pins.json was written.
    expect(differing).toEqual([]);
    // The stepped run (uneven small advances, as a session ticks) ends on the same world as the whole run.
    for (const parts of Object.values(now)) expect(parts['stepped world']).toBe(parts.world);
  }, 120_000);
});
