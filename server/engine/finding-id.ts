/**
 * How findings are named and how many a diagnosis may cite: shared by the engine and the consoles
 * (this file imports nothing, so the client bundle takes it without the scenario schema).
 */

/** At most this many findings may be attached to one diagnosis: citing everything is not reasoning. */
export const MAX_CITED_FINDINGS = 6;

/** A finding's id on the team's evidence board: its investigation's entry, `F12`. */
export const findingId = (entry: number): string => `F${entry}`;
