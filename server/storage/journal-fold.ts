/**
 * Replaying journal records into sessions: the same fold at restart (journal-store.ts, on the main
 * thread) and in a compaction (journal-compaction.ts, in a worker), so both see the same sessions.
 * A session whose records begin without a `create` is an ended one whose file holds the start of
 * its log (entries appended after the end, such as a facilitator's review): its file is read first.
 * Nothing is skipped silently: a record that cannot apply is kept aside by the caller (`rejected`).
 */
import type { JournalRecord, Span } from './journal-record.ts';
import type { StoredSession } from './session-record.ts';

/** A session as the fold rebuilt it; `fromFile`: its log begins with what its ended-session file holds. */
export interface FoldedSession extends StoredSession {
  fromFile: boolean;
}

/** Reads an ended session's file (null: there is none, or it is unreadable and was reported). */
export type ReadSessionFile = (sessionId: string) => Promise<StoredSession | null>;

export class JournalFold {
  readonly sessions = new Map<string, FoldedSession>();
  /** Sessions removed by the retention sweep (their files are deleted, their index entries dropped). */
  readonly removed = new Set<string>();
  /** Records that could not apply, with the reason: the caller keeps them aside and reports them. */
  readonly rejected: { file: string; span: Span; reason: string }[] = [];
  /** Log entries applied, for the figures. */
  entries = 0;

  constructor(private readonly readFile: ReadSessionFile) {}

  async apply(record: JournalRecord, file: string, span: Span): Promise<void> {
    const id = record.s;
    const reject = (reason: string) => { this.rejected.push({ file, span, reason: `session ${id}: ${reason}` }); };
    if (record.k === 'remove') {
      this.sessions.delete(id);
      this.removed.add(id);
      return;
    }
    if (record.k === 'create') {
      if (this.sessions.has(id)) return reject('created twice; the second creation is kept aside');
      this.removed.delete(id);
      this.sessions.set(id, { settings: record.settings, log: [], checkpoint: null, fromFile: false });
      return;
    }
    const session = this.sessions.get(id) ?? (record.k === 'log' && !this.removed.has(id) ? await this.fromFile(id) : undefined);
    if (record.k === 'cp') {
      // Checkpoints are best effort: one for a session removed or never created is meaningless.
      if (session) session.checkpoint = record.c;
      return;
    }
    if (!session) return reject(`log entry ${record.e.seq} for a session that is neither in the journal nor in a session file`);
    const last = session.log.at(-1)?.seq ?? 0;
    if (record.e.seq === last + 1) {
      session.log.push(record.e);
      this.entries++;
      return;
    }
    // The same entry written twice (a batch retried after a failed write) applies once.
    const stored = session.log[record.e.seq - 1];
    if (stored && JSON.stringify(stored) === JSON.stringify(record.e)) return;
    reject(`log entry ${record.e.seq} does not follow entry ${last}`);
  }

  private async fromFile(id: string): Promise<FoldedSession | undefined> {
    const stored = await this.readFile(id);
    if (!stored) return undefined;
    const session: FoldedSession = { ...stored, fromFile: true };
    this.sessions.set(id, session);
    return session;
  }
}
