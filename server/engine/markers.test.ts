import { describe, expect, it } from 'vitest';
import { findMarkers } from './markers.ts';
import { injectSchema, markerRuleSchema, type MarkerRule, type ScenarioData } from './scenario-definition.ts';
import type { Sample } from './world.ts';

/** One sample a minute from 10:00, the signal `err` taking each value in turn. */
const series = (values: number[]): Sample[] => values.map((v, i) => ({ t: 36000 + 60 * i, values: { err: v } }));
const rule = (r: Partial<MarkerRule> & { id: string }): MarkerRule => ({
  label: r.id, signal: 'err', op: 'below', threshold: 1, forMinutes: 3, at: 'start', source: 'test', ...r,
});
const data = (markers: MarkerRule[]): ScenarioData => ({ markers } as unknown as ScenarioData);

describe('marker rules', () => {
  it('without holdsUntil: the first window that lasts forMinutes, even if it breaks later', () => {
    const found = findMarkers(data([rule({ id: 'ok' })]), series([5, 0, 0, 0, 0, 5, 5, 0, 0]));
    expect(found.markers.ok).toBe(36000 + 60);
    expect(found.relapses).toEqual([]);
  });

  it('holdsUntil "end": a recovery that breaks is a relapse; the marker is the last recovery', () => {
    const found = findMarkers(data([rule({ id: 'ok', holdsUntil: 'end' })]), series([5, 0, 0, 0, 0, 5, 5, 0, 0, 0, 0]));
    expect(found.markers.ok).toBe(36000 + 7 * 60);
    expect(found.relapses).toEqual([{ marker: 'ok', recoveredAt: 36000 + 60, relapsedAt: 36000 + 5 * 60 }]);
  });

  it('holdsUntil "end": a relapse with no later recovery leaves no marker; an unfinished window is open', () => {
    const found = findMarkers(data([rule({ id: 'ok', holdsUntil: 'end' })]), series([5, 0, 0, 0, 0, 5, 5, 0, 0]));
    expect(found.markers.ok).toBeNull();
    expect(found.open).toEqual(['ok']);
  });

  it('holdsUntil a marker: the window must hold only until that marker', () => {
    const rules = [
      rule({ id: 'later', op: 'above', threshold: 8, forMinutes: 0 }),
      rule({ id: 'ok', holdsUntil: 'later' }),
    ];
    const found = findMarkers(data(rules), series([5, 0, 0, 0, 0, 9, 5]));
    expect(found.markers.later).toBe(36000 + 5 * 60);
    expect(found.markers.ok).toBe(36000 + 60);
  });

  it('the schema accepts holdsUntil "end" or a marker id, and onlyAfter on injects', () => {
    expect(markerRuleSchema.safeParse(rule({ id: 'x', holdsUntil: 'end' })).success).toBe(true);
    expect(markerRuleSchema.safeParse(rule({ id: 'x', holdsUntil: 'Not An Id' })).success).toBe(false);
    expect(injectSchema.safeParse({ id: 'call', at: '11:35', title: 't', text: 't', onlyAfter: 'edge_5xx' }).success).toBe(true);
  });
});
