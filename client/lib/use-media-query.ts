/** Whether a CSS media query matches, updated as the window changes (phone layout below 700 px). */
import { useEffect, useState } from 'preact/hooks';

export const PHONE_QUERY = '(max-width: 699px)';

export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}
