/** How many items arrived since the reader last looked (a tab's or panel's "3 new" badge). */
import { useEffect, useState } from 'preact/hooks';

export function useUnread(total: number, looking: boolean): { unread: number; markRead: () => void } {
  const [seen, setSeen] = useState(total);
  useEffect(() => { if (looking) setSeen(total); }, [looking, total]);
  return { unread: Math.max(0, total - seen), markRead: () => setSeen(total) };
}
