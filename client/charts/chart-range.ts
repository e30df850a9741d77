/**
 * The x window of live charts: from the scenario's start to "now", at least 30 sim minutes wide,
 * so the first minutes are not stretched across the whole panel. Snapped to the minute so it only
 * changes (and re-scales the chart) when time has visibly moved.
 */
import type { Sample } from '../../server/protocol/views.ts';

const MIN_WINDOW = 30 * 60;

export function chartRange(start: number, samples: readonly Sample[], now: number): [number, number] {
  const lastSample = samples[samples.length - 1]?.t ?? start;
  const head = Math.max(lastSample, Math.ceil(now / 60) * 60);
  return [start, Math.max(start + MIN_WINDOW, head)];
}
