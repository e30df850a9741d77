/**
 * The debrief's presentation view walks the room through five sections, one at a time. Which one
 * is shown lives in the URL (`?present` is the first, `?present=3` the third) so a trainer can
 * open a projector straight onto one. Pure, so the navigation is tested without a browser.
 */

export const PRESENT_SECTIONS = [
  { id: 'comparison', title: 'The teams and the real responders' },
  { id: 'timeline', title: 'The timeline beside the real one' },
  { id: 'curves', title: 'The curves' },
  { id: 'review', title: 'Objectives and lessons' },
  { id: 'branches', title: 'Branches' },
] as const;

export type PresentSectionId = (typeof PRESENT_SECTIONS)[number]['id'];

/** The section a `present` query value opens (1-based), or null when the page is not presenting. */
export function presentFromQuery(value: string | null): number | null {
  if (value === null) return null;
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n)) return 1;
  return Math.min(PRESENT_SECTIONS.length, Math.max(1, n));
}

/** What a key does in the presentation: go to another section, leave, or nothing. */
export function presentKey(key: string, current: number): number | 'exit' | null {
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
      return current < PRESENT_SECTIONS.length ? current + 1 : null;
    case 'ArrowLeft':
    case 'PageUp':
      return current > 1 ? current - 1 : null;
    case 'Home':
      return current === 1 ? null : 1;
    case 'End':
      return current === PRESENT_SECTIONS.length ? null : PRESENT_SECTIONS.length;
    case 'Escape':
      return 'exit';
    default:
      return null;
  }
}

/** The page's URL with the presentation at `section` (or without it, for null); other parameters kept. */
export function presentUrl(href: string, section: number | null): string {
  const url = new URL(href);
  if (section === null) url.searchParams.delete('present');
  else url.searchParams.set('present', String(section));
  return url.toString();
}
