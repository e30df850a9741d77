/** The engine's public interface. Pure and deterministic: no I/O, no wall clock, no Math.random. */
export * from './scenario-definition.ts';
export * from './world.ts';
export * from './disguise-section.ts';
export { Rng, seedRng, type RngState } from './rng.ts';
export { clock, parseClock, formatClock, formatClockSeconds, type SimSeconds } from './sim-time.ts';
export { byMinute, clockLabel, windowLabel, minutesOf, seenWithin } from './evidence-window.ts';
export { createWorld, type WorldOptions } from './create-world.ts';
export { advance, advanceOwned, endTime, isOver } from './advance.ts';
export { apply, applyOwned, check, lockedBecause, NOT_AVAILABLE, type Command, type ApplyResult } from './commands.ts';
export { available, unlockTime, missingLeads, type Runbook, type RunbookInvestigation, type RunbookAction, type DiagnosisOptionView } from './available.ts';
export { GENERIC_MECHANISMS, GENERIC_TRIGGERS, COMPONENT_LEAD_KINDS, TRIGGER_LEAD_KINDS } from './diagnosis-catalogue.ts';
export { changeKindsOf, cellNumber, indicatorsIn, FAILURE_SIGNATURES, GENERIC_TRIGGER_SIGNATURES, INDICATORS, CHANGE_KINDS, type ChangeKind, type FailureSignature, type FindingData, type Indicator, type IndicatorId } from './failure-signatures.ts';
export { describeRequest } from './describe-request.ts';
export { validateParams } from './validate-params.ts';
export { observe, teamAction, teamInvestigation, teamDiagnosis, leadView, truthOf, type Viewer, type TeamObservation, type TruthObservation, type TeamDiagnosis, type TeamInvestigation, type LeadView } from './observe.ts';
export { computeMarkers, findMarkers, computeMetrics, confirmingMarkers, type Markers, type MarkerFindings, type MarkerRelapse, type MarkerCondition, type ConfirmingMarker } from './markers.ts';
export { decideMarkers } from './decide-markers.ts';
export { MarkerScan } from './marker-scan.ts';
export { runCommands, runPlan, planToCommands, playTo, DEFAULT_RESPONDERS, type TimedCommand, type RunResult, type RunOptions } from './run-plan.ts';
export { busyResponders, busyWith, busyTask, busyTasks, type AttentionRecords, type BusyResponder, type BusyTask } from './attention.ts';
export { findingId, resolveFindings, supportOf, MAX_CITED_FINDINGS } from './findings.ts';
export { scoreRun, errorMinutes, noActionRun, actionCategoryOf, OBJECTIVE_LABELS, type ScoreOptions } from './scoring.ts';
export type {
  ScoreBreakdown, ScoreWindow, ScoreReviews, MilestoneScore, Penalty, PenaltyKind, ImpactScore, ImpactSignalScore, CommsScore, PostVerdict,
  PostVerdictKind, DiagnosisVerdict, CitedFinding, Adjustment, ObjectiveScore,
} from './scoring-types.ts';
export { customerHit, customerImpact, statusComponents, failingAt, type CustomerHit, type StatusComponent } from './customer-impact.ts';
export { postClaims, isStatusPost } from './scoring-comms.ts';
export { milestoneObjective } from './scoring-milestones.ts';
export { rolledBackChange, rollbackWarranted, evidenceBefore, shownBy, matchesActionRef, firstSupportedDiagnosis } from './warranted.ts';
export { stuckState, stuckAfterMinutes, type StuckState } from './stuck.ts';
