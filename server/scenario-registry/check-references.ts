import { clock, validateParams, type ParamSpec, type Requires, type ScenarioData } from '../engine/index.ts';
import type { ScenarioProblem } from './scenario-problems.ts';
import { checkParamDefaults, checkScoring } from './check-scoring.ts';

/** Every lead id named in a `requires`, an alert or an inject must be declared in `leads`. */
function checkLeadReferences(data: ScenarioData, leads: Set<string>, fail: (field: string, message: string) => void): void {
  const known = (field: string, ids: readonly string[]) => ids.forEach((id, j) => { if (!leads.has(id)) fail(`${field}[${j}]`, `unknown lead "${id}"`); });
  const requires = (field: string, r: Requires | undefined) => {
    if (r?.anyOf) known(`${field}.requires.anyOf`, r.anyOf);
    if (r?.allOf) known(`${field}.requires.allOf`, r.allOf);
  };
  const withParams = (section: string, list: readonly { requires?: Requires; params: ParamSpec[] }[]) => list.forEach((spec, i) => {
    requires(`${section}[${i}]`, spec.requires);
    spec.params.forEach((p, k) => { if (p.type === 'enum') p.options.forEach((o, j) => requires(`${section}[${i}].params[${k}].options[${j}]`, o.requires)); });
  });
  withParams('investigations', data.investigations);
  withParams('actions', data.actions);
  data.diagnosis.triggers.forEach((o, i) => requires(`diagnosis.triggers[${i}]`, o.requires));
  data.alerts.forEach((a, i) => known(`alerts[${i}].leads`, a.leads));
  data.injects.forEach((a, i) => known(`injects[${i}].leads`, a.leads));
}

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
  unique('regions', data.regions.map((r) => r.id));
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
  const leads = unique('leads', data.leads.map((l) => l.id));
  checkLeadReferences(data, leads, fail);

  const [year, month, day] = data.date.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) fail('date', `${data.date} is not a calendar date`);

  data.investigations.forEach((inv, i) => checkParams(inv.params, `investigations[${i}].params`, fail));
  data.actions.forEach((a, i) => checkParams(a.params, `actions[${i}].params`, fail));

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
  checkScoring(data, fail);

  data.markers.forEach((m, i) => {
    if (!signals.has(m.signal)) fail(`markers[${i}].signal`, `unknown signal "${m.signal}"`);
    if (m.after && !markers.has(m.after)) fail(`markers[${i}].after`, `unknown marker "${m.after}"`);
    if (m.after === m.id) fail(`markers[${i}].after`, 'a marker cannot follow itself');
    if (m.holdsUntil && m.holdsUntil !== 'end' && !markers.has(m.holdsUntil)) fail(`markers[${i}].holdsUntil`, `unknown marker "${m.holdsUntil}" (or "end")`);
    if (m.holdsUntil === m.id) fail(`markers[${i}].holdsUntil`, 'a marker cannot hold until itself');
    if (m.notBefore) inWindow(`markers[${i}].notBefore`, m.notBefore);
  });
  const cycle = findMarkerCycle(data);
  if (cycle) fail('markers', `"after"/"holdsUntil" form a cycle: ${cycle.join(' → ')}`);

  data.milestones.forEach((m, i) => {
    if (m.source.kind === 'marker' && !markers.has(m.source.marker)) fail(`milestones[${i}].source.marker`, `unknown marker "${m.source.marker}"`);
    const categories = new Set(data.actions.flatMap((a) => [a.category, ...a.params.flatMap((p) => (p.type === 'enum' ? p.options.flatMap((o) => o.category ?? []) : []))]));
    if (m.source.kind === 'first-action-category' && !categories.has(m.source.category)) {
      fail(`milestones[${i}].source.category`, `no action has category "${m.source.category}"`);
    }
  });

  if (!triggers.has(data.diagnosis.correct.trigger)) fail('diagnosis.correct.trigger', `unknown trigger "${data.diagnosis.correct.trigger}"`);
  if (!mechanisms.has(data.diagnosis.correct.mechanism)) fail('diagnosis.correct.mechanism', `unknown mechanism "${data.diagnosis.correct.mechanism}"`);
  const components = new Set(data.diagnosis.components.map((o) => o.id));
  data.diagnosis.correct.component?.forEach((c, i) => {
    if (!components.has(c)) fail(`diagnosis.correct.component[${i}]`, `"${c}" is not a lead of kind component, artefact, pipeline or service`);
  });
  const observations = unique('observations', data.observations.map((o) => o.id));
  for (const [part, requires] of Object.entries(data.diagnosis.support)) {
    for (const key of ['anyOf', 'allOf'] as const) {
      requires?.[key]?.forEach((o, j) => { if (!observations.has(o)) fail(`diagnosis.support.${part}.${key}[${j}]`, `unknown observation "${o}" (declare it in observations)`); });
    }
  }
  if (data.diagnosis.support.component && !data.diagnosis.correct.component) fail('diagnosis.support.component', 'support for a component part, but diagnosis.correct names no component');

  const alerts = new Set(data.alerts.map((a) => a.id));
  data.injects.forEach((inj, i) => {
    if (inj.at) inWindow(`injects[${i}].at`, inj.at);
    if (inj.onlyAfter && !inj.at) fail(`injects[${i}].onlyAfter`, 'only a timed inject (with "at") can wait for a symptom');
    if (inj.onlyAfter && !alerts.has(inj.onlyAfter) && !markers.has(inj.onlyAfter)) fail(`injects[${i}].onlyAfter`, `unknown alert or marker "${inj.onlyAfter}"`);
    if (inj.skipTo) {
      inWindow(`injects[${i}].skipTo`, inj.skipTo);
      if (inj.at) fail(`injects[${i}].skipTo`, 'only a library inject (without "at") can move the clock: the facilitator sends it');
    }
  });
  // Real times may fall a little outside the window (a cause before it, a resolution after it).
  const nearWindow = (field: string, at: string) => {
    if (clock(at) < start - 3600 || clock(at) > end + 6 * 3600) fail(field, `${at} is far outside the clock window ${data.clock.start}–${data.clock.end}`);
  };
  data.realTimeline.forEach((r, i) => {
    nearWindow(`realTimeline[${i}].at`, r.at);
    if (i > 0 && clock(r.at) < clock(data.realTimeline[i - 1]!.at)) fail(`realTimeline[${i}].at`, `${r.at} comes before the previous entry (${data.realTimeline[i - 1]!.at}): keep the timeline in time order`);
  });
  data.markers.forEach((m, i) => { if (m.real) nearWindow(`markers[${i}].real`, m.real); });
  data.milestones.forEach((m, i) => nearWindow(`milestones[${i}].real`, m.real));

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
      if (step.diagnose.component !== undefined && !components.has(step.diagnose.component)) fail(`${field}.diagnose.component`, `unknown component "${step.diagnose.component}"`);
      if (!triggers.has(step.diagnose.trigger)) fail(`${field}.diagnose.trigger`, `unknown trigger "${step.diagnose.trigger}"`);
      if (!mechanisms.has(step.diagnose.mechanism)) fail(`${field}.diagnose.mechanism`, `unknown mechanism "${step.diagnose.mechanism}"`);
    }
  });

  data.lessons.forEach((l, i) => {
    l.relatesTo.actions.forEach((a, j) => { if (!actions.has(a.split(':')[0]!)) fail(`lessons[${i}].relatesTo.actions[${j}]`, `unknown action "${a}"`); });
    l.relatesTo.investigations.forEach((a, j) => { if (!investigations.has(a)) fail(`lessons[${i}].relatesTo.investigations[${j}]`, `unknown investigation "${a}"`); });
  });
  return problems;
}

