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
import { disguiseSchema } from './disguise-section.ts';
import { OBJECTIVES } from './objectives.ts';
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
    /** May be omitted in a request: this value is used (e.g. a status post's state in logs from before it had one). */
    default: id.optional(),
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
  /** Any number of the options at once (checkboxes), e.g. the components a status post names. Its value is a list. */
  z.object({
    name: id,
    label: text(80),
    type: z.literal('multi'),
    options: z.array(z.object({ value: id, label: text(120) }).strict()).min(1).max(40),
    /** May be omitted in a request: this list is used. */
    default: z.array(id).max(40).optional(),
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
  /**
   * How long making the change takes the responder who makes it (they can do nothing else
   * meanwhile). Default: `delayMinutes`. A status post or a switch flipped in seconds is 0–2.
   */
  workMinutes: z.number().min(0).max(240).optional(),
  params: z.array(paramSpecSchema).default([]),
  /** false: refused while an earlier request of the same action (same params) is pending. */
  repeatable: z.boolean().default(true),
  requires: requiresSchema.optional(),
}).strict();
export type ActionSpec = z.infer<typeof actionSchema> & { kind: ActionKind; workMinutes: number };

const option = z.object({ id, label: text(160), requires: requiresSchema.optional() }).strict();
export type DiagnosisOption = z.infer<typeof option>;

/**
 * Something a finding can show (e.g. "worker panics in one module", "a file's size doubled").
 * The model names them in `EvidenceBody.shows` when the data it returns really shows them; the
 * diagnosis' `support` says which of them back each part of the correct diagnosis. Author-facing:
 * a team never sees these ids or labels, only the data.
 */
export const observationSchema = z.object({
  id,
  label: text(200),
  /** The fact sheet row it rests on. */
  source: text(300),
}).strict();
export type ObservationSpec = z.infer<typeof observationSchema>;

/** The diagnosis' parts. `component` exists only where the scenario declares one. */
export const DIAGNOSIS_PARTS = ['trigger', 'component', 'mechanism'] as const;
export type DiagnosisPart = (typeof DIAGNOSIS_PARTS)[number];

/**
 * As written in scenario.json: usually only `correct`. The options a team picks from are built at
 * load (`withDiagnosisCatalogue`): triggers are the scenario's change/event leads plus the generic
 * hypotheses, mechanisms the generic failure classes. `triggers`/`mechanisms` written here replace
 * the generic lists (for small test fixtures); the lead triggers are always added.
 */
export const diagnosisSchema = z.object({
  triggers: z.array(option).min(1).optional(),
  mechanisms: z.array(option).min(2).optional(),
  /** `component`: the lead ids accepted as the failing component or artefact (a third part of the diagnosis). */
  correct: z.object({ trigger: id, mechanism: id, component: z.array(id).min(1).optional() }).strict(),
  /**
   * Which observations back each part of the correct diagnosis: the findings a team attaches must
   * show them between them (observation ids; `anyOf` one of, `allOf` all of). A part without an
   * entry needs no evidence (small test fixtures); real scenarios declare every part.
   */
  support: z.object({ trigger: requiresSchema.optional(), component: requiresSchema.optional(), mechanism: requiresSchema.optional() }).strict().default({}),
}).strict();
export type DiagnosisSpec = {
  triggers: DiagnosisOption[];
  /** The leads (component, artefact, pipeline, service kinds) a team may name as the failing part. */
  components: DiagnosisOption[];
  mechanisms: DiagnosisOption[];
  correct: { trigger: string; mechanism: string; component?: string[] };
  support: Partial<Record<DiagnosisPart, Requires>>;
};

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
  /**
   * A library inject that also moves the session's clock forward to this time when the facilitator
   * sends it (every team's world runs on to it): a way past the slow hours of a long incident, with
   * a line saying what the skipped time looked like. Ignored once the clock is past it.
   */
  skipTo: hhmm.optional(),
}).strict();
export type InjectSpec = z.infer<typeof injectSchema>;

/** A parameter value in a plan: text, a number, or a list of option values (`multi`). */
const planParams = z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string().max(64)).max(40)])).default({});

