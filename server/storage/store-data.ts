/**
 * The shared in-memory model behind the store implementations, so they behave the same and
 * only differ in how (and whether) they write.
 */
import type { ClockCheckpoint, LogEntry, SessionSettings, StoredSession } from './session-record.ts';
import type { SessionSummary, StoreResult } from './session-store.ts';

export interface StoreFile {
  version: 1;
  sessions: StoredSession[];
}

export const emptyStoreFile = (): StoreFile => ({ version: 1, sessions: [] });

/** Wall time (ms) a stored session ended, or null while it is open. */
export function endedWall(stored: Pick<StoredSession, 'log'>): number | null {
  for (let i = stored.log.length - 1; i >= 0; i--) {
    const e = stored.log[i]!;
    if (e.type === 'clock' && e.payload.action === 'end') return e.wall;
  }
  return null;
}

export const summaryOf = (stored: StoredSession): SessionSummary => ({ settings: stored.settings, endedWall: endedWall(stored) });

export class StoreData {
  private readonly byId = new Map<string, StoredSession>();

  constructor(readonly file: StoreFile) {
    for (const s of file.sessions) this.byId.set(s.settings.id, s);
  }

  list(): readonly StoredSession[] {
    return this.file.sessions;
  }

  summaries(): readonly SessionSummary[] {
    return this.file.sessions.map(summaryOf);
  }

  get(sessionId: string): StoredSession | undefined {
    return this.byId.get(sessionId);
  }

  create(settings: SessionSettings): StoreResult {
    if (this.byId.has(settings.id)) return { ok: false, error: `session ${settings.id} already exists` };
    const session: StoredSession = { settings: structuredClone(settings), log: [], checkpoint: null };
    this.file.sessions.push(session);
    this.byId.set(settings.id, session);
    return { ok: true };
  }

  append(sessionId: string, entries: readonly LogEntry[]): StoreResult {
    const session = this.byId.get(sessionId);
    if (!session) return { ok: false, error: `no session ${sessionId}` };
    let last = session.log.at(-1)?.seq ?? 0;
    for (const e of entries) {
      if (e.seq !== last + 1) return { ok: false, error: `log entry seq ${e.seq} does not follow ${last}` };
      last = e.seq;
    }
    for (const e of entries) session.log.push(structuredClone(e));
    return { ok: true };
  }

  /** Put a session read from storage in place of the in-memory copy (or add it). */
  put(session: StoredSession): void {
    this.remove(session.settings.id);
    this.file.sessions.push(session);
    this.byId.set(session.settings.id, session);
  }

  remove(sessionId: string): void {
    if (!this.byId.delete(sessionId)) return;
    const i = this.file.sessions.findIndex((s) => s.settings.id === sessionId);
    if (i >= 0) this.file.sessions.splice(i, 1);
  }

  setCheckpoint(sessionId: string, checkpoint: ClockCheckpoint | null): StoreResult {
    const session = this.byId.get(sessionId);
    if (!session) return { ok: false, error: `no session ${sessionId}` };
    session.checkpoint = checkpoint ? { ...checkpoint } : null;
    return { ok: true };
  }
}
