/**
 * Runtime schemas for everything a client sends. TypeScript types vanish at runtime: the server
 * validates every inbound payload with these before calling the session service. Server only
 * (the client imports their inferred types with `import type`).
 */
import { z } from 'zod';
import { LATE_JOINER_POLICIES, TEAM_ROLES } from './views.ts';
import { DEFAULT_SESSION_MODE, SESSION_MODES } from './session-mode.ts';
import { normalizeJoinCode } from './join-code.ts';
import { paramValue, TEXT_RULES, textField } from './clean-text.ts';

const code = z.string().max(20).transform((c, ctx) => {
  const normal = normalizeJoinCode(c);
  if (normal === null) {
    ctx.addIssue({ code: 'custom', message: 'a join code looks like K7QX-2M' });
    return z.NEVER;
  }
  return normal;
});
const token = z.string().min(10).max(100);
const clientActionId = z.string().min(1).max(64);
const displayName = textField(TEXT_RULES.name);
const idLike = z.string().min(1).max(64);
const params = z.record(z.string().max(64), paramValue(TEXT_RULES.paramText)).refine((p) => Object.keys(p).length <= 16, 'too many parameters');
const role = z.enum(TEAM_ROLES);

export const createSessionSchema = z.object({
  scenarioId: idLike,
  teamCount: z.number().int().min(1).max(12),
  speed: z.number().min(1).max(60),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  teamNames: z.array(textField(TEXT_RULES.teamName)).max(12).optional(),
  /** Once the clock has started: 'assigned' (default) seats late joiners only by the host's hand; 'open' lets them pick a team. */
  lateJoiners: z.enum(LATE_JOINER_POLICIES).optional(),
  mode: z.enum(SESSION_MODES).default(DEFAULT_SESSION_MODE),
  /** Play under the scenario's fictional names (its `disguise` section): responders and the room never see the real ones. */
  disguise: z.boolean().optional(),
}).strict();

export const hostAttachSchema = z.object({ code, hostSecret: token }).strict();
export const joinSchema = z.object({ code, name: displayName, teamId: idLike.nullable().optional(), role: role.nullable().optional() }).strict();
export const resumeSchema = z.object({ code, playerToken: token }).strict();

export const clockControlSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start') }).strict(),
  z.object({ action: z.literal('pause') }).strict(),
  z.object({ action: z.literal('resume') }).strict(),
  z.object({ action: z.literal('end') }).strict(),
  z.object({ action: z.literal('speed'), speed: z.number().min(1).max(60) }).strict(),
  z.object({ action: z.literal('skip'), minutes: z.number().int().min(1).max(240) }).strict(),
]);

export const movePlayerSchema = z.object({ playerId: idLike, teamId: idLike.nullable() }).strict();
export const renameTeamSchema = z.object({ teamId: idLike, name: textField(TEXT_RULES.teamName) }).strict();
export const hostInjectSchema = z.object({
  teamId: idLike.nullable(),
  injectId: idLike.optional(),
  title: textField(TEXT_RULES.injectTitle).optional(),
  text: textField(TEXT_RULES.injectText).optional(),
  hint: z.boolean().optional(),
}).strict().refine((p) => p.injectId !== undefined || (p.title !== undefined && p.text !== undefined), 'give an injectId from the library, or a title and a text');

/** `to`: "HH:MM" (UTC, the scenario's day) or sim seconds since 00:00. */
export const hostRewindSchema = z.object({
  teamId: idLike.nullable(),
  to: z.union([z.string().max(8), z.number().min(0).max(48 * 3600)]),
}).strict();

/** The same over HTTP (POST /api/sessions/:sessionId/rewinds), with the host secret in the body. */
export const httpRewindSchema = hostRewindSchema.extend({ hostSecret: token }).strict();

/**
 * A branch of a session: the chosen team's world at `at` ("HH:MM" UTC of the scenario day, or sim
 * seconds since 00:00) becomes a new session's only team, clock paused there. `hostSecret`: the
 * parent's, required while the parent runs (an ended parent is open like its debrief).
 */
export const branchSessionSchema = z.object({
  teamId: idLike,
  at: z.union([
    z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time looks like 12:00 (HH:MM, UTC)'),
    z.number().int().min(0).max(48 * 3600),
  ]),
  hostSecret: token.optional(),
}).strict();
/** host:branch: a host socket branches its own session, or names another it hosts or that has ended. */
export const hostBranchSchema = branchSessionSchema.omit({ hostSecret: true }).extend({ sessionId: idLike.optional() }).strict();

export const chooseTeamSchema = z.object({ teamId: idLike }).strict();
export const setRoleSchema = z.object({ role: role.nullable() }).strict();
export const investigateSchema = z.object({ clientActionId, investigation: idLike, params: params.optional() }).strict();
export const actSchema = z.object({ clientActionId, action: idLike, params: params.optional() }).strict();
/** Stop a running investigation of the player's team: `entry` is its finding id's number (F12 → 12). */
export const cancelSchema = z.object({ clientActionId, entry: z.number().int().min(1).max(999_999_999) }).strict();
export const diagnoseSchema = z.object({
  clientActionId, trigger: idLike, component: idLike.optional(), mechanism: idLike,
  /** Finding ids of the team's evidence board (`F12`) that support the claim. */
  evidence: z.array(z.string().regex(/^F\d{1,9}$/, 'a finding id such as F12')).max(6).optional(),
  text: textField(TEXT_RULES.diagnosis).optional(),
}).strict();
export const chatSchema = z.object({ clientActionId, text: textField(TEXT_RULES.chat), pinned: z.boolean().optional() }).strict();

export type CreateSessionRequest = z.input<typeof createSessionSchema>;
export type HostAttachRequest = z.input<typeof hostAttachSchema>;
export type JoinRequest = z.input<typeof joinSchema>;
export type ResumeRequest = z.input<typeof resumeSchema>;
export type ClockControl = z.input<typeof clockControlSchema>;
export type MovePlayerRequest = z.input<typeof movePlayerSchema>;
export type RenameTeamRequest = z.input<typeof renameTeamSchema>;
export type HostInjectRequest = z.input<typeof hostInjectSchema>;
export type HostRewindRequest = z.input<typeof hostRewindSchema>;
export type BranchSessionRequest = z.input<typeof branchSessionSchema>;
export type HostBranchRequest = z.input<typeof hostBranchSchema>;
export type ChooseTeamRequest = z.input<typeof chooseTeamSchema>;
export type SetRoleRequest = z.input<typeof setRoleSchema>;
export type InvestigateRequest = z.input<typeof investigateSchema>;
export type ActRequest = z.input<typeof actSchema>;
export type CancelRequest = z.input<typeof cancelSchema>;
export type DiagnoseRequest = z.input<typeof diagnoseSchema>;
export type ChatRequest = z.input<typeof chatSchema>;