export const planStepSchema = z.union([
  z.object({ at: hhmm, action: id, params: planParams, by: z.string().min(1).max(64).optional() }).strict(),
  z.object({ at: hhmm, investigate: id, params: planParams, by: z.string().min(1).max(64).optional() }).strict(),
  z.object({
    at: hhmm,
    diagnose: z.object({
      trigger: id,
      component: id.optional(),
      mechanism: id,
      /** Finding ids (`F12`), or an investigation id standing for its latest finding at that time. */
      evidence: z.array(z.string().min(1).max(64)).max(6).optional(),
      text: z.string().max(2000).default(''),
    }).strict(),
    /** The responder who does it (headless plans: r1, r2…); omitted: the first one free. */
    by: z.string().min(1).max(64).optional(),
  }).strict(),
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
  /** The first status post that is right about the moment it was published (docs/scoring.md, "Communicate"). */
  z.object({ kind: z.literal('first-accurate-post') }).strict(),
]);
export type MilestoneSource = z.infer<typeof milestoneSourceSchema>;

export { OBJECTIVES, type ObjectiveId } from './objectives.ts';

export const milestoneSchema = z.object({
  id,
  label: text(120),
  real: hhmm,
  source: milestoneSourceSchema,
  /** Points for matching the real time; more when earlier, without a cap (docs/scoring.md). */
  weight: z.number().min(0).max(1000),
  /** The objective it counts for; default from its source (alert: detect, post: communicate, diagnosis: diagnose, action: mitigate, marker: recover). */
  objective: z.enum(OBJECTIVES).optional(),
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
    /**
     * The observations that warrant acting on the lesson: a related action counts as "acted on" only
     * if the team's findings before it showed them, and a related investigation only if it showed one.
     */
    evidence: requiresSchema.optional(),
  }).strict().default({ actions: [], investigations: [] }),
}).strict();
export type Lesson = z.infer<typeof lessonSchema>;

/** A condition on one signal, as an alert or a marker writes it. */
export const signalConditionSchema = z.object({ signal: id, op: comparison, threshold: z.number() }).strict();
export type SignalCondition = z.infer<typeof signalConditionSchema>;

/** A customer-facing signal and what its area outside the healthy baseline is worth (docs/scoring.md, "Customer impact"). */
export const impactSignalSchema = z.object({
  signal: id,
  /** Weight of one unit × minute of this signal beyond its baseline, against the others. */
  weight: z.number().min(0).max(100),
  /** The healthy level: only the area beyond it counts. */
  baseline: z.number(),
  /** `above`: more is worse (an error rate); `below`: less is worse (a success rate). */
  op: comparison.default('above'),
}).strict();
export type ImpactSignalSpec = z.infer<typeof impactSignalSchema>;

/**
 * A risky or useless action and what it costs beyond what the model shows (harm outside the
 * model, e.g. customers left unprotected). `unless`: circumstances in which it is sound practice
 * and costs nothing (any one of them).
 */
export const actionPenaltySchema = z.object({
  action: id,
  /** Only this option of one of the action's enum parameters (e.g. one change of "roll back a change"). */
  option: id.optional(),
  points: z.number().min(0).max(1000),
  /** One line a trainer would accept. */
  why: text(300),
  unless: z.object({
    /** One of these actions (`action` or `action:option`) took effect, and changed something, before this was requested. */
    after: z.array(z.string().regex(/^[a-z0-9][a-z0-9_-]*(:[a-z0-9][a-z0-9_-]*)?$/, 'an action id, or action:option')).min(1).optional(),
    /** The team's run had reached this marker before this was requested. */
    marker: id.optional(),
    /** The team's findings before this was requested showed these observations. */
    evidence: requiresSchema.optional(),
  }).strict().optional(),
}).strict();
export type ActionPenalty = z.infer<typeof actionPenaltySchema>;

