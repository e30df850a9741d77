/** Every client shows the end of the session and where the debrief lives. */
import type { DebriefLinks } from '../../server/protocol/views.ts';

/** `teamId`: a responder's debrief opens on their own team. */
export function SessionEndedBanner(props: { links: DebriefLinks | null; sessionId: string; teamId?: string | null }) {
  const base = props.links?.page ?? `/debrief/${encodeURIComponent(props.sessionId)}`;
  const page = props.teamId ? `${base}${base.includes('?') ? '&' : '?'}team=${encodeURIComponent(props.teamId)}` : base;
  return (
    <div class="banner banner-ended" role="status" data-testid="session-ended">
      <strong>The session has ended.</strong>
      <span>The scored debrief compares every team against what really happened.</span>
      <a class="btn btn-primary" href={page} data-testid="debrief-link">Open the debrief</a>
      {props.links && (
        <span class="muted">
          Export: <a href={props.links.markdown}>Markdown</a> · <a href={props.links.json}>JSON</a>
        </span>
      )}
    </div>
  );
}
