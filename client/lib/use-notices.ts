import { useCallback, useRef, useState } from 'preact/hooks';
import type { Notice } from '../components/notice-toast.tsx';

export function useNotices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  const next = useRef(1);
  const push = useCallback((level: Notice['level'], text: string) => {
    const id = next.current++;
    setNotices((list) => [...list.slice(-3), { id, level, text }]);
  }, []);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  return { notices, push, dismiss };
}
