/**
 * The solver's responders, r1…rN, and who is booked when: a responder runs one investigation or
 * makes one change at a time (engine/attention.ts), so every task the solver plans goes to someone
 * free for its whole working time. A plan built this way replays through the engine with the
 * same responders and never waits or gets refused for attention.
 */
export class Roster {
  readonly names: string[];
  /** Per responder, booked [from, to) intervals in sim seconds. */
  readonly #booked: Map<string, [number, number][]>;

  constructor(responders: number, booked?: Map<string, [number, number][]>) {
    this.names = Array.from({ length: Math.max(1, responders) }, (_, i) => `r${i + 1}`);
    this.#booked = new Map(this.names.map((n) => [n, booked?.get(n)?.slice() ?? []]));
  }

  clone(): Roster {
    return new Roster(this.names.length, this.#booked);
  }

  /** Free over [from, from + seconds)? Zero-length work fits anywhere. */
  isFree(by: string, from: number, seconds: number): boolean {
    if (seconds <= 0) return true;
    return (this.#booked.get(by) ?? []).every(([a, b]) => b <= from || a >= from + seconds);
  }

  /** The responders free over that stretch, in order. */
  freeAt(from: number, seconds: number): string[] {
    return this.names.filter((n) => this.isFree(n, from, seconds));
  }

  book(by: string, from: number, seconds: number): void {
    if (seconds > 0) this.#booked.get(by)!.push([from, from + seconds]);
  }

  /** Book the first responder free at `from`, or null when nobody is. */
  bookAt(from: number, seconds: number): string | null {
    const by = this.freeAt(from, seconds)[0] ?? null;
    if (by) this.book(by, from, seconds);
    return by;
  }

  /**
   * The earliest start at or after `from` (at a whole minute) at which someone is free for the
   * whole stretch: the task waits for the first free hand, as a team's would.
   */
  earliest(from: number, seconds: number): { by: string; at: number } {
    const starts = [from, ...[...this.#booked.values()].flat().map(([, end]) => Math.ceil(end / 60) * 60).filter((t) => t > from)].sort((a, b) => a - b);
    for (const at of starts) {
      const by = this.freeAt(at, seconds)[0];
      if (by) return { by, at };
    }
    // Unreachable: after the last booking everyone is free.
    throw new Error('no free responder');
  }

  /** Book the earliest free stretch (see earliest()). */
  bookEarliest(from: number, seconds: number): { by: string; at: number } {
    const slot = this.earliest(from, seconds);
    this.book(slot.by, slot.at, seconds);
    return slot;
  }
}
