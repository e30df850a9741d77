import { advance, clock, createWorld, Rng, seedRng, validateParams, type ScenarioData, type ScenarioModel } from '../engine/index.ts';
import type { ScenarioProblem } from './scenario-problems.ts';

/** Checks zod cannot express: unique ids, references between sections, times inside the window. */
export function checkReferences(data: ScenarioData, file: string): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const fail = (field: string, message: string) => problems.push({ file, field, message });

  const unique = (section: string, ids: string[]) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) fail(`${section}[${i}].id`, `duplicate id "${id}"`);
      seen.add(id);
    });
    return seen;
  };
  const signals = unique('signals', data.signals.map((s) => s.id));
  unique('alerts', data.alerts.map((a) => a.id));
  const investigations = unique('investigations', data.investigations.map((i) => i.id));
  const actions = unique('actions', data.actions.map((a) => a.id));
  const markers = unique('markers', data.markers.map((m) => m.id));
  unique('metrics', data.metrics.map((m) => m.id));
  unique('milestones', data.milestones.map((m) => m.id));
  unique('injects', data.injects.map((m) => m.id));
  unique('lessons', data.lessons.map((m) => m.id));
  const triggers = unique('diagnosis.triggers', data.diagnosis.triggers.map((o) => o.id));
  const mechanisms = unique('diagnosis.mechanisms', data.diagnosis.mechanisms.map((o) => o.id));

  const start = clock(data.clock.start);
  const end = clock(data.clock.end);
  if (end <= start) fail('clock.end', `must be after clock.start (${data.clock.start})`);
  if (data.clock.sampleSeconds % data.clock.stepSeconds !== 0) fail('clock.sampleSeconds', 'must be a multiple of clock.stepSeconds');
  if (start % data.clock.sampleSeconds !== 0) fail('clock.start', 'must fall on the sample grid (a multiple of clock.sampleSeconds)');
  const inWindow = (field: string, at: string) => {
    const t = clock(at);
    if (t < start || t > end) fail(field, `${at} is outside the clock window ${data.clock.start}–${data.clock.end}`);
  };

  data.alerts.forEach((a, i) => { if (!signals.has(a.signal)) fail(`alerts[${i}].signal`, `unknown signal "${a.signal}"`); });
  data.metrics.forEach((m, i) => { if (!signals.has(m.signal)) fail(`metrics[${i}].signal`, `unknown signal "${m.signal}"`); });
  if (!signals.has(data.scoring.impactSignal)) fail('scoring.impactSignal', `unknown signal "${data.scoring.impactSignal}"`);
  data.scoring.actionPenalties.forEach((p, i) => { if (!actions.has(p.action)) fail(`scoring.actionPenalties[${i}].action`, `unknown action "${p.action}"`); });

  data.markers.forEach((m, i) => {
    if (!signals.has(m.signal)) fail(`markers[${i}].signal`, `unknown signal "${m.signal}"`);
    if (m.after && !markers.has(m.after)) fail(`markers[${i}].after`, `unknown marker "${m.after}"`);
    if (m.after === m.id) fail(`markers[${i}].after`, 'a marker cannot follow itself');
    if (m.notBefore) inWindow(`markers[${i}].notBefore`, m.notBefore);
  });
  const cycle = findMarkerCycle(data);
  if (cycle) fail('markers', `"after" forms a cycle: ${cycle.join(' → ')}`);

  data.milestones.forEach((m, i) => {
    if (m.source.kind === 'marker' && !markers.has(m.source.marker)) fail(`milestones[${i}].source.marker`, `unknown marker "${m.source.marker}"`);
    if (m.source.kind === 'first-action-category' && !data.actions.some((a) => a.category === (m.source as { category: string }).category)) {
      fail(`milestones[${i}].source.category`, `no action has category "${m.source.category}"`);
    }
  });

  if (!triggers.has(data.diagnosis.correct.trigger)) fail('diagnosis.correct.trigger', `unknown trigger "${data.diagnosis.correct.trigger}"`);
  if (!mechanisms.has(data.diagnosis.correct.mechanism)) fail('diagnosis.correct.mechanism', `unknown mechanism "${data.diagnosis.correct.mechanism}"`);

  data.injects.forEach((inj, i) => { if (inj.at) inWindow(`injects[${i}].at`, inj.at); });
  data.realTimeline.forEach((r, i) => {
    if (clock(r.at) < start - 3600 || clock(r.at) > end + 6 * 3600) fail(`realTimeline[${i}].at`, `${r.at} is far outside the clock window`);
  });

  data.referencePlan.forEach((step, i) => {
    const field = `referencePlan[${i}]`;
    inWindow(`${field}.at`, step.at);
    if ('action' in step) {
      const spec = data.actions.find((a) => a.id === step.action);
      if (!spec) return fail(`${field}.action`, `unknown action "${step.action}"`);
      const checked = validateParams(spec.params, step.params, `action ${spec.id}`);
      if (!checked.ok) fail(`${field}.params`, checked.error);
    } else if ('investigate' in step) {
      const spec = data.investigations.find((a) => a.id === step.investigate);
      if (!spec) return fail(`${field}.investigate`, `unknown investigation "${step.investigate}"`);
      const checked = validateParams(spec.params, step.params, `investigation ${spec.id}`);
      if (!checked.ok) fail(`${field}.params`, checked.error);
    } else {
      if (!triggers.has(step.diagnose.trigger)) fail(`${field}.diagnose.trigger`, `unknown trigger "${step.diagnose.trigger}"`);
      if (!mechanisms.has(step.diagnose.mechanism)) fail(`${field}.diagnose.mechanism`, `unknown mechanism "${step.diagnose.mechanism}"`);
    }
  });

  data.lessons.forEach((l, i) => {
    l.relatesTo.actions.forEach((a, j) => { if (!actions.has(a)) fail(`lessons[${i}].relatesTo.actions[${j}]`, `unknown action "${a}"`); });
    l.relatesTo.investigations.forEach((a, j) => { if (!investigations.has(a)) fail(`lessons[${i}].relatesTo.investigations[${j}]`, `unknown investigation "${a}"`); });
  });
  return problems;
}

