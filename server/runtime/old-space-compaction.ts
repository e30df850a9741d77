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
 *
 * The pause grows with what is live (~1.2–1.5 ms per MB here): on a node holding 8,000
 * responders' sessions one compacting GC stopped the loop for 2.2 s. So a compaction whose
 * expected pause (live MB × the ms per MB the last compacting GC took) is over `maxPauseMs` is not
 * asked for: such a node keeps V8's own rules, and grows by adding nodes (docs/scaling.md).
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';

/** Old space this much bigger than its live bytes is worth one compacting pause. */
export const DEFAULT_FRAGMENTATION_RATIO = 1.15;
/** The longest compacting pause worth taking (the soak's were 76–223 ms, with ack p99 under 50 ms). */
export const DEFAULT_MAX_PAUSE_MS = 300;
/** Before any compacting GC was seen: ms of pause per MB live (measured 1.2–1.5 on a 2-core VM). */
const FIRST_MS_PER_MB = 1.5;
const MB = 1024 * 1024;

export interface OldSpace {
  /** Bytes the old space holds from the OS (V8's space_size). */
  size: number;
  /** Bytes in it that objects use (space_used_size: right after a full GC, about what is live). */
  used: number;
}

export function fragmented(old: OldSpace, ratio: number): boolean {
  return old.used > 0 && old.size > ratio * old.used;
}

export interface CompactionStats {
  /** Full GCs after which the next one was asked to compact. */
  requested: number;
  /** Full GCs that left the old space fragmented, but whose compaction would have paused too long. */
  skippedForPause: number;
  /** The pause expected per MB live (from the last compacting GC). */
  msPerMb: number;
}

export interface CompactionPolicy {
  stats(): CompactionStats;
  stop(): void;
}

function oldSpace(): OldSpace {
  const s = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space');
  return { size: s?.space_size ?? 0, used: s?.space_used_size ?? 0 };
}

/** The policy running in this process (the flag it sets is process-wide, so there is one). */
let active: CompactionPolicy | null = null;

/** What the running policy did (for /healthz); null when none runs (GC_COMPACT=off, tests). */
export function oldSpaceCompactionStats(): CompactionStats | null {
  return active?.stats() ?? null;
}

/**
 * Watches full GCs (a PerformanceObserver, delivered just after each one) and turns V8's
 * `--compact-on-every-full-gc` on for the next full GC when the old space is fragmented, off
 * otherwise. The flag is read at the start of each full GC, so changing it between two is safe.
 */
export function compactOldSpaceWhenFragmented(ratio = DEFAULT_FRAGMENTATION_RATIO, maxPauseMs = DEFAULT_MAX_PAUSE_MS): CompactionPolicy {
  let compacting = false;
  let liveMb = 0;
  const stats: CompactionStats = { requested: 0, skippedForPause: 0, msPerMb: FIRST_MS_PER_MB };
  const set = (on: boolean) => {
    if (on === compacting) return;
    v8.setFlagsFromString(on ? '--compact-on-every-full-gc' : '--no-compact-on-every-full-gc');
    compacting = on;
  };
  const observer = new PerformanceObserver((list) => {
    // Node puts the GC's kind in `detail` (its types omit it on PerformanceEntry).
    const majors = list.getEntries().filter((e) => (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (majors.length === 0) return;
    // The first of these full GCs ran with the flag as it was set after the one before.
    if (compacting && liveMb > 0) stats.msPerMb = majors[0]!.duration / liveMb;
    const old = oldSpace();
    liveMb = old.used / MB;
    let on = fragmented(old, ratio);
    if (on && liveMb * stats.msPerMb > maxPauseMs) {
      on = false;
      stats.skippedForPause++;
    }
    if (on) stats.requested++;
    set(on);
  });
  observer.observe({ entryTypes: ['gc'] });
  const policy: CompactionPolicy = {
    stats: () => ({ ...stats, msPerMb: Math.round(stats.msPerMb * 100) / 100 }),
    stop() {
      observer.disconnect();
      set(false);
      if (active === policy) active = null;
    },
  };
  active = policy;
  return policy;
}
