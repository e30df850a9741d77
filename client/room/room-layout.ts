/**
 * How the room screen lays its team cards out on a 16:9 projector: as many columns as keep a card
 * wide enough for text at 28 px (at most four), and rows that share the height. Every row but
 * maybe the last is full, so the cards always fill the width.
 */
export function roomColumns(teams: number): number {
  if (teams <= 3) return Math.max(1, teams);
  if (teams === 4) return 2;
  if (teams <= 6) return 3;
  return 4;
}

export function roomRows(teams: number): number {
  return Math.max(1, Math.ceil(teams / roomColumns(teams)));
}
