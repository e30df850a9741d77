/** Short-lived confirmations and errors ("Delivered to 3 teams", "Rejected: …"), announced politely. */
import { useEffect } from 'preact/hooks';

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  text: string;
}

export function NoticeStack(props: { notices: Notice[]; onDismiss: (id: number) => void }) {
  return (
    <div class="notice-stack" aria-live="polite">
      {props.notices.map((n) => <NoticeItem key={n.id} notice={n} onDismiss={props.onDismiss} />)}
    </div>
  );
}

function NoticeItem(props: { notice: Notice; onDismiss: (id: number) => void }) {
  const { notice, onDismiss } = props;
  useEffect(() => {
    const id = setTimeout(() => onDismiss(notice.id), notice.level === 'info' ? 4000 : 8000);
    return () => clearTimeout(id);
  }, [notice.id]);
  return (
    <div class={`notice notice-${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      <button type="button" class="icon-btn" aria-label="Dismiss" onClick={() => onDismiss(notice.id)}>×</button>
    </div>
  );
}
