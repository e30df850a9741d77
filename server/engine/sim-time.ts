/** Sim time is seconds since 00:00 UTC of the scenario's day. Scenario files write it as "HH:MM". */
export type SimSeconds = number;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

export function parseClock(text: string): SimSeconds | null {
  const m = HHMM.exec(text);
  if (!m) return null;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + (m[3] ? Number(m[3]) : 0);
}

export function clock(text: string): SimSeconds {
  const t = parseClock(text);
  if (t === null) throw new Error(`not a UTC clock time (HH:MM): ${text}`);
  return t;
}

/** "HH:MM", rounded to the nearest minute (what markers and debriefs show). */
export function formatClock(t: SimSeconds): string {
  const minutes = Math.round(t / 60);
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** "HH:MM:SS" for logs and evidence. */
export function formatClockSeconds(t: SimSeconds): string {
  const s = Math.round(t);
  const h = Math.floor(s / 3600) % 24;
  const m = Math.floor(s / 60) % 60;
  const sec = s % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
}
