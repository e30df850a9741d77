/** The protocol shared by server and client. The client imports types from here with `import type`. */
export * from './views.ts';
export * from './events.ts';
export type * from './payloads.ts';
export * from './join-code.ts';
export * from './session-mode.ts';
export type * from './debrief.ts';
