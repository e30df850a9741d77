import { describe, expect, it } from 'vitest';
import { formatAxisValue, formatDuration, formatHhmm, formatHhmmss, formatMinutes, formatValue, parseHhmm } from './format.ts';

describe('sim time formatting', () => {
  it('floors to the minute, like a wall clock', () => {
    expect(formatHhmm(11 * 3600 + 59)).toBe('11:00');
    expect(formatHhmm(11 * 3600 + 31 * 60)).toBe('11:31');
    expect(formatHhmmss(13 * 3600 + 37 * 60 + 5.9)).toBe('13:37:05');
  });
  it('wraps past midnight and never shows negative time', () => {
    expect(formatHhmm(24 * 3600 + 5 * 60)).toBe('00:05');
    expect(formatHhmm(-30)).toBe('00:00');
  });
  it('parses HH:MM back, and refuses what is not a time', () => {
    expect(parseHhmm('14:30')).toBe(14 * 3600 + 30 * 60);
    expect(parseHhmm('9:05')).toBe(9 * 3600 + 5 * 60);
    expect(parseHhmm('24:00')).toBeNull();
    expect(parseHhmm('soon')).toBeNull();
  });
});

describe('durations', () => {
  it('reads like a person would say it', () => {
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(245)).toBe('4m 05s');
    expect(formatDuration(3900)).toBe('1h 05m');
    expect(formatDuration(-3)).toBe('0s');
    expect(formatMinutes(2)).toBe('2 min');
    expect(formatMinutes(390)).toBe('6h 30m');
    expect(formatMinutes(120)).toBe('2h');
  });
});

describe('signal values', () => {
  it('formats each unit the way a panel legend shows it', () => {
    expect(formatValue(41.234, 'percent')).toBe('41.2%');
    expect(formatValue(0.2117, 'percent')).toBe('0.21%');
    expect(formatValue(850.4, 'ms')).toBe('850 ms');
    expect(formatValue(1432, 'ms')).toBe('1.43 s');
    expect(formatValue(47_100, 'rps')).toBe('47.1k req/s');
    expect(formatValue(0.5, 'ratio')).toBe('0.50');
    expect(formatValue(1, 'up')).toBe('UP');
    expect(formatValue(0, 'up')).toBe('DOWN');
    expect(formatValue(null, 'percent')).toBe('–');
    expect(formatValue(Number.NaN, 'ms')).toBe('–');
  });
  it('keeps axis ticks short', () => {
    expect(formatAxisValue(20, 'percent')).toBe('20%');
    expect(formatAxisValue(1500, 'ms')).toBe('1.5s');
    expect(formatAxisValue(2_500_000, 'rps')).toBe('2.5M');
  });
});
