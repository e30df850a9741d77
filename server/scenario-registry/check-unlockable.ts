/**
 * In realistic mode a tool is offered only once the team's leads unlock it. A scenario whose
 * reference plan (or correct diagnosis) needs a tool that nothing can ever unlock could never be
 * solved by discovery, so it is refused at load, naming the tool and the missing lead.
 *
 * "Can be revealed" is found by running: alert and inject leads, plus every lead any investigation
 * (each enum option) returns on the reference run's state every half hour, plus what actions reveal
 * along the reference run. Then the reference plan is replayed as a team: an entry used before its
 * leads are found is refused too.
 */
import {
  advance, apply, clock, createWorld, formatClock, lockedBecause, missingLeads, planToCommands, playTo, Rng, seedRng,
  type Command, type ParamSpec, type ParamValues, type Requires, type Scenario,
} from '../engine/index.ts';
import type { ScenarioProblem } from './scenario-problems.ts';

const PROBE_EVERY_SECONDS = 30 * 60;

function optionValues(params: readonly ParamSpec[]): { name: string; value: string }[] {
  return params.flatMap((p) => (p.type === 'enum' ? p.options.map((o) => ({ name: p.name, value: o.value })) : []));
}

/** Every lead some evidence, alert, inject or action can reveal over the reference run. */
export function revealableLeads(scenario: Scenario): Set<string> {
  const { data, model } = scenario;
  const found = new Set<string>([...data.alerts.flatMap((a) => a.leads), ...data.injects.flatMap((i) => i.leads)]);
  const probe = (state: unknown, t: number) => {
    const ctx = { t, rng: new Rng(seedRng(data.defaultSeed)), data };
    for (const inv of data.investigations) {
      const first = Object.fromEntries(inv.params.map((p) => [p.name, p.type === 'enum' ? p.options[0]!.value : p.type === 'number' ? p.min : 'probe']));
      const variants = [first, ...optionValues(inv.params).map(({ name, value }) => ({ ...first, [name]: value }))];
      // Asked its duration before the probe, so the evidence covers that window.
      const requestedAt = t - inv.durationMinutes * 60;
      for (const params of variants) for (const id of model.investigate(state, { id: inv.id, params, requestedAt }, ctx).leads ?? []) found.add(id);
    }
  };
  // Guided, so that every reference entry applies and its actions shape the states probed.
  let world = createWorld(scenario, data.defaultSeed, { mode: 'guided' });
  const commands = planToCommands(data.referencePlan);
  let next = 0;
  for (let t = clock(data.clock.start); t <= clock(data.clock.end); t += PROBE_EVERY_SECONDS) {
    ({ world, next } = playTo(scenario, world, commands, next, t));
    probe(world.model, world.t);
  }
  for (const l of world.leads) found.add(l.id);
  return found;
}

/** The `requires` a command depends on: the tool's, and those of the enum options or diagnosis options it picks. */
function requiresOf(scenario: Scenario, command: Command): { tool: string; requires: Requires | undefined }[] {
  const { data } = scenario;
  const withOptions = (kind: string, spec: { id: string; requires?: Requires; params: ParamSpec[] } | undefined, params: ParamValues = {}) => {
    if (!spec) return [];
    const options = spec.params.flatMap((p) => (p.type === 'enum' ? p.options.filter((o) => o.value === params[p.name]).map((o) => ({ tool: `${kind} ${spec.id} option ${p.name}=${o.value}`, requires: o.requires })) : []));
    return [{ tool: `${kind} ${spec.id}`, requires: spec.requires }, ...options];
  };
  switch (command.type) {
    case 'act': return withOptions('action', data.actions.find((a) => a.id === command.action), command.params);
    case 'investigate': return withOptions('investigation', data.investigations.find((i) => i.id === command.investigation), command.params);
    case 'cancel': return [];
    case 'diagnose': return [
      { tool: `diagnosis trigger ${command.trigger}`, requires: data.diagnosis.triggers.find((o) => o.id === command.trigger)?.requires },
      ...(command.component === undefined ? [] : [{ tool: `diagnosis component ${command.component}`, requires: data.diagnosis.components.find((o) => o.id === command.component)?.requires }]),
      { tool: `diagnosis mechanism ${command.mechanism}`, requires: data.diagnosis.mechanisms.find((o) => o.id === command.mechanism)?.requires },
    ];
    case 'inject': return [];
  }
}

export function checkUnlockable(scenario: Scenario, file: string): ScenarioProblem[] {
  const { data } = scenario;
  const reachable = revealableLeads(scenario);
  const problems: ScenarioProblem[] = [];
  const never = (field: string, needs: { tool: string; requires: Requires | undefined }[]) => {
    for (const { tool, requires } of needs) {
      const missing = missingLeads(requires, reachable);
      if (missing.length > 0) {
        problems.push({ file, field, message: `${tool} can never be unlocked: it needs lead ${missing.join(', ')}, which no evidence, alert, inject or action reveals` });
      }
    }
  };
  data.referencePlan.forEach((step, i) => never(`referencePlan[${i}]`, requiresOf(scenario, planToCommands([step])[0]!.command)));
  never('diagnosis.correct', requiresOf(scenario, { type: 'diagnose', trigger: data.diagnosis.correct.trigger, mechanism: data.diagnosis.correct.mechanism }));
  if (problems.length > 0) return problems;

  // Reachable in principle; now in time: the real responders' plan, played as a team would.
  const commands = planToCommands(data.referencePlan);
  const indexOf = data.referencePlan.map((step, i) => ({ i, at: clock(step.at) })).sort((a, b) => a.at - b.at || a.i - b.i).map((x) => x.i);
  let world = createWorld(scenario, data.defaultSeed);
  commands.forEach(({ at, command }, k) => {
    world = advance(scenario, world, at);
    const needs = lockedBecause(scenario, world, command);
    const r = apply(scenario, world, command);
    if (r.ok) world = r.world;
    else if (needs) problems.push({ file, field: `referencePlan[${indexOf[k]}]`, message: `is used at ${formatClock(at)} before it is unlocked: it needs lead ${needs.join(', ')} first` });
  });
  return problems;
}
