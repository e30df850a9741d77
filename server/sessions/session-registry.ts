/**
 * Which sessions are in memory, and how to find one: by id or by join code. Running and lobby
 * sessions stay resident; ended ones are a cache of their log, so only the most recently used are
 * kept (their logs released to the store, which may keep them on disk only) and older ones are
 * rebuilt on demand: `SessionService.prepare` reads one back from the store first.
 */
import type { Scenario } from '../engine/index.ts';
import type { StoredSession } from '../storage/session-record.ts';
import type { SessionStore } from '../storage/session-store.ts';
import { endedWall } from '../storage/store-data.ts';
import { restoreState, type SessionState } from './session-state.ts';

export { endedWall } from '../storage/store-data.ts';

/**
 * Ended sessions kept in memory, most recently used first. Their team worlds are only a cache of
 * the log (5–10 MB per session of four teams at the end of a long day), so older ones are dropped
 * and rebuilt on demand. Eight cover the debriefs opened right after the ends of a busy day and
 * keep the server's memory flat once as many sessions have ended.
 */
export const RESIDENT_ENDED_SESSIONS = 8;

export const hasEnded = (stored: StoredSession): boolean => endedWall(stored) !== null;

export class SessionRegistry {
  private readonly sessions = new Map<string, SessionState>();
  private readonly byCode = new Map<string, string>();
  /** Ended sessions in memory, least recently used first. */
  private readonly residentEnded = new Set<string>();
  readonly restoreProblems: string[] = [];

  constructor(
    private readonly scenarios: ReadonlyMap<string, Scenario>,
    private readonly store: SessionStore,
    private readonly now: () => number,
  ) {}

  /** Load every stored session that is not ended; returns them (the caller resumes running clocks). */
  restore(): SessionState[] {
    const restored: SessionState[] = [];
    for (const summary of this.store.list()) {
      if (summary.endedWall !== null) {
        // Reviewable but finished: rebuilt from the log when someone asks (see get()).
        this.byCode.set(summary.settings.code, summary.settings.id);
        continue;
      }
      const stored = this.store.get(summary.settings.id);
      const state = stored && this.restoreOne(stored);
      if (state) restored.push(state);
    }
    return restored;
  }

  /**
   * Rebuild one stored session from its log and hold it in memory (a restart, or in cluster mode
   * the node taking the session's lease). Null when its scenario is not loaded.
   */
  restoreOne(stored: StoredSession): SessionState | null {
    const scenario = this.scenarios.get(stored.settings.scenarioId);
    if (!scenario) {
      this.restoreProblems.push(`session ${stored.settings.id}: scenario "${stored.settings.scenarioId}" is not loaded; session not restored`);
      return null;
    }
    const { state, problems } = restoreState(stored, scenario, this.now());
    for (const p of problems) this.restoreProblems.push(`session ${stored.settings.id}: ${p}`);
    this.add(state);
    return state;
  }

  add(state: SessionState): void {
    this.sessions.set(state.settings.id, state);
    this.byCode.set(state.settings.code, state.settings.id);
  }

  hasCode(code: string): boolean {
    return this.byCode.has(code);
  }

  /** Sessions in memory (every open one, and the resident ended ones). */
  resident(): IterableIterator<SessionState> {
    return this.sessions.values();
  }

  /** The resident session only: never rebuilds an ended one. */
  residentSession(sessionId: string): SessionState | undefined {
    return this.sessions.get(sessionId);
  }

  stats(): { sessions: number; inMemory: number; open: number } {
    return { sessions: this.byCode.size, inMemory: this.sessions.size, open: this.openSessions() };
  }

  /** Open (not ended) sessions: all of them, or those one creator made. Open sessions are always resident. */
  openSessions(creator?: string): number {
    let count = 0;
    for (const s of this.sessions.values()) if (!s.ended && (creator === undefined || s.settings.creator === creator)) count++;
    return count;
  }

  /** Drop a session from memory and from the code index (the retention sweep). */
  forget(sessionId: string, code: string): void {
    this.sessions.delete(sessionId);
    this.residentEnded.delete(sessionId);
    if (this.byCode.get(code) === sessionId) this.byCode.delete(code);
  }

  /** The session a join code belongs to (in memory or not). */
  idOfCode(code: string): string | undefined {
    return this.byCode.get(code);
  }

  /** A session's state: in memory, or (ended and dropped from memory) rebuilt from its log if the store holds it in memory. */
  get(sessionId: string): SessionState | undefined {
    let state = this.sessions.get(sessionId);
    if (!state) {
      const stored = this.store.get(sessionId);
      const scenario = stored && this.scenarios.get(stored.settings.scenarioId);
      if (!stored || !scenario) return undefined;
      state = restoreState(stored, scenario, this.now()).state;
      this.sessions.set(sessionId, state);
    }
    if (state.ended) this.keepEnded(sessionId);
    return state;
  }

  getByCode(code: string): SessionState | undefined {
    const id = this.byCode.get(code);
    return id ? this.get(id) : undefined;
  }

  /** Mark an ended session as just used and drop the least recently used beyond the limit. */
  keepEnded(sessionId: string): void {
    this.residentEnded.delete(sessionId);
    this.residentEnded.add(sessionId);
    for (const oldest of this.residentEnded) {
      if (this.residentEnded.size <= RESIDENT_ENDED_SESSIONS) break;
      this.residentEnded.delete(oldest);
      this.sessions.delete(oldest);
      this.store.release(oldest);
    }
  }
}
