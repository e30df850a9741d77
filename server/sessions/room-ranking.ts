/**
 * The room's ranking once a session has ended: each team's place and score as its debrief gives
 * them (the debrief builder decides; nothing is scored here). Null while the session runs: the
 * room shows no score, rank or verdict before the end (docs/protocol.md, "The room screen").
 */
import { buildDebrief } from '../debrief/build-debrief.ts';
import { sessionDebriefInput } from '../debrief/session-debrief-input.ts';
import type { RoomRank } from '../protocol/views.ts';
import type { BranchFamily } from './branch-family.ts';
import { finishedSession } from './finished-session.ts';
import type { SessionState } from './session-state.ts';

/** Built once per ended session, again only if its log grew (a facilitator's review after the end). */
const built = new WeakMap<SessionState, { seq: number; ranking: RoomRank[] }>();

export function endRanking(state: SessionState, family: () => BranchFamily | undefined): RoomRank[] | null {
  if (!state.ended) return null;
  const hit = built.get(state);
  if (hit && hit.seq === state.seq) return hit.ranking;
  const lineage = family();
  const debrief = buildDebrief(sessionDebriefInput(state.scenario, finishedSession(state, state.ended), lineage && { lineage: lineage.lineage, ...(lineage.branch ? { branch: lineage.branch } : {}) }));
  const ranking = debrief.teams
    .map((t): RoomRank => ({ teamId: t.id, name: t.name, rank: t.rank, score: t.score.total, vsReal: t.vsReference }))
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
  built.set(state, { seq: state.seq, ranking });
  return ranking;
}
