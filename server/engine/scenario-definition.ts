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
import { withDiagnosisCatalogue } from './diagnosis-catalogue.ts';
import { briefingProblems, fillBriefing } from './briefing-clock.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case id: letters, digits, "-" or "_"');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a UTC time written HH:MM');
const text = (max: number) => z.string().min(1).max(max);

/**
 * What a team must have found before a tool or option is offered: any one of `anyOf`, and all of
 * `allOf` (lead ids). Nothing declared: it is part of the generic toolbox, there from the start.
 */
export const requiresSchema = z.object({
  anyOf: z.array(id).min(1).optional(),
  allOf: z.array(id).min(1).optional(),
}).strict();
export type Requires = z.infer<typeof requiresSchema>;

/** Kinds of lead. `change` and `event` leads are offered as diagnosis triggers. */
export const LEAD_KINDS = ['component', 'service', 'artefact', 'pipeline', 'change', 'event'] as const;
export type LeadKind = (typeof LEAD_KINDS)[number];

/** Something a team can find out: a component, a change, a config artefact, a pipeline, an event. */
export const leadSchema = z.object({
  id,
  kind: z.enum(LEAD_KINDS),
  /** What the team sees once it has found it (may name the thing: it has been found). */
  label: text(160),
}).strict();
export type LeadSpec = z.infer<typeof leadSchema>;

