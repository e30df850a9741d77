/**
 * Checks of the scoring-owned sections that zod cannot express (docs/scoring.md,
 * docs/authoring-scenarios.md): every signal, action, option, marker and observation they name
 * exists; a status post says its state and components the way the status page can judge them.
 */
import { STATUS_STATES, type ParamSpec, type Requires, type ScenarioData } from '../engine/index.ts';

type Fail = (field: string, message: string) => void;

/** A parameter's `default` must be one of its options (a `multi`'s: some of them, once each). */
export function checkParamDefaults(p: ParamSpec, field: string, fail: Fail): void {
  if (p.type !== 'enum' && p.type !== 'multi') return;
  if (p.default === undefined) return;
  const values = new Set(p.options.map((o) => o.value));
  const given = Array.isArray(p.default) ? p.default : [p.default];
  given.forEach((v) => { if (!values.has(v)) fail(`${field}.default`, `"${v}" is not one of its options`); });
  if (new Set(given).size !== given.length) fail(`${field}.default`, 'names an option twice');
}

export function checkScoring(data: ScenarioData, fail: Fail): void {
  const signals = new Set(data.signals.map((s) => s.id));
  const markers = new Set(data.markers.map((m) => m.id));
  const observations = new Set(data.observations.map((o) => o.id));
  const known = (field: string, set: ReadonlySet<string>, id: string, what: string) => { if (!set.has(id)) fail(field, `unknown ${what} "${id}"`); };
  const requires = (field: string, r: Requires | undefined) => {
    for (const key of ['anyOf', 'allOf'] as const) r?.[key]?.forEach((o, j) => known(`${field}.${key}[${j}]`, observations, o, 'observation'));
  };

  data.scoring.impact.forEach((s, i) => known(`scoring.impact[${i}].signal`, signals, s.signal, 'signal'));
  data.scoring.actionPenalties.forEach((p, i) => {
    const field = `scoring.actionPenalties[${i}]`;
    const action = data.actions.find((a) => a.id === p.action);
    if (!action) return fail(`${field}.action`, `unknown action "${p.action}"`);
    if (p.option !== undefined && !action.params.some((x) => x.type === 'enum' && x.options.some((o) => o.value === p.option))) {
      fail(`${field}.option`, `action ${p.action} has no option "${p.option}"`);
    }
    p.unless?.after?.forEach((ref, j) => {
      const [id, option] = ref.split(':') as [string, string | undefined];
      const other = data.actions.find((a) => a.id === id);
      if (!other || (option !== undefined && !other.params.some((x) => x.type === 'enum' && x.options.some((o) => o.value === option)))) fail(`${field}.unless.after[${j}]`, `unknown action or option "${ref}"`);
    });
    if (p.unless?.marker !== undefined) known(`${field}.unless.marker`, markers, p.unless.marker, 'marker');
    requires(`${field}.unless.evidence`, p.unless?.evidence);
  });
  data.lessons.forEach((l, i) => requires(`lessons[${i}].relatesTo.evidence`, l.relatesTo.evidence));

  const page = data.statusPage;
  data.milestones.forEach((m, i) => {
    if (m.source.kind === 'first-accurate-post' && (!page || !data.scoring.comms)) fail(`milestones[${i}].source`, 'first-accurate-post needs a statusPage and scoring.comms to judge posts');
  });
  if (data.scoring.comms && !page) fail('scoring.comms', 'judging status posts needs a statusPage');
  if (!page) return;
  const ids = new Set<string>();
  page.components.forEach((c, i) => {
    if (ids.has(c.id)) fail(`statusPage.components[${i}].id`, `duplicate id "${c.id}"`);
    ids.add(c.id);
    c.failing.forEach((f, j) => known(`statusPage.components[${i}].failing[${j}].signal`, signals, f.signal, 'signal'));
  });
  // A post is judged on its `state` and `components`: the comms actions must ask for them as the page knows them.
  data.actions.forEach((a, i) => {
    if (a.category !== 'communication') return;
    const state = a.params.find((p) => p.name === 'state');
    if (!state || state.type !== 'enum' || state.options.map((o) => o.value).join() !== STATUS_STATES.join()) {
      fail(`actions[${i}].params`, `a status post needs a "state" enum with the options ${STATUS_STATES.join(', ')} (in that order)`);
    }
    const components = a.params.find((p) => p.name === 'components');
    if (!components || components.type !== 'multi' || components.options.map((o) => o.value).sort().join() !== [...ids].sort().join()) {
      fail(`actions[${i}].params`, `a status post needs a "components" multi parameter whose options are the statusPage components (${[...ids].join(', ')})`);
    }
  });
}
