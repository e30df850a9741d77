/**
 * When a change shows: a candidate is simulated from its parent's world until what the team
 * observes (any chart) first differs from the parent's future, however long the change takes; a
 * change the engine reports as a no-op ("No effect: …"), or one that moves no chart by the time it
 * could have, does nothing here and is dropped without judging it. Comparing with the parent's
 * future rather than judging at a fixed horizon is what lets a fix whose effect takes hours (a
 * rebuild by hand) be judged once it shows, and a quick one right away.
 */
import type { Sample } from '../engine/index.ts';
import type { SimHandle, TeamSimulator } from './team-simulator.ts';

/** Sim seconds advanced at a time while waiting for an effect (a cheap look at the charts in between). */
const PROBE_CHUNK_SECONDS = 10 * 60;

const differs = (a: Sample, b: Sample) => {
  for (const key in a.values) {
    const x = a.values[key]!;
    const y = b.values[key] ?? 0;
    if (Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x), Math.abs(y))) return true;
  }
  return false;
};

export interface ProbeResult {
  /** The first sample that differs from the parent's future, or null (nothing shows by `cap`, or a no-op). */
  shownAt: number | null;
  /** The candidate's world, advanced to shownAt (or as far as the probe went). */
  handle: SimHandle;
}

/**
 * Advance `applied` (the parent's world at `at` with the candidate's command just applied) until its
 * charts part from `parent` (the parent's whole future), at the latest `cap`. `effectiveAt`: when the
 * change takes effect, to read the engine's verdict on it (a no-op says so in the action log).
 */
export function probeEffect(sim: TeamSimulator, applied: SimHandle, parent: readonly Sample[], at: number, effectiveAt: number, cap: number): ProbeResult {
  const entry = sim.actions(applied).at(-1)?.entry;
  let handle = applied;
  let checked = sim.samples(handle).length;
  let t = at;
  while (t < cap) {
    t = Math.min(cap, t < effectiveAt ? effectiveAt : t + PROBE_CHUNK_SECONDS);
    handle = sim.advance(handle, t);
    if (t >= effectiveAt && entry !== undefined) {
      const record = sim.actions(handle).find((a) => a.entry === entry);
      if (record?.status === 'done' && record.changed === false) return { shownAt: null, handle };
    }
    const samples = sim.samples(handle);
    for (; checked < samples.length; checked++) {
      const mine = samples[checked]!;
      const theirs = parent[checked];
      if (!theirs || theirs.t !== mine.t || differs(mine, theirs)) return { shownAt: mine.t, handle };
    }
  }
  return { shownAt: null, handle };
}
