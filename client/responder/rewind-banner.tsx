/**
 * What a responder sees when the facilitator rewinds their team: the console has already jumped
 * back (a fresh snapshot), and this says why, until they dismiss it.
 */
import type { RewoundNotice } from '../../server/protocol/events.ts';
import { formatHhmm } from '../lib/format.ts';

export function RewindBanner(props: { notice: RewoundNotice; paused: boolean; onDismiss: () => void }) {
  const to = formatHhmm(props.notice.to);
  return (
    <div class="banner banner-rewound" role="status" data-testid="rewind-banner">
      <strong>The facilitator rewound to {to} UTC.</strong>
      <span>
        Your dashboards, alerts, runbook and evidence are back as they were at {to}; what your team did after {to} no longer
        counts (the debrief still shows it, faded).{props.paused ? ' The clock resumes when the facilitator says so.' : ''}
      </span>
      <button type="button" class="btn btn-small" onClick={props.onDismiss}>Dismiss</button>
    </div>
  );
}
