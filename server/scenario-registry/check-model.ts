/**
 * The model module must export `model` with every function, and behave: a smoke run of the whole
 * reference plan, with every output checked (finite signals, text outcomes, well-formed evidence,
 * plain-JSON state), run twice to prove it deterministic, plus one call of every action and
 * investigation halfway through. A broken model is refused at load instead of failing mid-session.
 */
import {
  clock, DEFAULT_RESPONDERS, formatClockSeconds, planToCommands, Rng, runCommands, runPlan, seedRng,
  type ActionSpec, type EvidenceBody, type FeedItem, type InvestigationSpec, type ParamValues, type ScenarioData, type ScenarioModel,
} from '../engine/index.ts';
import type { ScenarioProblem } from './scenario-problems.ts';

const MODEL_FUNCTIONS = ['init', 'step', 'signals', 'act', 'investigate', 'truth'] as const;

/** Thrown from inside the wrapped model: names the function and what was wrong with its output. */
class ModelFault extends Error {
  constructor(readonly field: string, message: string) { super(message); }
}

const isText = (v: unknown): v is string => typeof v === 'string';

function checkLeads(leads: unknown, data: ScenarioData): string | null {
  if (leads === undefined) return null;
  if (!Array.isArray(leads) || !leads.every(isText)) return 'leads must be a list of lead ids';
  const unknown = leads.find((id) => !data.leads.some((l) => l.id === id));
  return unknown === undefined ? null : `names unknown lead "${unknown}" (declare it in scenario.json leads)`;
}

function checkEvidence(e: unknown, data: ScenarioData): string | null {
  if (typeof e !== 'object' || e === null) return 'must return evidence { summary, detail, table? }';
  const body = e as Partial<EvidenceBody>;
  const leadProblem = checkLeads(body.leads, data);
  if (leadProblem) return `evidence.${leadProblem}`;
  if (body.shows !== undefined) {
    if (!Array.isArray(body.shows) || !body.shows.every(isText)) return 'evidence.shows must be a list of observation ids';
    const unknown = body.shows.find((id) => !data.observations.some((o) => o.id === id));
    if (unknown !== undefined) return `evidence.shows names unknown observation "${unknown}" (declare it in scenario.json observations)`;
  }
  if (!isText(body.summary) || body.summary.length === 0) return 'evidence.summary must be non-empty text';
  if (!isText(body.detail)) return 'evidence.detail must be text';
  if (body.table !== undefined) {
    const { columns, rows } = body.table;
    if (!Array.isArray(columns) || !columns.every(isText)) return 'evidence.table.columns must be a list of text';
    const bad = Array.isArray(rows) ? rows.findIndex((r) => !Array.isArray(r) || r.length !== columns.length || !r.every((c) => isText(c) || Number.isFinite(c))) : 0;
    if (bad >= 0) return `evidence.table.rows[${bad}] must have ${columns.length} cells of text or finite numbers`;
  }
  return null;
}

/** A feed item a model emits: a known kind with text; a page needs a severity and a rule key of its own. */
function checkFeedItem(item: FeedItem, data: ScenarioData): string | null {
  if (!['customer-report', 'notice', 'alert', 'alert-resolved'].includes(item.kind)) return `unknown feed kind "${String(item.kind)}"`;
  if (!isText(item.title) || item.title.length === 0 || !isText(item.text)) return 'a feed item needs a title and a text';
  if (item.kind === 'alert' || item.kind === 'alert-resolved') {
    if (!['critical', 'warning', 'info'].includes(item.severity)) return `page "${item.title}" has no severity (critical, warning or info)`;
    if (!isText(item.rule) || item.rule.length === 0) return `page "${item.title}" has no rule key`;
    if (data.alerts.some((a) => a.id === item.rule)) return `page rule key "${item.rule}" is the id of a declared alert rule: give model pages keys of their own`;
  }
  return null;
}

/** Plain JSON all the way down: the engine clones and compares state with JSON, so nothing else survives. */
function isPlainJson(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isPlainJson(v, depth + 1));
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((v) => isPlainJson(v, depth + 1));
}