/** Parameter names unique, enum values unique, number ranges not empty. */
function checkParams(specs: readonly ParamSpec[], field: string, fail: (field: string, message: string) => void): void {
  const names = new Set<string>();
  specs.forEach((p, i) => {
    if (names.has(p.name)) fail(`${field}[${i}].name`, `duplicate parameter "${p.name}"`);
    names.add(p.name);
    if (p.type === 'number' && p.min > p.max) fail(`${field}[${i}].max`, `max (${p.max}) is below min (${p.min})`);
    checkParamDefaults(p, `${field}[${i}]`, fail);
    if (p.type === 'enum' || p.type === 'multi') {
      const values = new Set<string>();
      p.options.forEach((o, j) => {
        if (values.has(o.value)) fail(`${field}[${i}].options[${j}].value`, `duplicate option "${o.value}"`);
        values.add(o.value);
      });
    }
  });
}

function findMarkerCycle(data: ScenarioData): string[] | null {
  const deps = new Map(data.markers.map((m) => [m.id, [m.after, m.holdsUntil].filter((d): d is string => !!d && d !== 'end')]));
  const visit = (id: string, path: string[]): string[] | null => {
    if (path.includes(id)) return [...path, id];
    for (const d of deps.get(id) ?? []) {
      const cycle = visit(d, [...path, id]);
      if (cycle) return cycle;
    }
    return null;
  };
  for (const m of data.markers) {
    const cycle = visit(m.id, []);
    if (cycle) return cycle;
  }
  return null;
}
