/**
 * The facilitator's review after the end (docs/scoring.md, "Facilitator review"): check the
 * request against the ended session (the team, the diagnosis or post it marks, the entry it
 * withdraws), then append one `review` entry to the log. The play never changes; the debrief
 * scores the review. Only the host, with its secret, and only once the session has ended.
 */
import { isStatusPost } from '../engine/index.ts';
import type { Ack } from '../protocol/events.ts';
import type { SessionReview } from '../protocol/review.ts';
import { secretMatches } from './secrets.ts';
import { fail, type SessionPipeline } from './session-pipeline.ts';
import type { SessionState } from './session-state.ts';

export const NO_SUCH_SESSION_TO_REVIEW = 'no such session';
export const WRONG_SECRET_TO_REVIEW = 'wrong host secret';
export const REVIEW_AFTER_END = 'the review opens when the session ends: end it first';

/** Why this review does not fit the session, or null when it does. */
function reviewProblem(state: SessionState, review: SessionReview): string | null {
  const team = state.teams.get(review.teamId);
  if (!team) return `this session has no team "${review.teamId}"`;
  const { world } = team;
  switch (review.kind) {
    case 'diagnosis':
      return world.diagnoses.some((d) => d.entry === review.entry) ? null : `team ${review.teamId} declared no diagnosis with entry ${review.entry}`;
    case 'status-post':
      return world.actions.some((a) => a.entry === review.entry && a.status === 'done' && isStatusPost(state.scenario.data, a))
        ? null : `team ${review.teamId} published no status post with entry ${review.entry}`;
    case 'withdraw': {
      const target = state.reviews.find((r) => r.seq === review.review && r.review.teamId === review.teamId);
      if (!target || target.review.kind === 'withdraw') return `team ${review.teamId} has no review ${review.review} to withdraw`;
      if (state.reviews.some((r) => r.review.kind === 'withdraw' && r.review.review === review.review)) return `review ${review.review} was already withdrawn`;
      return null;
    }
    case 'points':
    case 'improvement':
      return null;
  }
}

export class SessionReviewer {
  constructor(private readonly pipeline: SessionPipeline) {}

  async review(sessionId: string, hostSecret: string, review: SessionReview): Promise<Ack<{ seq: number }>> {
    const p = this.pipeline;
    const state = p.registry.get(sessionId);
    if (!state) return fail(NO_SUCH_SESSION_TO_REVIEW);
    if (!secretMatches(hostSecret, state.settings.hostSecretHash)) return fail(WRONG_SECRET_TO_REVIEW);
    if (!state.ended) return fail(REVIEW_AFTER_END);
    const problem = reviewProblem(state, review);
    if (problem) return fail(problem);
    // Logged at the session's end: the review happened after the play, which it does not change.
    const entry = p.commit(state, 'review', review, state.ended.at);
    const failed = await p.durable(sessionId);
    return failed ?? { ok: true, seq: entry.seq };
  }
}