function findMarkerCycle(data: ScenarioData): string[] | null {
  const after = new Map(data.markers.map((m) => [m.id, m.after]));
  for (const m of data.markers) {
    const path = [m.id];
    let cur = m.after;
    while (cur) {
      if (path.includes(cur)) return [...path, cur];
      path.push(cur);
      cur = after.get(cur);
    }
  }
  return null;
}

const MODEL_FUNCTIONS = ['init', 'step', 'signals', 'act', 'investigate', 'truth'] as const;

/** The model module must export `model` with every function, and survive a short smoke run. */
export function checkModel(data: ScenarioData, candidate: unknown, file: string): ScenarioProblem[] {
  if (typeof candidate !== 'object' || candidate === null) {
    return [{ file, field: 'model', message: 'must export `model`, an object implementing ScenarioModel' }];
  }
  const record = candidate as Record<string, unknown>;
  const missing = MODEL_FUNCTIONS.filter((f) => typeof record[f] !== 'function');
  if (missing.length > 0) return [{ file, field: 'model', message: `missing function(s): ${missing.join(', ')}` }];
  const model = candidate as ScenarioModel;
  try {
    // A few sim minutes with the default seed: catches a model that throws or returns nonsense.
    const scenario = { data, model };
    const world = advance(scenario, createWorld(scenario, data.defaultSeed), clock(data.clock.start) + 10 * 60);
    const last = world.samples[world.samples.length - 1];
    const raw = model.signals(world.model, { t: world.t, rng: new Rng(seedRng(0)), data });
    const bad = data.signals.filter((s) => typeof raw[s.id] !== 'number' || !Number.isFinite(raw[s.id]));
    if (bad.length > 0) return [{ file, field: 'model.signals', message: `no finite value for signal(s): ${bad.map((s) => s.id).join(', ')}` }];
    if (!last) return [{ file, field: 'model', message: 'produced no samples' }];
  } catch (err) {
    return [{ file, field: 'model', message: `threw during a smoke run: ${err instanceof Error ? err.message : String(err)}` }];
  }
  return [];
}
