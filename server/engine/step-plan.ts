/**
 * What the step loop needs from a scenario, worked out once per scenario instead of once per step:
 * times parsed, signal ids in order, each alert's signal label and unit, and a sample template.
 * Derived from the (immutable) scenario data only, so caching it by that object is pure.
 */
import type { AlertRule, InjectSpec, ScenarioData, SignalSpec } from './scenario-definition.ts';
import { clock, type SimSeconds } from './sim-time.ts';

export interface TimedInject {
  spec: InjectSpec;
  at: SimSeconds;
}

export interface PlannedAlert {
  rule: AlertRule;
  /** Index of the rule's signal in signal order (-1: not declared, read as 0). */
  signal: number;
  label: string;
  unit: SignalSpec['unit'];
}

export interface StepPlan {
  start: SimSeconds;
  end: SimSeconds;
  stepSeconds: number;
  sampleSeconds: number;
  signalIds: readonly string[];
  /**
   * A sample's values from the model's raw signals: every declared signal, in declared order,
   * rounded. The same numbers go into `row` by signal index, for the alert rules to read.
   */
  sampleValues: (raw: Readonly<Record<string, unknown>>, row: Float64Array) => Record<string, number>;
  /** Scratch space for one sample's values by signal index (the step loop is synchronous: one in use at a time). */
  scratchRow: Float64Array;
  alerts: readonly PlannedAlert[];
  /** Injects that arrive by themselves, in declared order (the order they reach the feed in one step). */
  timedInjects: readonly TimedInject[];
  /** Lead ids the scenario declares. */
  leadIds: ReadonlySet<string>;
}

const plans = new WeakMap<ScenarioData, StepPlan>();

export function stepPlan(data: ScenarioData): StepPlan {
  let plan = plans.get(data);
  if (!plan) {
    plan = buildPlan(data);
    plans.set(data, plan);
  }
  return plan;
}

function buildPlan(data: ScenarioData): StepPlan {
  const signal = (id: string) => data.signals.find((s) => s.id === id);
  return {
    start: clock(data.clock.start),
    end: clock(data.clock.end),
    stepSeconds: data.clock.stepSeconds,
    sampleSeconds: data.clock.sampleSeconds,
    signalIds: data.signals.map((s) => s.id),
    sampleValues: valuesBuilder(data.signals.map((s) => s.id)),
    scratchRow: new Float64Array(data.signals.length),
    alerts: data.alerts.map((rule) => ({ rule, signal: data.signals.findIndex((s) => s.id === rule.signal), label: signal(rule.signal)?.label ?? rule.signal, unit: signal(rule.signal)?.unit ?? 'count' })),
    timedInjects: data.injects.flatMap((spec) => (spec.at ? [{ spec, at: clock(spec.at) }] : [])),
    leadIds: new Set(data.leads.map((l) => l.id)),
  };
}

/** Round to 4 decimals: keeps payloads small and JSON byte-identical across runs; a missing or non-finite value is 0. */
export const roundSignal = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : 0);

/**
 * The one hot allocation of a run (a sample per step), written as an object literal over the
 * scenario's signal ids: every sample then has one fixed shape and each field is a named load and
 * store. Filling an object key by key from a loop is several times slower, and past a dozen keys
 * V8 turns such an object into a dictionary. Ids are safe to embed: the schema allows only
 * [a-z0-9_-], and each is quoted by JSON.stringify.
 */
function valuesBuilder(ids: readonly string[]): StepPlan['sampleValues'] {
  const reads = ids.map((id, i) => `const v${i} = round(raw[${JSON.stringify(id)}]); row[${i}] = v${i};`).join('\n');
  const fields = ids.map((id, i) => `${JSON.stringify(id)}: v${i}`).join(', ');
  const build = new Function('round', `return (raw, row) => {\n${reads}\nreturn { ${fields} };\n};`) as (round: typeof roundSignal) => StepPlan['sampleValues'];
  return build(roundSignal);
}