/** Run one model function; an exception becomes a fault naming the function and the sim time. */
function guard<R>(field: string, t: number, fn: () => R): R {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ModelFault) throw err;
    throw new ModelFault(field, `threw at ${formatClockSeconds(t)}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The model with every output checked; a fault names the function and the sim time. */
function checked(model: ScenarioModel, data: ScenarioData): ScenarioModel {
  const at = (t: number) => ` (at ${formatClockSeconds(t)})`;
  return {
    init(ctx) {
      const m = guard('model.init', ctx.t, () => model.init(ctx));
      if (m === undefined || !isPlainJson(m)) throw new ModelFault('model.init', 'must return plain JSON state (no functions, Maps, undefined or NaN)');
      return m;
    },
    step(m, ctx) {
      const emit: typeof ctx.emit = (item) => {
        const problem = checkFeedItem(item, data);
        if (problem) throw new ModelFault('model.step', `emit: ${problem}${at(ctx.t)}`);
        ctx.emit(item);
      };
      const next = guard('model.step', ctx.t, () => model.step(m, { ...ctx, emit }));
      if (next === undefined) throw new ModelFault('model.step', `returned no state${at(ctx.t)}`);
      return next;
    },
    signals(m, ctx) {
      const values = guard('model.signals', ctx.t, () => model.signals(m, ctx));
      const bad = data.signals.filter((s) => typeof values?.[s.id] !== 'number' || !Number.isFinite(values[s.id]));
      if (bad.length > 0) throw new ModelFault('model.signals', `no finite value for signal(s) ${bad.map((s) => s.id).join(', ')}${at(ctx.t)}`);
      return values;
    },
    act(m, action, ctx) {
      const field = `model.act(${action.id})`;
      const result = guard(field, ctx.t, () => model.act(m, action, ctx));
      if (!result || !isText(result.outcome) || result.model === undefined) throw new ModelFault(field, `must return { model, outcome: text }${at(ctx.t)}`);
      const leadProblem = checkLeads(result.leads, data);
      if (leadProblem) throw new ModelFault(field, `${leadProblem}${at(ctx.t)}`);
      return result;
    },
    investigate(m, inv, ctx) {
      const field = `model.investigate(${inv.id})`;
      const evidence = guard(field, ctx.t, () => model.investigate(m, inv, ctx));
      const problem = checkEvidence(evidence, data);
      if (problem) throw new ModelFault(field, `${problem}${at(ctx.t)}`);
      return evidence;
    },
    truth(m, ctx) {
      const report = guard('model.truth', ctx.t, () => model.truth(m, ctx));
      if (!report || !isText(report.headline) || !Array.isArray(report.facts)) throw new ModelFault('model.truth', 'must return { headline, facts }');
      return report;
    },
  };
}

/** Each enum option (the others at their first value), so every branch of evidence code runs once. */
function sampleParams(specs: ActionSpec['params'] | InvestigationSpec['params']): ParamValues[] {
  const first: ParamValues = {};
  for (const s of specs) first[s.name] = s.type === 'enum' ? s.options[0]!.value : s.type === 'number' ? s.min : 'smoke test';
  const variants = [first];
  for (const s of specs) {
    if (s.type !== 'enum') continue;
    for (const o of s.options.slice(1)) variants.push({ ...first, [s.name]: o.value });
  }
  return variants;
}

/** The module exports `model` with every function (cheap: checked on every load, remembered or not). */
export function modelShapeProblems(candidate: unknown, file: string): ScenarioProblem[] {
  if (typeof candidate !== 'object' || candidate === null) {
    return [{ file, field: 'model', message: 'must export `model`, an object implementing ScenarioModel' }];
  }
  const record = candidate as Record<string, unknown>;
  const missing = MODEL_FUNCTIONS.filter((f) => typeof record[f] !== 'function');
  return missing.length > 0 ? [{ file, field: 'model', message: `missing function(s): ${missing.join(', ')}` }] : [];
}

export function checkModel(data: ScenarioData, candidate: unknown, file: string): ScenarioProblem[] {
  const shape = modelShapeProblems(candidate, file);
  if (shape.length > 0) return shape;

  const scenario = { data, model: checked(candidate as ScenarioModel, data) };
  let stage = 'the reference plan run';
  try {
    const first = runPlan(scenario, data.defaultSeed, data.referencePlan).world;
    stage = 'a second reference plan run';
    const second = runPlan(scenario, data.defaultSeed, data.referencePlan).world;
    if (JSON.stringify(first) !== JSON.stringify(second)) {
      return [{ file, field: 'model', message: 'is not deterministic: two runs with the same seed and plan differ (use ctx.rng and ctx.t, never Math.random or Date)' }];
    }
    if (first.samples.length < 2) return [{ file, field: 'model', message: 'produced fewer than two samples over the whole window' }];
    stage = 'every action and investigation at mid-window';
    const mid = Math.round((clock(data.clock.start) + clock(data.clock.end)) / 2);
    const world = runCommands(scenario, data.defaultSeed, planToCommands(data.referencePlan), mid, { responders: DEFAULT_RESPONDERS }).world;
    const ctx = { t: world.t, rng: new Rng(seedRng(data.defaultSeed)), data };
    scenario.model.truth(world.model, ctx);
    for (const a of data.actions) for (const params of sampleParams(a.params)) scenario.model.act(world.model, { id: a.id, params }, ctx);
    // Each asked its duration ago, as a team would have: the evidence covers that window.
    for (const i of data.investigations) {
      for (const params of sampleParams(i.params)) scenario.model.investigate(world.model, { id: i.id, params, requestedAt: world.t - i.durationMinutes * 60 }, ctx);
    }
  } catch (err) {
    if (err instanceof ModelFault) return [{ file, field: err.field, message: err.message }];
    return [{ file, field: 'model', message: `threw during ${stage}: ${err instanceof Error ? err.message : String(err)}` }];
  }
  return [];
}
