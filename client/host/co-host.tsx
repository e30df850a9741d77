/**
 * Co-facilitators: the host console opens in more than one browser. The co-host link carries the
 * host secret in the URL fragment (never sent to the server, stripped from the address bar on
 * arrival), so the second browser stores it as the creating one did.
 */
import { useState } from 'preact/hooks';
import { saveHostSecret } from '../lib/storage.ts';

const KEY_PARAM = 'host-key';

export function coHostLink(code: string, secret: string): string {
  return `${location.origin}/host/${code}#${KEY_PARAM}=${encodeURIComponent(secret)}`;
}

/** Store a host secret that arrived in the fragment, and remove it from the address bar. */
export function adoptCoHostKey(code: string): void {
  const match = new RegExp(`(?:^#|&)${KEY_PARAM}=([^&]+)`).exec(location.hash);
  if (!match?.[1]) return;
  saveHostSecret(code, decodeURIComponent(match[1]));
  history.replaceState(history.state, '', location.pathname + location.search);
}

export function CoHostPanel(props: { code: string; secret: string }) {
  const [shown, setShown] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const link = coHostLink(props.code, props.secret);
    setShown(link);
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <details class="panel co-host" data-testid="co-host">
      <summary>Co-host and room screen</summary>
      <div class="panel-body">
        <p><a href={`/room/${props.code}`} target="_blank" rel="noopener" data-testid="room-link">Open the room screen</a> <span class="muted small">(safe to project: no answers)</span></p>
        <p class="warn-text small">A co-host link grants full control of this session (clock, injects, ending it) to whoever opens it. Send it privately; never project it.</p>
        <button type="button" class="btn" onClick={() => void copy()}>Copy co-host link</button>
        {shown && (
          <label class="field co-host-link">
            <span>{copied ? 'Copied. The link:' : 'Copy this link:'}</span>
            <input type="text" readOnly value={shown} data-testid="co-host-link" onFocus={(e) => e.currentTarget.select()} />
          </label>
        )}
      </div>
    </details>
  );
}
