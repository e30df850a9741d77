/** The engine's public interface. Pure and deterministic: no I/O, no wall clock, no Math.random. */
export * from './scenario-definition.ts';
export * from './world.ts';
export { Rng, seedRng, type RngState } from './rng.ts';
export { clock, parseClock, formatClock, formatClockSeconds, type SimSeconds } from './sim-time.ts';
export { createWorld } from './create-world.ts';
export { advance, endTime, isOver } from './advance.ts';
export { apply, type Command, type ApplyResult } from './commands.ts';
export { validateParams } from './validate-params.ts';
export { observe, type Viewer, type TeamObservation, type TruthObservation, type TeamDiagnosis } from './observe.ts';
export { computeMarkers, computeMetrics, confirmingMarkers, type Markers, type MarkerCondition, type ConfirmingMarker } from './markers.ts';
export { runCommands, runPlan, planToCommands, type TimedCommand, type RunResult } from './run-plan.ts';
export { scoreRun, errorMinutes, milestoneTime, MILESTONE_SPAN_MINUTES, type ScoreBreakdown, type MilestoneScore, type Penalty } from './scoring.ts';
