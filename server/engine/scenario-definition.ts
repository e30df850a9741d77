/**
 * What a scenario is made of. A scenario is a folder in `scenarios/` with
 * - `scenario.json`: everything declarative (clock, signals, alerts, investigations, actions,
 *   diagnosis options, injects, the reference plan, marker rules, real milestones, lessons),
 *   validated field by field with the zod schema below;
 * - `model.ts`: the causal model (`ScenarioModel`), pure functions over the scenario's hidden state.
 * The engine knows nothing else about any outage.
 */
import { z } from 'zod';
import type { Rng } from './rng.ts';
import type { SimSeconds } from './sim-time.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case id: letters, digits, "-" or "_"');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a UTC time written HH:MM');
const text = (max: number) => z.string().min(1).max(max);

export const paramSpecSchema = z.discriminatedUnion('type', [
  z.object({
    name: id,
    label: text(80),
    type: z.literal('enum'),
    options: z.array(z.object({ value: id, label: text(80) })).min(1),
  }).strict(),
  z.object({
    name: id,
    label: text(80),
    type: z.literal('number'),
    min: z.number(),
    max: z.number(),
    integer: z.boolean().default(false),
  }).strict(),
  z.object({
    name: id,
    label: text(80),
    type: z.literal('text'),
    maxLength: z.number().int().min(1).max(2000),
  }).strict(),
]);
export type ParamSpec = z.infer<typeof paramSpecSchema>;

export const signalSchema = z.object({
  id,
  label: text(80),
  /** Panel the signal is drawn in; signals of one panel share an axis. */
  panel: text(80),
  unit: z.enum(['percent', 'ms', 'rps', 'ratio', 'count', 'up']),
  description: text(400),
  /** Visual threshold lines, as on a Grafana panel. */
  thresholds: z.array(z.object({ value: z.number(), label: text(60) }).strict()).default([]),
}).strict();
export type SignalSpec = z.infer<typeof signalSchema>;

const comparison = z.enum(['above', 'below']);

export const alertRuleSchema = z.object({
  id,
  title: text(120),
  severity: z.enum(['critical', 'warning', 'info']),
  signal: id,
  op: comparison,
  threshold: z.number(),
  /** The condition must hold this long before the alert fires (Prometheus `for:`). */
  forMinutes: z.number().min(0).max(120),
}).strict();
export type AlertRule = z.infer<typeof alertRuleSchema>;

export const investigationSchema = z.object({
  id,
  title: text(120),
  description: text(600),
  durationMinutes: z.number().min(0).max(240),
  params: z.array(paramSpecSchema).default([]),
}).strict();
export type InvestigationSpec = z.infer<typeof investigationSchema>;

export const actionSchema = z.object({
  id,
  title: text(120),
  description: text(600),
  /** `communication` actions are public status updates: they start the comms milestone. */
  category: z.enum(['mitigation', 'remediation', 'communication', 'capacity', 'containment']),
  delayMinutes: z.number().min(0).max(240),
  params: z.array(paramSpecSchema).default([]),
  /** false: refused while an earlier request of the same action (same params) is pending. */
  repeatable: z.boolean().default(true),
}).strict();
export type ActionSpec = z.infer<typeof actionSchema>;

const option = z.object({ id, label: text(160) }).strict();

export const diagnosisSchema = z.object({
  triggers: z.array(option).min(2),
  mechanisms: z.array(option).min(2),
  correct: z.object({ trigger: id, mechanism: id }).strict(),
}).strict();
export type DiagnosisSpec = z.infer<typeof diagnosisSchema>;

export const injectSchema = z.object({
  id,
  /** Timed injects arrive by themselves at `at`; the others are in the host's library. */
  at: hhmm.optional(),
  title: text(120),
  text: text(2000),
  /** A hint helps the team and costs points in the debrief. */
  hint: z.boolean().default(false),
}).strict();
export type InjectSpec = z.infer<typeof injectSchema>;

export const planStepSchema = z.union([
  z.object({ at: hhmm, action: id, params: z.record(z.string(), z.union([z.string(), z.number()])).default({}) }).strict(),
  z.object({ at: hhmm, investigate: id, params: z.record(z.string(), z.union([z.string(), z.number()])).default({}) }).strict(),
  z.object({ at: hhmm, diagnose: z.object({ trigger: id, mechanism: id, text: z.string().max(2000).default('') }).strict() }).strict(),
]);
export type PlanStep = z.infer<typeof planStepSchema>;

export const markerRuleSchema = z.object({
  id,
  label: text(120),
  signal: id,
  op: comparison,
  threshold: z.number(),
  /** The condition must hold for this many sim minutes without a break. */
  forMinutes: z.number().min(0).max(240),
  /** `start`: the marker is the first sample of the qualifying window; `end`: the moment it qualified. */
  at: z.enum(['start', 'end']),
  /** Only windows starting after this marker count (e.g. "restored" after "degraded"). */
  after: id.optional(),
  /** When the condition window may start, at the earliest (e.g. a backlog only after recovery). */
  notBefore: hhmm.optional(),
  /** The real time, for fidelity checks and the debrief. */
  real: hhmm.optional(),
  /** Where the real time comes from (fact sheet row). */
  source: text(300),
}).strict();
export type MarkerRule = z.infer<typeof markerRuleSchema>;

export const metricSchema = z.object({
  id,
  label: text(120),
  signal: id,
  reduce: z.enum(['max', 'min', 'mean']),
  /** Multiplier applied to the reduced value (e.g. 0.01 to turn percent into a share). */
  scale: z.number().default(1),
}).strict();
export type MetricSpec = z.infer<typeof metricSchema>;

