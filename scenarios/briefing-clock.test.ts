/** Every scenario's briefing states the clock's own window, so it cannot drift from it again. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioDataSchema } from '../server/engine/index.ts';

const folders = readdirSync(import.meta.dirname).filter((f) => statSync(path.join(import.meta.dirname, f)).isDirectory());

describe('briefings follow the clock', () => {
  it.each(folders)('%s: the briefing says the window the clock runs, with no placeholder left', (folder) => {
    const data = scenarioDataSchema.parse(JSON.parse(readFileSync(path.join(import.meta.dirname, folder, 'scenario.json'), 'utf8')));
    expect(data.briefing, `${folder} has a briefing`).toBeDefined();
    const text = Object.values(data.briefing ?? {}).join('\n');
    expect(data.briefing?.situation).toContain(`from ${data.clock.start} to ${data.clock.end} UTC`);
    expect(text).not.toMatch(/\{[a-z]+\}/i);
  });
});
