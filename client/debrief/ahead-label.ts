/** "12 min ahead" / "3 min behind" / "on time" / "not reached"; short form "+12" / "−3". */
export function aheadLabel(minutesAhead: number | null, short = false): string {
  if (minutesAhead === null) return short ? '' : 'not reached';
  if (short) return minutesAhead === 0 ? '±0' : minutesAhead > 0 ? `+${minutesAhead}` : `−${-minutesAhead}`;
  if (Math.abs(minutesAhead) < 1) return 'on time';
  return minutesAhead > 0 ? `${minutesAhead} min ahead` : `${-minutesAhead} min behind`;
}
