/**
 * The journal's format: JSON lines, each with its CRC-32 in front, as databases' write-ahead logs
 * checksum their records:
 *   <crc32 of the JSON, 8 hex digits> <JSON>\n
 * JSON never holds a raw line break, so a record is exactly one line; a torn write (a crash in the
 * middle of an append) or a flipped bit fails the checksum and is found at replay.
 * Records: a session created (its settings), one log entry, a clock checkpoint, a session removed.
 */
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import type { ClockCheckpoint, LogEntry, SessionSettings } from './session-record.ts';
import { checkpointSchema, logEntrySchema, settingsSchema } from './store-file-schema.ts';

export type JournalRecord =
  | { s: string; k: 'create'; settings: SessionSettings }
  | { s: string; k: 'log'; e: LogEntry }
  | { s: string; k: 'cp'; c: ClockCheckpoint | null }
  | { s: string; k: 'remove' };

const sessionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const recordSchema: z.ZodType<JournalRecord> = z.discriminatedUnion('k', [
  z.object({ s: sessionId, k: z.literal('create'), settings: settingsSchema }),
  z.object({ s: sessionId, k: z.literal('log'), e: logEntrySchema }),
  z.object({ s: sessionId, k: z.literal('cp'), c: checkpointSchema.nullable() }),
  z.object({ s: sessionId, k: z.literal('remove') }),
]);

const NEWLINE = 0x0a;
const HEADER = 9; // 8 hex digits and a space

/** One record as a line of the journal. Its cost is the record's own size, whatever the session's length. */
export function encodeRecord(record: JournalRecord): string {
  const json = JSON.stringify(record);
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

/** Where a record sits in a file. */
export interface Span {
  offset: number;
  length: number;
}

export interface DecodedFile {
  records: { record: JournalRecord; span: Span }[];
  /** Lines that fail their checksum, JSON or schema while good records follow them (corruption, not a crash). */
  corrupt: Span[];
  /** Everything after the last good record that is not a good record: the write a crash cut short. */
  tornTail: Span | null;
}

/**
 * Parse a journal file: every good record, and the spans of bytes that are not one. `validate:
 * false` trusts the checksum alone (a compaction reading what this process wrote or already checked).
 */
export function decodeJournal(bytes: Buffer, validate = true): DecodedFile {
  const records: DecodedFile['records'] = [];
  const bad: Span[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const end = bytes.indexOf(NEWLINE, offset);
    const lineEnd = end === -1 ? bytes.length : end + 1;
    const span = { offset, length: lineEnd - offset };
    const record = end === -1 ? null : decodeLine(bytes.subarray(offset, end), validate);
    if (record) records.push({ record, span });
    else bad.push(span);
    offset = lineEnd;
  }
  const lastGood = records.at(-1);
  const goodEnd = lastGood ? lastGood.span.offset + lastGood.span.length : 0;
  const corrupt = bad.filter((s) => s.offset < goodEnd);
  const tail = bad.filter((s) => s.offset >= goodEnd);
  return { records, corrupt, tornTail: tail.length > 0 ? { offset: goodEnd, length: bytes.length - goodEnd } : null };
}

function decodeLine(line: Buffer, validate: boolean): JournalRecord | null {
  if (line.length <= HEADER || line[HEADER - 1] !== 0x20) return null;
  const expected = Number.parseInt(line.subarray(0, HEADER - 1).toString('latin1'), 16);
  const json = line.subarray(HEADER);
  if (!/^[0-9a-f]{8}$/.test(line.subarray(0, HEADER - 1).toString('latin1')) || crc32(json) !== expected) return null;
  let value: unknown;
  try {
    value = JSON.parse(json.toString('utf8'));
  } catch {
    return null;
  }
  if (!validate) return typeof value === 'object' && value !== null && 's' in value && 'k' in value ? value as JournalRecord : null;
  const parsed = recordSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
