/**
 * A branch's console marks what it carried over from its parent: the records numbered below the
 * branch world's first own entry, and the leads it had at the branch point (settings.origin).
 * Outside branches the observation passes through untouched.
 */
import type { TeamObservation, TruthObservation } from '../engine/index.ts';
import type { BranchInfo, ConsoleObservation } from '../protocol/views.ts';
import type { BranchOrigin } from '../storage/session-record.ts';
import { formatJoinCode } from '../protocol/join-code.ts';

function marked<T extends { entry: number }>(items: readonly T[], firstEntry: number): (T & { inherited?: true })[] {
  return items.map((x) => (x.entry < firstEntry ? { ...x, inherited: true as const } : x));
}

/** Records (feed entries, actions, investigations, diagnoses) of a delta, marked as in markInherited. */
export function markRecords<T extends { entry: number }>(items: readonly T[], origin: BranchOrigin | undefined): (T & { inherited?: true })[] {
  return origin ? marked(items, origin.firstEntry) : (items as T[]);
}

/** The whole list of a team's leads, the first `origin.leads` of them marked as inherited. */
export function markLeads<L extends object>(leads: readonly L[], origin: BranchOrigin | undefined): (L & { inherited?: true })[] {
  return origin ? leads.map((l, i) => (i < origin.leads ? { ...l, inherited: true as const } : l)) : (leads as L[]);
}

export function markInherited<O extends TeamObservation | TruthObservation>(view: O, origin: BranchOrigin | undefined): ConsoleObservation<O> {
  if (!origin) return view;
  const { firstEntry } = origin;
  return {
    ...view,
    feed: marked(view.feed, firstEntry),
    actions: marked(view.actions, firstEntry),
    investigations: marked(view.investigations, firstEntry),
    diagnoses: marked<O['diagnoses'][number]>(view.diagnoses, firstEntry),
    leads: markLeads(view.leads, origin),
  };
}

/** The snapshot's `branch` field: present on a branch only. */
export function branchInfo(origin: BranchOrigin | undefined): { branch?: BranchInfo } {
  if (!origin) return {};
  const { parentSessionId, parentTeamId, at, parentCode } = origin;
  return { branch: { parentSessionId, parentTeamId, at, ...(parentCode ? { parentCode: formatJoinCode(parentCode) } : {}) } };
}
