/** The team's incident channel: chat, and notes pinned to the team's timeline. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatMessage } from '../../server/protocol/views.ts';
import { formatHhmm } from '../lib/format.ts';
import { InheritedTag } from '../branch/branch-mark.tsx';

export function TeamChannel(props: { messages: ChatMessage[]; youId: string | null; onSend?: (text: string, pinned: boolean) => Promise<boolean>; title?: string }) {
  const [text, setText] = useState('');
  const [pinned, setPinned] = useState(false);
  const [onlyPinned, setOnlyPinned] = useState(false);
  const [busy, setBusy] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const shown = onlyPinned ? props.messages.filter((m) => m.pinned) : props.messages;
  const pinnedCount = props.messages.filter((m) => m.pinned).length;

  // Follow new messages unless the reader scrolled up to read history.
  useEffect(() => {
    const el = list.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 80) el.scrollTop = el.scrollHeight;
  }, [shown.length]);

  const send = async (e: Event) => {
    e.preventDefault();
    const t = text.trim();
    if (!t || !props.onSend) return;
    setBusy(true);
    const ok = await props.onSend(t, pinned);
    setBusy(false);
    if (ok) {
      setText('');
      setPinned(false);
    }
  };

  return (
    <section class="panel channel" aria-labelledby="channel-heading">
      <header class="panel-head">
        <h2 id="channel-heading">{props.title ?? '#incident channel'}</h2>
        <button type="button" class="link-btn small" aria-pressed={onlyPinned} onClick={() => setOnlyPinned((v) => !v)}>
          {onlyPinned ? 'Show all' : `Pinned notes (${pinnedCount})`}
        </button>
      </header>
      <ol class="chat-list panel-body scroll" ref={list} data-testid="team-channel" tabIndex={0} aria-labelledby="channel-heading">
        {shown.length === 0 && <li class="empty">{onlyPinned ? 'No pinned notes yet.' : 'No messages yet. Say what you are looking at.'}</li>}
        {shown.map((m) => (
          <li key={m.seq} class={`chat-msg${m.pinned ? ' pinned' : ''}${m.playerId === props.youId ? ' mine' : ''}`}>
            <span class="chat-meta"><span class="mono">{formatHhmm(m.at)}</span> <strong>{m.name}</strong>{m.pinned && <span class="tag tag-pin">PINNED</span>}<InheritedTag item={m} /></span>
            <span class="chat-text">{m.text}</span>
          </li>
        ))}
      </ol>
      {props.onSend && (
        <form class="chat-form" onSubmit={send}>
          <label class="sr-only" for="chat-input">Message to your team</label>
          <input id="chat-input" type="text" maxLength={1000} placeholder="Message your team…" autoComplete="off"
            value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <label class="checkbox small" title="Pinned notes appear on your team's timeline in the debrief">
            <input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.currentTarget.checked)} /> Pin
          </label>
          <button type="submit" class="btn" disabled={busy || !text.trim()}>Send</button>
        </form>
      )}
    </section>
  );
}
