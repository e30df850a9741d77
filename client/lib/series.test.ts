import { describe, expect, it } from 'vitest';
import type { FeedEntry, SignalSpec } from '../../server/protocol/views.ts';
import { groupByPanel, latestValue, toColumns } from './series.ts';
import { firingAlerts } from './alerts.ts';
import { chartRange } from '../charts/chart-range.ts';

const signal = (id: string, panel: string): SignalSpec => ({ id, label: id, panel, unit: 'percent', description: id, thresholds: [] });

describe('series', () => {
  it('turns samples into uPlot columns, with gaps for missing values', () => {
    const cols = toColumns([{ t: 0, values: { a: 1, b: 2 } }, { t: 30, values: { a: 3 } }], ['a', 'b']);
    expect(cols).toEqual([[0, 30], [1, 3], [2, null]]);
  });
  it('groups signals by panel in declaration order', () => {
    const panels = groupByPanel([signal('a', 'Errors'), signal('b', 'Latency'), signal('c', 'Errors')]);
    expect(panels.map((p) => [p.title, p.signals.map((s) => s.id)])).toEqual([['Errors', ['a', 'c']], ['Latency', ['b']]]);
  });
  it('finds the latest value of a signal', () => {
    expect(latestValue([{ t: 0, values: { a: 1 } }, { t: 30, values: { b: 2 } }], 'a')).toBe(1);
    expect(latestValue([], 'a')).toBeNull();
  });
  it('keeps at least 30 sim minutes on screen and follows now', () => {
    expect(chartRange(36_000, [], 36_010)).toEqual([36_000, 37_800]);
    expect(chartRange(36_000, [{ t: 40_000, values: {} }], 39_990)).toEqual([36_000, 40_020]);
  });
});

describe('firing alerts', () => {
  const entry = (entryId: number, at: number, kind: FeedEntry['kind'], rule: string): FeedEntry => ({ entry: entryId, at, kind, title: rule, text: '', rule });
  it('counts a rule as firing until its RESOLVED line arrives', () => {
    const feed = [entry(1, 10, 'alert', 'errors'), entry(2, 20, 'alert', 'latency'), entry(3, 30, 'alert-resolved', 'errors')];
    expect(firingAlerts(feed).map((f) => f.rule)).toEqual(['latency']);
    expect(firingAlerts([...feed, entry(4, 40, 'alert', 'errors')]).map((f) => f.rule).sort()).toEqual(['errors', 'latency']);
  });
});
