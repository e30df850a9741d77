/** Competition ranking ("1, 1, 3"): equal totals share a rank. */
export function rankTotals(totals: readonly number[]): number[] {
  return totals.map((t) => 1 + totals.filter((o) => o > t).length);
}
