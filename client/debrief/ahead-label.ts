/**
 * "12 min ahead" / "3 min behind" / "on time" / "not reached": always with the unit and the
 * direction (a bare "+12" leaves the reader guessing what and against whom).
 */
export function aheadLabel(minutesAhead: number | null, short = false): string {
  if (minutesAhead === null) return short ? '' : 'not reached';
  if (Math.abs(minutesAhead) < 1) return 'on time';
  return minutesAhead > 0 ? `${minutesAhead} min ahead` : `${-minutesAhead} min behind`;
}
