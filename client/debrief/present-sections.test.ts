import { describe, expect, it } from 'vitest';
import { PRESENT_SECTIONS, presentFromQuery, presentKey, presentUrl } from './present-sections.ts';

describe('presentation sections', () => {
  it('walks five sections: comparison, timeline, curves, objectives and lessons, branches', () => {
    expect(PRESENT_SECTIONS.map((s) => s.id)).toEqual(['comparison', 'timeline', 'curves', 'review', 'branches']);
  });

  it('opens the section the query names, the first for a bare ?present, none without it', () => {
    expect(presentFromQuery(null)).toBeNull();
    expect(presentFromQuery('')).toBe(1);
    expect(presentFromQuery('3')).toBe(3);
    expect(presentFromQuery('0')).toBe(1);
    expect(presentFromQuery('9')).toBe(5);
    expect(presentFromQuery('curves')).toBe(1);
  });

  it('moves with the arrows and the page keys, stops at either end, and leaves on Escape', () => {
    expect(presentKey('ArrowRight', 1)).toBe(2);
    expect(presentKey('PageDown', 4)).toBe(5);
    expect(presentKey('ArrowRight', 5)).toBeNull();
    expect(presentKey('ArrowLeft', 3)).toBe(2);
    expect(presentKey('PageUp', 2)).toBe(1);
    expect(presentKey('PageUp', 1)).toBeNull();
    expect(presentKey('Home', 4)).toBe(1);
    expect(presentKey('End', 2)).toBe(5);
    expect(presentKey('Escape', 3)).toBe('exit');
    expect(presentKey('a', 3)).toBeNull();
  });

  it('keeps the other query parameters when it writes the section into the URL', () => {
    expect(presentUrl('http://x/debrief/s1?team=t2', 3)).toBe('http://x/debrief/s1?team=t2&present=3');
    expect(presentUrl('http://x/debrief/s1?present=3&team=t2', null)).toBe('http://x/debrief/s1?team=t2');
  });
});
