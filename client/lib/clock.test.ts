import { describe, expect, it } from 'vitest';
import type { ClockState } from '../../server/protocol/views.ts';
import { advanceTo, progressOf, realSecondsLeft, receiveClock, simNow, teamClock } from './clock.ts';

const base: ClockState = { status: 'running', simTime: 11 * 3600, speed: 60, start: 11 * 3600, end: 17 * 3600 + 30 * 60, sentAt: 0 };

describe('clock interpolation', () => {
  it('runs at the clock speed from the moment the state arrived', () => {
    const clock = receiveClock(base, 1_000_000);
    expect(simNow(clock, 1_000_000)).toBe(11 * 3600);
    // 2.5 real seconds at 60× = 150 sim seconds.
    expect(simNow(clock, 1_002_500)).toBe(11 * 3600 + 150);
  });
  it('ignores the server wall clock, so a skewed browser clock does not matter', () => {
    const skewed = receiveClock({ ...base, sentAt: 5_000_000_000 }, 1_000);
    expect(simNow(skewed, 2_000)).toBe(11 * 3600 + 60);
  });
  it('stands still when paused, in the lobby or ended', () => {
    for (const status of ['paused', 'lobby', 'ended'] as const) {
      const clock = receiveClock({ ...base, status, simTime: 12 * 3600 }, 0);
      expect(simNow(clock, 60_000)).toBe(12 * 3600);
    }
  });
  it('never runs past the end of the scenario', () => {
    const clock = receiveClock({ ...base, simTime: base.end - 10 }, 0);
    expect(simNow(clock, 10_000)).toBe(base.end);
  });
  it('jumps forward to a newer tick but never goes backwards', () => {
    const clock = receiveClock(base, 0);
    const ahead = advanceTo(clock, base.simTime + 300, 1000);
    expect(simNow(ahead, 1000)).toBe(base.simTime + 300);
    const behind = advanceTo(clock, base.simTime + 10, 1000);
    expect(behind).toBe(clock);
  });
  it('gives progress and the real time left at the current speed', () => {
    const half = base.start + (base.end - base.start) / 2;
    expect(progressOf(base, half)).toBeCloseTo(0.5);
    expect(progressOf(base, base.start - 100)).toBe(0);
    expect(realSecondsLeft(base, base.end - 600)).toBe(10);
    expect(realSecondsLeft({ ...base, speed: 1 }, base.end - 600)).toBe(600);
  });
});

describe('a team rewound alone', () => {
  it('reads the session clock minus its lag, and stops that much before the end; other teams read the session clock', () => {
    const lagged = { ...base, simTime: 12 * 3600, teamLags: { t2: 1800 } };
    expect(teamClock(lagged, 't2')).toMatchObject({ simTime: 11.5 * 3600, end: 17 * 3600 });
    expect(teamClock(lagged, 't1')).toBe(lagged);
    expect(teamClock(lagged, null)).toBe(lagged);
    expect(simNow(receiveClock(teamClock(lagged, 't2'), 0), 1000)).toBe(11.5 * 3600 + 60);
  });
});
