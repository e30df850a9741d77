import { describe, expect, it } from 'vitest';
import { briefingProblems, durationText, fillBriefing } from './briefing-clock.ts';

const CLOCK = { start: '11:00', end: '19:28' };

describe('a briefing that follows its clock', () => {
  it('fills {start}, {end} and {duration} from the clock, in every field', () => {
    const filled = fillBriefing({ situation: 'At {start} UTC. The clock runs from {start} to {end} UTC ({duration}).', rules: 'Until {end}.' }, CLOCK);
    expect(filled).toEqual({ situation: 'At 11:00 UTC. The clock runs from 11:00 to 19:28 UTC (8 h 28 min).', rules: 'Until 19:28.' });
  });

  it('writes durations as a facilitator reads them', () => {
    expect(durationText({ start: '08:40', end: '10:00' })).toBe('1 h 20 min');
    expect(durationText({ start: '10:00', end: '11:00' })).toBe('1 h');
    expect(durationText({ start: '08:40', end: '09:30' })).toBe('50 min');
  });

  it('refuses an unknown placeholder, naming the ones it may use', () => {
    expect(briefingProblems({ situation: 'From {begin}.', roles: 'x', rules: 'x', doNotReveal: 'x' }, CLOCK)).toEqual([
      { field: 'situation', message: 'unknown placeholder {begin}: a briefing may use {start}, {end}, {duration}' },
    ]);
    expect(fillBriefing({ situation: 'From {begin}.' }, CLOCK).situation).toBe('From {begin}.');
  });

  it('refuses a window written by hand that is not the clock, and accepts one that is', () => {
    const drifted = { situation: 'The clock runs from 11:00 to 17:30 UTC.', roles: 'x', rules: 'Between 11:00–17:30 anything goes.', doNotReveal: 'x' };
    expect(briefingProblems(drifted, CLOCK).map((p) => [p.field, p.message])).toEqual([
      ['situation', 'says "11:00 to 17:30" but the clock runs 11:00 to 19:28: write "{start} to {end}" so it follows the clock'],
      ['rules', 'says "11:00–17:30" but the clock runs 11:00 to 19:28: write "{start} to {end}" so it follows the clock'],
    ]);
    expect(briefingProblems({ ...drifted, situation: 'The clock runs from 11:00 to 19:28 UTC.', rules: 'x' }, CLOCK)).toEqual([]);
  });

  it('leaves the real day\'s times alone: what must not be revealed is not about the clock', () => {
    expect(briefingProblems({ situation: 'x', roles: 'x', rules: 'x', doNotReveal: 'Impact from 11:20 to 14:30.' }, CLOCK)).toEqual([]);
  });
});