/** What each judgement of a status post is worth (docs/scoring.md, "Communicate"). Needs `statusPage`. */
export const commsScoringSchema = z.object({
  /** Earned by a post that is right about that minute (a share of it when it names only some failing components). */
  accuratePost: z.number().min(0).max(1000),
  /** A post before any customer was hit. */
  earlyPost: z.number().min(0).max(1000),
  /** A post naming none of the components failing at that minute. */
  noComponent: z.number().min(0).max(1000),
  /** "Identified" or "Monitoring" before the team had a supported diagnosis. */
  prematureState: z.number().min(0).max(1000),
  /** "Resolved" while customers still fail. */
  resolvedWhileFailing: z.number().min(0).max(1000),
  /** Per cadence of silence beyond the cadence during impact (pro rata). */
  gap: z.number().min(0).max(1000),
  /** What a post the facilitator marks inaccurate costs. */
  inaccuratePost: z.number().min(0).max(1000),
  /** A component counts as failing at a minute if it failed at any sample this many minutes before (an oscillating outage). */
  lookbackMinutes: z.number().min(0).max(120).default(10),
  /** A post earns nothing if it comes sooner than this after the previous one that earned (default: a third of the cadence). */
  minGapMinutes: z.number().min(0).max(240).optional(),
  /** A message with fewer words tells customers nothing: it earns nothing. */
  minWords: z.number().int().min(0).max(50).default(4),
}).strict();
export type CommsScoringSpec = z.infer<typeof commsScoringSchema>;

export const scoringSchema = z.object({
  /** The headline customer-impact curve (the debrief's first curve, the room's sparkline, the solver's objective). */
  impactSignal: id,
  impactBaseline: z.number(),
  /** Points for avoiding as much customer impact as the real responders did; more for more, no cap. */
  impactWeight: z.number().min(0).max(1000),
  /** Every customer-facing signal and its weight. Default: the headline signal alone, weight 1. */
  impact: z.array(impactSignalSchema).default([]),
  /** Minutes ahead of the real time that add one weight to a milestone (no cap); as far behind, zero. */
  milestoneSpanMinutes: z.number().min(1).max(1440).default(120),
  /** The first wrong or unsupported diagnosis costs this, the second twice this, and so on. */
  wrongDiagnosisPenalty: z.number().min(0).max(1000),
  hintPenalty: z.number().min(0).max(1000),
  /** Risky or useless actions, and what each costs. */
  actionPenalties: z.array(actionPenaltySchema).default([]),
  /** A rollback or revert of a change the team had no evidence against (CONTRACTS C2 "warranted"). */
  unwarrantedRollback: z.object({ points: z.number().min(0).max(1000), why: text(300) }).strict().optional(),
  comms: commsScoringSchema.optional(),
}).strict();
export type ScoringSpec = z.infer<typeof scoringSchema>;

/** STATUS_STATES: the states of an Atlassian Statuspage incident update, in their usual order. */
export const STATUS_STATES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type StatusState = (typeof STATUS_STATES)[number];

/**
 * The public status page: its components, each failing (for the judgement of posts) while any of
 * its conditions holds, and how often an update is due while customers are hit.
 */
export const statusPageSchema = z.object({
  cadenceMinutes: z.number().min(1).max(240),
  components: z.array(z.object({
    id,
    label: text(80),
    failing: z.array(signalConditionSchema).min(1),
  }).strict()).min(1).max(40),
}).strict();
export type StatusPageSpec = z.infer<typeof statusPageSchema>;

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
    /**
     * The speed the scenario picker suggests (sim minutes per real minute): a short incident plays
     * at 1–5×, a fifteen-hour one at 30–60× with skip injects past its slow hours.
     */
    suggestedSpeed: z.number().int().min(1).max(60).optional(),
  }).strict(),
  defaultSeed: z.number().int().min(0).max(0xffffffff),
  regions: z.array(z.object({ id, label: text(80) }).strict()).default([]),
  /** What a team can find out; investigations' evidence (and alerts, injects) reveal them. */
  leads: z.array(leadSchema).default([]),
  /** What findings can show; the diagnosis' `support` is written in these ids. */
  observations: z.array(observationSchema).default([]),
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
  /** The public status page, whose posts the debrief judges against what was true (docs/scoring.md). */
  statusPage: statusPageSchema.optional(),
  realTimeline: z.array(z.object({ at: hhmm, text: text(400), source: text(120) }).strict()).min(1),
  whatHappened: text(6000),
  lessons: z.array(lessonSchema).default([]),
  /** The facilitator's script, read to the room before the start (never shown to responders); `{start}`, `{end}`, `{duration}` come from `clock` (briefing-clock.ts). */
  briefing: z.object({ situation: text(1500), roles: text(1000), rules: text(1000), doNotReveal: text(1000) }).strict().optional(),
  /** Fictional names for disguised play (disguise-section.ts); without it a scenario cannot be run disguised. */
  disguise: disguiseSchema.optional(),
}).strict();

