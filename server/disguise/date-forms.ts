/**
 * The ways a text may write a scenario's day, so the real date can be swapped for the disguise's
 * in each of them: 2025-11-18, 18 November 2025, November 18, 18 Nov, 18/11/2025, Tuesday…
 */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** `iso`: YYYY-MM-DD. The forms in the same order for any day, so two days' lists pair up. */
export function dateForms(iso: string): string[] {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const month = MONTHS[m - 1]!;
  const mon = month.slice(0, 3);
  const dd = String(d).padStart(2, '0');
  const mm = String(m).padStart(2, '0');
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
  return [
    iso, `${y}/${mm}/${dd}`, `${y}${mm}${dd}`, `${dd}/${mm}/${y}`, `${mm}/${dd}/${y}`,
    `${d} ${month} ${y}`, `${month} ${d}, ${y}`, `${month} ${d} ${y}`, `${d} ${mon} ${y}`, `${mon} ${d}, ${y}`, `${mon} ${d} ${y}`,
    `${d} ${month}`, `${month} ${d}`, `${d} ${mon}`, `${mon} ${d}`,
    `${d}${ordinal(d)} of ${month}`, `${month} ${d}${ordinal(d)}`, `${d}${ordinal(d)} ${month}`,
    weekday,
  ];
}

function ordinal(d: number): string {
  if (d % 100 >= 11 && d % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][d % 10] ?? 'th';
}