/** How a milestone's team time is found in a run. */
export const milestoneSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('marker'), marker: id }).strict(),
  z.object({ kind: z.literal('first-alert') }).strict(),
  z.object({ kind: z.literal('first-action-category'), category: actionSchema.shape.category }).strict(),
  z.object({ kind: z.literal('first-correct-diagnosis') }).strict(),
]);

export const milestoneSchema = z.object({
  id,
  label: text(120),
  real: hhmm,
  source: milestoneSourceSchema,
  /** Points at stake; earning them all means matching the real responders. */
  weight: z.number().min(0).max(1000),
}).strict();
export type Milestone = z.infer<typeof milestoneSchema>;

export const lessonSchema = z.object({
  id,
  title: text(160),
  text: text(1200),
  /** Did the team do what the lesson is about? Checked against its actions and investigations. */
  relatesTo: z.object({
    actions: z.array(id).default([]),
    investigations: z.array(id).default([]),
  }).strict().default({ actions: [], investigations: [] }),
}).strict();
export type Lesson = z.infer<typeof lessonSchema>;

export const scoringSchema = z.object({
  /** The signal whose area above baseline counts as customer impact (error-minutes). */
  impactSignal: id,
  impactBaseline: z.number(),
  /** Points at stake for impact: full when the team's impact is at most the reference run's. */
  impactWeight: z.number().min(0).max(1000),
  wrongDiagnosisPenalty: z.number().min(0).max(1000),
  hintPenalty: z.number().min(0).max(1000),
  /** Actions that make things worse or are pure detours, and what each costs. */
  actionPenalties: z.array(z.object({ action: id, points: z.number().min(0).max(1000), why: text(300) }).strict()).default([]),
}).strict();
export type ScoringSpec = z.infer<typeof scoringSchema>;

export const scenarioDataSchema = z.object({
  id,
  title: text(120),
  summary: text(600),
  difficulty: z.enum(['introductory', 'intermediate', 'advanced']),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD'),
  clock: z.object({
    start: hhmm,
    end: hhmm,
    stepSeconds: z.number().int().min(1).max(300).default(10),
    sampleSeconds: z.number().int().min(1).max(600).default(30),
  }).strict(),
  defaultSeed: z.number().int().min(0).max(0xffffffff),
  regions: z.array(z.object({ id, label: text(80) }).strict()).default([]),
  signals: z.array(signalSchema).min(1),
  alerts: z.array(alertRuleSchema).default([]),
  investigations: z.array(investigationSchema).min(1),
  actions: z.array(actionSchema).min(1),
  diagnosis: diagnosisSchema,
  injects: z.array(injectSchema).default([]),
  referencePlan: z.array(planStepSchema).min(1),
  markers: z.array(markerRuleSchema).default([]),
  metrics: z.array(metricSchema).default([]),
  milestones: z.array(milestoneSchema).default([]),
  scoring: scoringSchema,
  realTimeline: z.array(z.object({ at: hhmm, text: text(400), source: text(120) }).strict()).min(1),
  whatHappened: text(6000),
  lessons: z.array(lessonSchema).default([]),
  /** The facilitator's script, read to the room before the start (never shown to responders). */
  briefing: z.object({ situation: text(1500), roles: text(1000), rules: text(1000), doNotReveal: text(1000) }).strict().optional(),
}).strict();
export type ScenarioData = z.infer<typeof scenarioDataSchema>;

/** A line on a team's feed that the world produces by itself: a customer report, a third-party notice. */
export interface FeedItem {
  kind: 'customer-report' | 'notice';
  title: string;
  text: string;
}

/** Evidence an investigation returns: text, and optionally a small table or series. */
export interface EvidenceBody {
  summary: string;
  detail: string;
  /** A table of rows (log lines, row counts…), rendered as-is. */
  table?: { columns: string[]; rows: (string | number)[][] };
}

/** The hidden truth, as shown to the facilitator and in the debrief. */
export interface TruthReport {
  headline: string;
  facts: { label: string; value: string }[];
}

export interface ModelContext {
  t: SimSeconds;
  rng: Rng;
  data: ScenarioData;
}

export interface StepContext extends ModelContext {
  dt: number;
  /** Put an item on the team's feed (customer reports, third-party notices). */
  emit(item: FeedItem): void;
}

export type ParamValues = Record<string, string | number>;

/**
 * The causal model of one scenario. Every function is pure: it returns new state and draws
 * randomness only from `ctx.rng`. `M` must be plain JSON (it is cloned and compared).
 */
export interface ScenarioModel<M = unknown> {
  init(ctx: ModelContext): M;
  /** Advance the hidden state by `ctx.dt` seconds ending at `ctx.t`. */
  step(model: M, ctx: StepContext): M;
  /** The symptoms a responder's dashboards show, one value per declared signal. */
  signals(model: M, ctx: ModelContext): Record<string, number>;
  /** An action takes effect (after its declared delay). `outcome` is what the team is told. */
  act(model: M, action: { id: string; params: ParamValues }, ctx: ModelContext): { model: M; outcome: string };
  /** An investigation completes (after its declared duration): the evidence it uncovers. */
  investigate(model: M, investigation: { id: string; params: ParamValues }, ctx: ModelContext): EvidenceBody;
  truth(model: M, ctx: ModelContext): TruthReport;
}

export interface Scenario<M = unknown> {
  data: ScenarioData;
  model: ScenarioModel<M>;
}
