/** The engine's public interface. Pure and deterministic: no I/O, no wall clock, no Math.random. */
export * from './scenario-definition.ts';
export * from './world.ts';
export { Rng, seedRng, type RngState } from './rng.ts';
export { clock, parseClock, formatClock, formatClockSeconds, type SimSeconds } from './sim-time.ts';
export { createWorld, type WorldOptions } from './create-world.ts';
export { advance, endTime, isOver } from './advance.ts';
export { apply, lockedBecause, NOT_AVAILABLE, type Command, type ApplyResult } from './commands.ts';
export { available, unlockTime, missingLeads, type Runbook, type RunbookInvestigation, type RunbookAction, type DiagnosisOptionView } from './available.ts';
export { GENERIC_MECHANISMS, GENERIC_TRIGGERS } from './diagnosis-catalogue.ts';
export { describeRequest } from './describe-request.ts';
export { validateParams } from './validate-params.ts';
export { observe, teamAction, teamInvestigation, teamDiagnosis, leadView, truthOf, type Viewer, type TeamObservation, type TruthObservation, type TeamDiagnosis, type LeadView } from './observe.ts';
export { computeMarkers, findMarkers, computeMetrics, confirmingMarkers, type Markers, type MarkerFindings, type MarkerRelapse, type MarkerCondition, type ConfirmingMarker } from './markers.ts';
export { decideMarkers } from './decide-markers.ts';
export { MarkerScan } from './marker-scan.ts';
export { runCommands, runPlan, planToCommands, playTo, type TimedCommand, type RunResult } from './run-plan.ts';
export { scoreRun, errorMinutes, milestoneTime, MILESTONE_SPAN_MINUTES, type ScoreBreakdown, type ScoreWindow, type MilestoneScore, type Penalty } from './scoring.ts';
export { stuckState, stuckAfterMinutes, type StuckState } from './stuck.ts';
