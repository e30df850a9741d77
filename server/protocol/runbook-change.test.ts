import { describe, expect, it } from 'vitest';
import type { Runbook } from '../engine/index.ts';
import { mergeRunbook, runbookChange } from './runbook-change.ts';

const tool = (id: string, options: string[] = []) => ({
  id, title: id, description: `${id} does things`, durationMinutes: 5, unlockedAt: null,
  params: options.length > 0 ? [{ name: 'target', label: 'Target', type: 'enum' as const, options: options.map((value) => ({ value, label: value })) }] : [],
});
const action = (id: string) => ({ id, title: id, description: id, kind: 'config' as const, delayMinutes: 1, workMinutes: 1, params: [], unlockedAt: 600 });
const option = (id: string) => ({ id, label: id, unlockedAt: null });
const runbook = (investigations: ReturnType<typeof tool>[], actions: ReturnType<typeof action>[], triggers: string[], components: string[] = []): Runbook => ({
  investigations, actions, diagnosis: { triggers: triggers.map(option), components: components.map(option), mechanisms: [option('overload'), option('bad_config')] },
});

describe('runbook changes', () => {
  const before = runbook([tool('logs', ['api']), tool('changes')], [action('restart')], ['unknown']);
  const after = runbook([tool('logs', ['api', 'db']), tool('traces'), tool('changes')], [action('restart'), action('rollback')], ['unknown', 'config_push'], ['api_workers']);

  it('carry only the items a lead added or changed, with every id in order; merged, they give the new runbook', () => {
    const change = runbookChange(before, after)!;
    expect(change.investigations).toEqual({ ids: ['logs', 'traces', 'changes'], items: [after.investigations[0], after.investigations[1]] });
    expect(change.actions?.items.map((a) => a.id)).toEqual(['rollback']);
    expect(change.triggers?.items.map((o) => o.id)).toEqual(['config_push']);
    expect(change.components).toEqual({ ids: ['api_workers'], items: [after.diagnosis.components[0]] });
    expect(change.mechanisms).toBeUndefined();
    expect(mergeRunbook(before, change)).toEqual(after);
  });

  it('are null when nothing changed, and whole when nothing was known', () => {
    expect(runbookChange(after, structuredClone(after))).toBeNull();
    expect(mergeRunbook(runbook([], [], []), runbookChange(null, after)!)).toEqual(after);
    expect(mergeRunbook(after, undefined)).toBe(after);
  });
});
