/** The sim clock as operators read it: UTC time, speed and whether it runs. */
import type { ClockState } from '../../server/protocol/views.ts';
import { formatHhmmss } from '../lib/format.ts';

const STATUS_LABEL: Record<ClockState['status'], string> = {
  lobby: 'Not started',
  running: 'Running',
  paused: 'Paused',
  ended: 'Ended',
};

export function SimClock(props: { clock: ClockState; now: number; large?: boolean }) {
  const { clock, now } = props;
  return (
    <div class={`sim-clock${props.large ? ' sim-clock-large' : ''}`} data-testid="sim-clock">
      <span class="sim-clock-time" role="timer" aria-label="Simulated time, UTC">
        {formatHhmmss(now)}<span class="sim-clock-zone"> UTC</span>
      </span>
      <span class="sim-clock-speed" title="Sim minutes per real minute">{clock.speed}×</span>
      <span class={`status-pill status-${clock.status}`} aria-live="polite" data-testid="clock-status">
        {STATUS_LABEL[clock.status]}
      </span>
    </div>
  );
}
