/**
 * What a browser remembers between reloads: the host secret and the player token per session
 * (keyed by the normalized join code), and the last display name. localStorage can throw (private
 * mode, quota): every access degrades to "not remembered".
 */
import { normalizeJoinCode } from '../../server/protocol/join-code.ts';

const PREFIX = 'incident-tabletop';

function key(kind: string, code: string): string {
  return `${PREFIX}:${kind}:${normalizeJoinCode(code) ?? code.toUpperCase()}`;
}

function read(k: string): string | null {
  try {
    return localStorage.getItem(k);
  } catch {
    return null;
  }
}

function write(k: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(k);
    else localStorage.setItem(k, value);
  } catch {
    // Not remembered: a reload will ask again.
  }
}

export const hostSecretFor = (code: string) => read(key('host', code));
export const saveHostSecret = (code: string, secret: string) => write(key('host', code), secret);
export const playerTokenFor = (code: string) => read(key('player', code));
export const savePlayerToken = (code: string, token: string) => write(key('player', code), token);
export const forgetPlayerToken = (code: string) => write(key('player', code), null);
export const lastDisplayName = () => read(`${PREFIX}:name`) ?? '';
export const saveDisplayName = (name: string) => write(`${PREFIX}:name`, name);

/** Runbook items a responder has opened or used, per seat (player ids are unique): no longer "new". */
const seenKey = (playerId: string) => `${PREFIX}:seen-tools:${playerId}`;
export function seenToolsFor(playerId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(read(seenKey(playerId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
export const saveSeenTools = (playerId: string, ids: readonly string[]) => write(seenKey(playerId), JSON.stringify(ids));
