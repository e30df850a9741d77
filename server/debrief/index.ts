/** Scored debrief, Markdown export and replay: pure functions over the scenario and the session log. */
export { buildDebrief, clampEnd, GHOST_NAME } from './build-debrief.ts';
export { renderDebriefMarkdown } from './render-markdown.ts';
export { replayAt } from './replay.ts';
export { pickDebriefSignals, MAX_DEBRIEF_SIGNALS } from './pick-signals.ts';
export type { DebriefInput, DebriefTeamInput } from './debrief-input.ts';
