/**
 * The data files' schemas. A file that parses as JSON but does not match is treated as corrupt
 * (kept aside, never overwritten): replaying a log we do not understand would be worse.
 */
import { z } from 'zod';
import { LATE_JOINER_POLICIES, TEAM_ROLES } from '../protocol/views.ts';
import { SESSION_MODES } from '../protocol/session-mode.ts';
import type { Command } from '../engine/index.ts';
import { reviewSchema } from '../protocol/review.ts';
import type { ClockCheckpoint, LogEntry, SessionSettings } from './session-record.ts';

const str = z.string().max(10_000);
const role = z.enum(TEAM_ROLES).nullable();

/**
 * A command is kept exactly as it was written, fields added by later versions included (zod would
 * strip unknown keys, and a replay without them could differ): the engine is its judge at replay,
 * and foldEntry reports a command it refuses.
 */
const command = z.looseObject({ type: str }) as unknown as z.ZodType<Command>;

const base = { seq: z.number().int().min(1), at: z.number(), wall: z.number() };

/** One log entry, as a session file and a journal record hold it. */
export const logEntrySchema: z.ZodType<LogEntry> = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('player-joined'), payload: z.object({ playerId: str, name: str, tokenHash: str, teamId: str.nullable(), role }) }),
  z.object({ ...base, type: z.literal('player-moved'), payload: z.object({ playerId: str, teamId: str.nullable(), by: z.enum(['host', 'player']) }) }),
  z.object({ ...base, type: z.literal('player-role'), payload: z.object({ playerId: str, role }) }),
  z.object({ ...base, type: z.literal('team-renamed'), payload: z.object({ teamId: str, name: str }) }),
  z.object({
    ...base, type: z.literal('clock'),
    payload: z.object({ action: z.enum(['start', 'pause', 'resume', 'speed', 'skip', 'end']), simTime: z.number(), speed: z.number(), reason: z.enum(['host', 'scenario-end']) }),
  }),
  z.object({ ...base, type: z.literal('command'), payload: z.object({ teamId: str, playerId: str.nullable(), clientActionId: str.nullable(), command, entry: z.number().int(), inherited: z.literal(true).optional() }) }),
  z.object({ ...base, type: z.literal('chat'), payload: z.object({ teamId: str, playerId: str, clientActionId: str, text: str, pinned: z.boolean(), inherited: z.literal(true).optional(), name: str.optional() }) }),
  z.object({ ...base, type: z.literal('rewind'), payload: z.object({ teamIds: z.array(str), to: z.number() }) }),
  // Reviews were validated and cleaned when they were logged: read back as they are.
  z.object({ ...base, type: z.literal('review'), payload: reviewSchema }),
]);

const checkpoint = z.object({ simTime: z.number(), wall: z.number() });
/** A clock checkpoint on its own (the Redis store keeps it in a key of its own). */
export const checkpointSchema: z.ZodType<ClockCheckpoint> = checkpoint;

/** A session's settings (written once, at creation). */
export const settingsSchema: z.ZodType<SessionSettings> = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), code: str, scenarioId: str, seed: z.number().int(), speed: z.number(),
  teams: z.array(z.object({ id: str, name: str })).min(1),
  mode: z.enum(SESSION_MODES).optional(),
  hostSecretHash: str, createdAt: z.number(), creator: str.optional(), lateJoiners: z.enum(LATE_JOINER_POLICIES).optional(),
  disguise: z.literal(true).optional(),
  origin: z.object({ parentSessionId: str, parentTeamId: str, at: z.number(), firstEntry: z.number().int(), leads: z.number().int(), parentCode: str.optional() }).optional(),
});

/** One session's file: settings and the append-only log. */
export interface SessionFile {
  version: 1;
  settings: SessionSettings;
  log: LogEntry[];
}

export const sessionFileSchema: z.ZodType<SessionFile> = z.object({
  version: z.literal(1),
  settings: settingsSchema,
  log: z.array(logEntrySchema).refine((log) => log.every((e, i) => e.seq === i + 1), 'log sequence numbers must be 1, 2, 3, …'),
});

/** DATA_FILE itself: the running clocks' checkpoints (small; rewritten about once a second). */
export interface IndexFile {
  version: 1;
  checkpoints: Record<string, ClockCheckpoint>;
}

export const indexFileSchema: z.ZodType<IndexFile> = z.object({
  version: z.literal(1),
  checkpoints: z.record(z.string(), checkpoint),
});