const KIND_OF_CATEGORY: Record<z.infer<typeof actionCategory>, ActionKind> = {
  communication: 'comms', capacity: 'capacity', containment: 'traffic', mitigation: 'traffic', remediation: 'config',
};

export const scenarioDataSchema = scenarioDataObject.superRefine((data, ctx) => {
  for (const p of data.briefing ? briefingProblems(data.briefing, data.clock) : []) ctx.addIssue({ code: 'custom', path: ['briefing', p.field], message: p.message });
}).transform((data) => ({
  ...data,
  briefing: data.briefing && fillBriefing(data.briefing, data.clock),
  actions: data.actions.map((a) => ({ ...a, kind: a.kind ?? KIND_OF_CATEGORY[a.category], workMinutes: a.workMinutes ?? a.delayMinutes })),
  diagnosis: withDiagnosisCatalogue(data.leads, data.diagnosis),
  scoring: {
    ...data.scoring,
    impact: data.scoring.impact.length > 0 ? data.scoring.impact : [{ signal: data.scoring.impactSignal, weight: 1, baseline: data.scoring.impactBaseline, op: 'above' as const }],
  },
}));
export type ScenarioData = z.output<typeof scenarioDataSchema>;

/**
 * A line on a team's feed that the world produces by itself: a customer report, a third-party
 * notice, or a page from a system the dashboards do not chart (`alert` / `alert-resolved`: an
 * alarm storm is many of them). A page carries its severity and a `rule` key that pairs its
 * FIRING and RESOLVED lines; keys must differ from the declared alert rules' ids.
 */
export type FeedItem =
  | { kind: 'customer-report' | 'notice'; title: string; text: string }
  | { kind: 'alert' | 'alert-resolved'; title: string; text: string; severity: 'critical' | 'warning' | 'info'; rule: string };

/** Evidence an investigation returns: text, and optionally a small table or series. */
export interface EvidenceBody {
  summary: string;
  detail: string;
  /** A table of rows (log lines, row counts…), rendered as-is. */
  table?: { columns: string[]; rows: (string | number)[][] };
  /** Lead ids this evidence reveals (recorded in the world, not shown as part of the evidence). */
  leads?: string[];
  /**
   * Observation ids (scenario.json `observations`) this evidence really shows, in its data, now.
   * Kept hidden on the finding: they decide whether a diagnosis citing it is supported.
   */
  shows?: string[];
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

/** One parameter's value: an enum option or text (string), a number, or the options picked of a `multi`. */
export type ParamValue = string | number | string[];
export type ParamValues = Record<string, ParamValue>;

/** What the engine asks a model's `investigate`: which tool, with which parameters, asked when. */
export interface InvestigationCall {
  id: string;
  params: ParamValues;
  /** When the team asked for it (sim seconds); the model's `ctx.t` is when it completes. */
  requestedAt: SimSeconds;
}

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
  /**
   * An investigation completes (after its declared duration): the evidence it uncovers. `ctx.t` is
   * the completion time and `requestedAt` when it was asked for, so the evidence can report what
   * its tool saw over the window it covered (a log query asked at 11:42 and done at 11:52 reports
   * 11:42–11:52), with times, rather than only the instant it finished.
   */
  investigate(model: M, investigation: InvestigationCall, ctx: ModelContext): EvidenceBody;
  truth(model: M, ctx: ModelContext): TruthReport;
}

export interface Scenario<M = unknown> {
  data: ScenarioData;
  model: ScenarioModel<M>;
}
