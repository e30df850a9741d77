/**
 * Helpers for evidence that reports the window its tool covered (a log query asked at 11:42 and
 * done at 11:52 reports 11:42–11:52). Models call `investigate` with the request time and the
 * completion time (`ctx.t`); these turn the two into the labels and minute grid evidence shows.
 */
import { formatClock, formatClockSeconds, type SimSeconds } from './sim-time.ts';

/** "11:42" on a whole minute, "11:42:30" otherwise: a window's edges as a log tool prints them. */
export function clockLabel(t: SimSeconds): string {
  return t % 60 === 0 ? formatClock(t) : formatClockSeconds(t);
}

/** "11:42–11:52". */
export function windowLabel(from: SimSeconds, to: SimSeconds): string {
  return `${clockLabel(from)}–${clockLabel(to)}`;
}

/**
 * The whole minutes a window touches, as their start times: [11:42, 11:43, … 11:51] for
 * 11:42–11:52. A window shorter than a minute still has its minute.
 */
export function minutesOf(from: SimSeconds, to: SimSeconds): SimSeconds[] {
  const first = Math.floor(from / 60) * 60;
  const out: SimSeconds[] = [];
  for (let m = first; m < to || m === first; m += 60) out.push(m);
  return out;
}

/**
 * When a condition held inside a window, checked every `every` seconds: its first and last time,
 * or null if it never did (a log search's "first seen / last seen").
 */
export function seenWithin(from: SimSeconds, to: SimSeconds, every: number, holds: (t: SimSeconds) => boolean): { first: SimSeconds; last: SimSeconds } | null {
  let first: SimSeconds | null = null;
  let last = from;
  for (let t = from; t <= to; t += every) {
    if (!holds(t)) continue;
    first ??= t;
    last = t;
  }
  return first === null ? null : { first, last };
}

/** `f` in the middle of each minute a window touches (clamped to the window), with the minute's start. */
export function byMinute<T>(from: SimSeconds, to: SimSeconds, f: (t: SimSeconds) => T): { minute: SimSeconds; value: T }[] {
  return minutesOf(from, to).map((minute) => ({ minute, value: f(Math.min(to, Math.max(from, minute + 30))) }));
}
