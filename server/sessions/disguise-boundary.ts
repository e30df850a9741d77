/**
 * Disguised play at the session boundary (ARCHITECTURE: "Disguise is a view concern"): what leaves
 * for a team or the room is masked with the scenario's aliases (server/disguise), ids coming back
 * in a command are mapped to the real ones. The host's views, the log and the engine keep the real
 * names, so one log replays disguised or not.
 */
import { disguiseOf, type Disguise } from '../disguise/disguise.ts';
import { disguiseReveal } from '../debrief/disguise-reveal.ts';
import type { HostDisguise } from '../protocol/views.ts';
import type { SessionState } from './session-state.ts';

/** The disguise to apply to what this session's teams and room see; null when it is played under real names. */
export function teamDisguise(state: Pick<SessionState, 'settings' | 'scenario'>): Disguise | null {
  return state.settings.disguise ? disguiseOf(state.scenario.data) : null;
}

/** `value` as the session's teams and room may see it. */
export function forTeams<T>(state: Pick<SessionState, 'settings' | 'scenario'>, value: T): T {
  const disguise = teamDisguise(state);
  return disguise ? disguise.mask(value) : value;
}


/** The facilitator's view of a disguised session: the alias table, and the briefing as the projected lobby may show it. */
export function hostDisguise(state: Pick<SessionState, 'settings' | 'scenario'>): HostDisguise | null {
  const disguise = teamDisguise(state);
  const reveal = disguiseReveal(state.scenario.data);
  if (!disguise || !reveal) return null;
  const b = state.scenario.data.briefing;
  return { ...reveal, briefing: b ? disguise.mask({ situation: b.situation, roles: b.roles, rules: b.rules }) : null };
}
