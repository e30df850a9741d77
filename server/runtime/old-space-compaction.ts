/**
 * Compacts V8's old generation when it has grown fragmented, and only then.
 *
 * A day of sessions fragments the old generation: each session's samples, feed and log live for
 * its hours, then die among the objects of the sessions still running. V8's full GCs evacuate only
 * nearly empty pages, so the old space grew to twice what was live, and RSS with it (+44 % over a
 * 30-minute soak, levelling off only after ~15 minutes). Compacting on every full GC keeps the old
 * space at what is live, but each such GC pauses the event loop ~150-230 ms (it moves every live
 * object) and, every half minute, that put some minutes' ack p99 over 50 ms. So: after each full
 * GC, look at how much bigger the old space is than what it holds, and ask V8 to compact at the
 * next full GC only past `ratio`. docs/benchmarks.md, "Soak".
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';

/** Old space this much bigger than its live bytes is worth one compacting pause. */
export const DEFAULT_FRAGMENTATION_RATIO = 1.15;

export interface OldSpace {
  /** Bytes the old space holds from the OS (V8's space_size). */
  size: number;
  /** Bytes in it that objects use (space_used_size: right after a full GC, about what is live). */
  used: number;
}

export function fragmented(old: OldSpace, ratio: number): boolean {
  return old.used > 0 && old.size > ratio * old.used;
}

export interface CompactionPolicy {
  /** Full GCs after which the next one was asked to compact. */
  readonly requested: number;
  stop(): void;
}

function oldSpace(): OldSpace {
  const s = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space');
  return { size: s?.space_size ?? 0, used: s?.space_used_size ?? 0 };
}

/**
 * Watches full GCs (a PerformanceObserver, delivered just after each one) and turns V8's
 * `--compact-on-every-full-gc` on for the next full GC when the old space is fragmented, off
 * otherwise. The flag is read at the start of each full GC, so changing it between two is safe.
 */
export function compactOldSpaceWhenFragmented(ratio = DEFAULT_FRAGMENTATION_RATIO): CompactionPolicy {
  let compacting = false;
  let requested = 0;
  const set = (on: boolean) => {
    if (on === compacting) return;
    v8.setFlagsFromString(on ? '--compact-on-every-full-gc' : '--no-compact-on-every-full-gc');
    compacting = on;
  };
  const observer = new PerformanceObserver((list) => {
    // Node puts the GC's kind in `detail` (its types omit it on PerformanceEntry).
    const major = list.getEntries().some((e) => (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (!major) return;
    const on = fragmented(oldSpace(), ratio);
    if (on) requested++;
    set(on);
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    get requested() { return requested; },
    stop() { observer.disconnect(); set(false); },
  };
}
