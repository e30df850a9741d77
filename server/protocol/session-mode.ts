/**
 * How much of the runbook a team holds, chosen by the host at creation and fixed for the session.
 * `realistic` (the default): the generic on-call toolbox, and each specific tool or diagnosis
 * option once evidence revealed it, as on the day. `guided`: everything unlocked from the start.
 */
import type { SessionMode } from '../engine/index.ts';

export type { SessionMode };
/** Every mode, for the schema and the landing page's choice (the engine's type, listed once at runtime). */
export const SESSION_MODES = ['realistic', 'guided'] as const satisfies readonly SessionMode[];
export const DEFAULT_SESSION_MODE: SessionMode = 'realistic';

/** How a mode is named and explained to people (landing page, lobby, debrief, exports). */
export const SESSION_MODE_INFO: Record<SessionMode, { label: string; explanation: string }> = {
  realistic: {
    label: 'Realistic',
    explanation: 'Responders start with the generic on-call toolbox; specific tools and diagnosis options appear as their evidence reveals them.',
  },
  guided: {
    label: 'Guided',
    explanation: 'Every tool and diagnosis option is there from the start: for first-timers and demos.',
  },
};
