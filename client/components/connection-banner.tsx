/** Shown while the socket is down; it recovers by itself, this only says so. */
import type { ConnectionState } from '../lib/use-socket.ts';

export function ConnectionBanner(props: { connection: ConnectionState; attempts: number }) {
  if (props.connection === 'online') return null;
  const text = props.connection === 'connecting'
    ? 'Connecting to the session server…'
    : `Connection lost — reconnecting${props.attempts > 0 ? ` (attempt ${props.attempts})` : ''}. Your seat and your team's work are kept.`;
  return (
    <div class={`banner ${props.connection === 'connecting' ? 'banner-info' : 'banner-warning'}`} role="status" data-testid="connection-banner">
      <span class="spinner" aria-hidden="true" />
      {text}
    </div>
  );
}
