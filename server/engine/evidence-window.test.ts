import { describe, expect, it } from 'vitest';
import { byMinute, clockLabel, minutesOf, seenWithin, windowLabel } from './evidence-window.ts';
import { clock } from './sim-time.ts';

describe('evidence windows', () => {
  it('labels a window as a log tool prints it: minutes on the minute, seconds otherwise', () => {
    expect(windowLabel(clock('11:42'), clock('11:52'))).toBe('11:42–11:52');
    expect(windowLabel(clock('11:42') + 30, clock('11:52') + 30)).toBe('11:42:30–11:52:30');
    expect(clockLabel(clock('08:47') + 5)).toBe('08:47:05');
  });

  it('lists the minutes a window touches, one at least', () => {
    expect(minutesOf(clock('11:42'), clock('11:45'))).toEqual([clock('11:42'), clock('11:43'), clock('11:44')]);
    expect(minutesOf(clock('11:42') + 30, clock('11:44') + 30)).toEqual([clock('11:42'), clock('11:43'), clock('11:44')]);
    expect(minutesOf(clock('09:00'), clock('09:00'))).toEqual([clock('09:00')]);
  });
});

describe('what a window saw', () => {
  it('finds the first and last time a condition held, or nothing', () => {
    const burst = (t: number) => t >= clock('11:43') && t < clock('11:47');
    expect(seenWithin(clock('11:42'), clock('11:52'), 10, burst)).toEqual({ first: clock('11:43'), last: clock('11:47') - 10 });
    expect(seenWithin(clock('11:48'), clock('11:52'), 10, burst)).toBeNull();
  });

  it('samples each minute in its middle, never outside the window', () => {
    const seenAt: number[] = [];
    const minutes = byMinute(clock('11:42') + 45, clock('11:44') + 10, (t) => { seenAt.push(t); return t; });
    expect(minutes.map((x) => x.minute)).toEqual([clock('11:42'), clock('11:43'), clock('11:44')]);
    expect(seenAt).toEqual([clock('11:42') + 45, clock('11:43') + 30, clock('11:44') + 10]);
  });
});
