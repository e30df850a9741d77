/**
 * The objectives of the after-action review (HSEEP, NIST SP 800-84): every score line belongs to
 * one, so the debrief can rate each objective on its own. No dependencies: the client imports it.
 */
export const OBJECTIVES = ['detect', 'mitigate', 'diagnose', 'communicate', 'recover', 'avoid-harm'] as const;
export type ObjectiveId = (typeof OBJECTIVES)[number];
