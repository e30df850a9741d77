/**
 * The facilitator's review after a session ended (docs/scoring.md, "Facilitator review"): marks on
 * diagnoses and status posts, point adjustments and improvement-plan items, each with a reason. A
 * review is appended to the session's log as a `review` entry (the play never changes) and the
 * debrief scores it. Sent with the host secret: `POST /api/sessions/:id/reviews`.
 */
import { z } from 'zod';
import { OBJECTIVES } from '../engine/scenario-definition.ts';
import { TEXT_RULES, textField } from './clean-text.ts';

const teamId = z.string().min(1).max(64);
const entry = z.number().int().min(0).max(1_000_000);
const reason = textField(TEXT_RULES.reviewReason);
const objective = z.enum(OBJECTIVES);

export const reviewSchema = z.discriminatedUnion('kind', [
  /** The facilitator read a diagnosis' free text and evidence: right (credited, supported) or wrong (charged). */
  z.object({ kind: z.literal('diagnosis'), teamId, entry, verdict: z.enum(['right', 'wrong']), reason }).strict(),
  /** A status post (its action entry) judged by a person: accurate (earns) or inaccurate (costs), replacing the automatic verdict. */
  z.object({ kind: z.literal('status-post'), teamId, entry, verdict: z.enum(['accurate', 'inaccurate']), reason }).strict(),
  /** Points awarded (positive) or removed (negative), under an objective or none. */
  z.object({
    kind: z.literal('points'), teamId, reason,
    points: z.number().int().min(-500).max(500).refine((n) => n !== 0, 'award or remove at least one point'),
    objective: objective.nullable().default(null),
  }).strict(),
  /** An item of the team's improvement plan (HSEEP): what, who owns it, by when. */
  z.object({
    kind: z.literal('improvement'), teamId,
    what: textField(TEXT_RULES.improvementText), owner: textField(TEXT_RULES.improvementOwner), due: textField(TEXT_RULES.improvementDue),
    objective: objective.nullable().default(null),
  }).strict(),
  /** Take back an earlier review entry of this team (by its log sequence number): the log keeps both. */
  z.object({ kind: z.literal('withdraw'), teamId, review: z.number().int().min(1), reason }).strict(),
]);

/** A review as logged (cleaned, defaults filled). */
export type SessionReview = z.output<typeof reviewSchema>;

/** Over HTTP the host proves itself with its secret (header X-Host-Secret, or this field). */
export const httpReviewSchema = z.object({ review: reviewSchema, hostSecret: z.string().min(10).max(100).optional() }).strict();

/** What a client sends as `review` (before cleaning and defaults). */
export type ReviewRequest = z.input<typeof reviewSchema>;
