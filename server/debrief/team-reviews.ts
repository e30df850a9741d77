/**
 * A team's share of the facilitator's review log (docs/scoring.md, "Facilitator review"): what
 * scoring applies (the latest mark per diagnosis or post, the point adjustments), the improvement
 * plan, and every entry in words for the debrief. A withdrawn entry stays in the log, unapplied.
 */
import { formatClock, type ScoreReviews, type World } from '../engine/index.ts';
import type { DebriefImprovementItem, DebriefReviewEntry } from '../protocol/debrief.ts';
import type { SessionReview } from '../protocol/review.ts';

/** A review entry as the debrief input carries it (the log's sequence number and wall time). */
export interface ReviewInput {
  seq: number;
  wall: number;
  review: SessionReview;
}

export interface TeamReviews {
  scoring: ScoreReviews;
  improvementPlan: DebriefImprovementItem[];
  log: DebriefReviewEntry[];
}

function describe(review: SessionReview, world: World | null): string {
  const at = (entry: number, list: readonly { entry: number; at?: number; effectiveAt?: number }[]) => {
    const found = list.find((x) => x.entry === entry);
    const t = found?.effectiveAt ?? found?.at;
    return t === undefined ? `entry ${entry}` : formatClock(t);
  };
  switch (review.kind) {
    case 'diagnosis': return `Diagnosis of ${at(review.entry, world?.diagnoses ?? [])} marked ${review.verdict}: ${review.reason}`;
    case 'status-post': return `Status post of ${at(review.entry, world?.actions ?? [])} marked ${review.verdict}: ${review.reason}`;
    case 'points': return `${review.points > 0 ? `+${review.points}` : review.points} points${review.objective ? ` (${review.objective})` : ''}: ${review.reason}`;
    case 'improvement': return `Improvement item: ${review.what} (owner ${review.owner}, due ${review.due})`;
    case 'withdraw': return `Withdrew review ${review.review}: ${review.reason}`;
  }
}

export function teamReviews(reviews: readonly ReviewInput[], teamId: string, world: World | null): TeamReviews {
  const own = reviews.filter((r) => r.review.teamId === teamId).sort((a, b) => a.seq - b.seq);
  const withdrawn = new Set(own.flatMap((r) => (r.review.kind === 'withdraw' ? [r.review.review] : [])));
  const live = own.filter((r) => !withdrawn.has(r.seq));
  const scoring: Required<ScoreReviews> = { diagnoses: {}, posts: {}, points: [] };
  const improvementPlan: DebriefImprovementItem[] = [];
  for (const { seq, review } of live) {
    switch (review.kind) {
      case 'diagnosis': scoring.diagnoses[review.entry] = { verdict: review.verdict, reason: review.reason }; break;
      case 'status-post': scoring.posts[review.entry] = { verdict: review.verdict, reason: review.reason }; break;
      case 'points': scoring.points.push({ seq, points: review.points, reason: review.reason, objective: review.objective }); break;
      case 'improvement': improvementPlan.push({ seq, what: review.what, owner: review.owner, due: review.due, objective: review.objective }); break;
      case 'withdraw': break;
    }
  }
  return {
    scoring,
    improvementPlan,
    log: own.map((r) => ({ seq: r.seq, at: new Date(r.wall).toISOString(), kind: r.review.kind, text: describe(r.review, world), withdrawn: withdrawn.has(r.seq) })),
  };
}