/** The neutral category a team sees on an action; `category` stays internal to scoring. */
export const ACTION_KINDS = ['traffic', 'config', 'service', 'dependency', 'capacity', 'comms'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
const actionCategory = z.enum(['mitigation', 'remediation', 'communication', 'capacity', 'containment']);

export const paramSpecSchema = z.discriminatedUnion('type', [
  z.object({
    name: id,
    label: text(80),
    type: z.literal('enum'),
    options: z.array(z.object({
      value: id,
      label: text(120),
      requires: requiresSchema.optional(),
      /** Scoring only: this option counts in another category than its action (e.g. the one revert that fixes). */
      category: actionCategory.optional(),
    }).strict()).min(1),
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
  /** Leads the team finds when this alert fires (e.g. the service it names). */
  leads: z.array(id).default([]),
}).strict();
export type AlertRule = z.infer<typeof alertRuleSchema>;

export const investigationSchema = z.object({
  id,
  title: text(120),
  description: text(600),
  durationMinutes: z.number().min(0).max(240),
  params: z.array(paramSpecSchema).default([]),
  requires: requiresSchema.optional(),
}).strict();
export type InvestigationSpec = z.infer<typeof investigationSchema>;

export const actionSchema = z.object({
  id,
  title: text(120),
  description: text(600),
  /** `communication` actions are public status updates: they start the comms milestone. */
  category: actionCategory,
  /**
   * What a team sees of the category: neutral, it says what is touched, not whether it helps.
   * Defaults from the category when omitted (small fixtures); real scenarios write it.
   */
  kind: z.enum(ACTION_KINDS).optional(),
  delayMinutes: z.number().min(0).max(240),
  params: z.array(paramSpecSchema).default([]),
  /** false: refused while an earlier request of the same action (same params) is pending. */
  repeatable: z.boolean().default(true),
  requires: requiresSchema.optional(),
}).strict();
export type ActionSpec = z.infer<typeof actionSchema> & { kind: ActionKind };

const option = z.object({ id, label: text(160), requires: requiresSchema.optional() }).strict();
export type DiagnosisOption = z.infer<typeof option>;

/**
 * As written in scenario.json: usually only `correct`. The options a team picks from are built at
 * load (`withDiagnosisCatalogue`): triggers are the scenario's change/event leads plus the generic
 * hypotheses, mechanisms the generic failure classes. `triggers`/`mechanisms` written here replace
 * the generic lists (for small test fixtures); the lead triggers are always added.
 */
export const diagnosisSchema = z.object({
  triggers: z.array(option).min(1).optional(),
  mechanisms: z.array(option).min(2).optional(),
  correct: z.object({ trigger: id, mechanism: id }).strict(),
}).strict();
export type DiagnosisSpec = { triggers: DiagnosisOption[]; mechanisms: DiagnosisOption[]; correct: { trigger: string; mechanism: string } };

export const injectSchema = z.object({
  id,
  /** Timed injects arrive by themselves at `at`; the others are in the host's library. */
  at: hhmm.optional(),
  title: text(120),
  text: text(2000),
  /** A hint helps the team and costs points in the debrief. */
  hint: z.boolean().default(false),
  /**
   * A timed inject whose premise is a symptom: delivered at `at` or, if later, at the first step
   * after the alert (rule id) has fired or the marker (marker id) has been reached in this world.
   */
  onlyAfter: id.optional(),
  /** Leads the team finds when this inject reaches it. */
  leads: z.array(id).default([]),
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
  /**
   * A recovery holds only while it holds: a window counts only if it does not break before this
   * marker (or before the end of the run when that marker never happens, or when it is "end").
   * A window that breaks earlier is a relapse; the marker is then the last recovery.
   */
  holdsUntil: z.union([z.literal('end'), id]).optional(),
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
  z.object({ kind: z.literal('first-action-category'), category: actionCategory }).strict(),
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
    /** Action ids, or `action:value` for one enum option of it (e.g. `revert_change:change_waf_killswitch`). */
    actions: z.array(z.string().regex(/^[a-z0-9][a-z0-9_-]*(:[a-z0-9][a-z0-9_-]*)?$/, 'an action id, or action:option')).default([]),
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

const scenarioDataObject = z.object({
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
  /** What a team can find out; investigations' evidence (and alerts, injects) reveal them. */
  leads: z.array(leadSchema).default([]),
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
  /** The facilitator's script, read to the room before the start (never shown to responders); `{start}`, `{end}`, `{duration}` come from `clock` (briefing-clock.ts). */
  briefing: z.object({ situation: text(1500), roles: text(1000), rules: text(1000), doNotReveal: text(1000) }).strict().optional(),
}).strict();

const KIND_OF_CATEGORY: Record<z.infer<typeof actionCategory>, ActionKind> = {
  communication: 'comms', capacity: 'capacity', containment: 'traffic', mitigation: 'traffic', remediation: 'config',
};

export const scenarioDataSchema = scenarioDataObject.superRefine((data, ctx) => {
  for (const p of data.briefing ? briefingProblems(data.briefing, data.clock) : []) ctx.addIssue({ code: 'custom', path: ['briefing', p.field], message: p.message });
}).transform((data) => ({
  ...data,
  briefing: data.briefing && fillBriefing(data.briefing, data.clock),
  actions: data.actions.map((a) => ({ ...a, kind: a.kind ?? KIND_OF_CATEGORY[a.category] })),
  diagnosis: withDiagnosisCatalogue(data.leads, data.diagnosis),
}));
export type ScenarioData = z.output<typeof scenarioDataSchema>;

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
  /** Lead ids this evidence reveals (recorded in the world, not shown as part of the evidence). */
  leads?: string[];
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

export interface ActResult<M> {
  model: M;
  outcome: string;
  /** false: the action found nothing to change (e.g. a revert of a change that does not exist); it earns no milestone. Default true. */
  changed?: boolean;
  /** Leads the team finds when the action takes effect (e.g. a restart shows which services fail). */
  leads?: string[];
}

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
  act(model: M, action: { id: string; params: ParamValues }, ctx: ModelContext): ActResult<M>;
  /** An investigation completes (after its declared duration): the evidence it uncovers. */
  investigate(model: M, investigation: { id: string; params: ParamValues }, ctx: ModelContext): EvidenceBody;
  truth(model: M, ctx: ModelContext): TruthReport;
}

export interface Scenario<M = unknown> {
  data: ScenarioData;
  model: ScenarioModel<M>;
}
