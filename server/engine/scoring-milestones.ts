/**
 * Milestones: when the team reached each one, against the real time, with no cap. Two rules keep
 * prevention from scoring below a cure and a coincidence from scoring as a fix:
 * - a milestone made moot by the team's own earlier action counts as met at its best value (no
 *   alert needed when no customer was hit, or when the team ended the impact before one fired;
 *   recovery at the moment impact stopped);
 * - a recovery marker reached inside a natural good window (the run without any action was just
 *   as good then) is credited only from when the team's first change in that window took effect.
 */
import { conditionHolds, type CustomerHit } from './customer-impact.ts';
import type { MarkerRelapse, Markers } from './markers.ts';
import type { Milestone, MilestoneSource, ObjectiveId, ParamValues, ScenarioData } from './scenario-definition.ts';
import { clock, formatClock, formatClockSeconds, type SimSeconds } from './sim-time.ts';
import type { MilestoneScore, ScoreWindow } from './scoring-types.ts';
import type { World } from './world.ts';

const round1 = (n: number) => Math.round(n * 10) / 10;
/** "11:28", or "11:27:30" off the minute, so the minutes ahead in a rule can be recomputed by hand. */
const when = (t: SimSeconds) => (t % 60 === 0 ? formatClock(t) : formatClockSeconds(t));

const DEFAULT_OBJECTIVE: Record<MilestoneSource['kind'], ObjectiveId> = {
  'first-alert': 'detect',
  'first-accurate-post': 'communicate',
  'first-correct-diagnosis': 'diagnose',
  'first-action-category': 'mitigate',
  marker: 'recover',
};

export const milestoneObjective = (m: Milestone): ObjectiveId => m.objective ?? DEFAULT_OBJECTIVE[m.source.kind];

/** An action's scoring category; an enum option may override it (the one revert that is the fix). */
export function actionCategoryOf(data: ScenarioData, action: string, params: ParamValues): string | undefined {
  const spec = data.actions.find((a) => a.id === action);
  if (!spec) return undefined;
  for (const p of spec.params) {
    if (p.type !== 'enum') continue;
    const category = p.options.find((o) => o.value === params[p.name])?.category;
    if (category) return category;
  }
  return spec.category;
}

/** What the milestones are measured from: the team's run, the run without any action, and the other judgements. */
export interface MilestoneContext {
  data: ScenarioData;
  world: World<unknown>;
  markers: Markers;
  relapses: readonly MarkerRelapse[];
  noAction: World<unknown>;
  hit: CustomerHit;
  noActionHit: CustomerHit;
  /** Published time of the first accurate status post (scoring-comms.ts). */
  firstAccuratePost: SimSeconds | null;
  /** When the first right, supported diagnosis was declared (scoring-diagnosis.ts). */
  firstRightDiagnosis: SimSeconds | null;
  cadenceMinutes: number | null;
  window: ScoreWindow;
}

type Found = { t: SimSeconds | null; credit?: 'moot' | 'after-fix'; why?: string };

/** Customers were never hit, though they would have been without the team: its action prevented it. */
const prevented = (ctx: MilestoneContext) => ctx.hit.first === null && ctx.noActionHit.first !== null;

/** The earlier of the team's time and a moot milestone's best value. */
function orMoot(t: SimSeconds | null, best: SimSeconds | null, why: string): Found {
  if (best === null || (t !== null && t <= best)) return { t };
  return { t: best, credit: 'moot', why };
}

function teamTime(ctx: MilestoneContext, m: Milestone): Found {
  const { data, world, hit, noActionHit } = ctx;
  const src = m.source;
  switch (src.kind) {
    case 'first-alert': {
      // Detection of this incident: the first alert once customers were hit (an alert before, e.g. a
      // third-party page going down, detected something else).
      if (hit.first === null) return prevented(ctx) ? { t: noActionHit.first, credit: 'moot', why: 'no alert was needed: no customer was hit' } : { t: world.feed.find((f) => f.kind === 'alert')?.at ?? null };
      const alert = world.feed.find((f) => f.kind === 'alert' && f.at >= hit.first!)?.at ?? null;
      if (alert !== null || hit.end === null) return { t: alert };
      return { t: hit.first, credit: 'moot', why: 'no alert was needed: the team ended the impact before one fired' };
    }
    case 'first-accurate-post': {
      const cadence = (ctx.cadenceMinutes ?? 0) * 60;
      const short = hit.first !== null && hit.end !== null && hit.end - hit.first <= cadence;
      if (prevented(ctx)) return orMoot(ctx.firstAccuratePost, noActionHit.first, 'no update was needed: no customer was hit');
      if (short) return orMoot(ctx.firstAccuratePost, hit.first, `no update was needed: customers were hit for less than the ${ctx.cadenceMinutes}-minute cadence`);
      return { t: ctx.firstAccuratePost };
    }
    case 'first-correct-diagnosis':
      // A right diagnosis whose attached findings do not back it is a guess: no credit (scoring-diagnosis.ts).
      return prevented(ctx) ? orMoot(ctx.firstRightDiagnosis, noActionHit.first, 'nothing to diagnose: no customer was hit') : { t: ctx.firstRightDiagnosis };
    case 'first-action-category': {
      // An action that found nothing to change (e.g. a revert before the change existed) earns nothing.
      const done = world.actions.filter((a) => a.status === 'done' && a.changed !== false && actionCategoryOf(data, a.action, a.params) === src.category).map((a) => a.effectiveAt);
      return { t: done.length === 0 ? null : Math.min(...done) };
    }
    case 'marker': {
      const t = ctx.markers[src.marker] ?? null;
      if (t === null) {
        if (hit.failingAtEnd || noActionHit.first === null) return { t: null };
        return { t: hit.end ?? noActionHit.first, credit: 'moot', why: hit.first === null ? 'nothing to recover: no customer was hit' : 'recovered at the moment impact stopped' };
      }
      return afterFix(ctx, src.marker, t);
    }
  }
}

/** A marker inside a natural good window is credited from when the team's first change in that window took effect. */
function afterFix(ctx: MilestoneContext, markerId: string, t: SimSeconds): Found {
  const rule = ctx.data.markers.find((r) => r.id === markerId);
  const samples = ctx.noAction.samples;
  const i = samples.findIndex((s) => s.t === t);
  if (!rule || i < 0 || !conditionHolds(rule, samples[i]!.values)) return { t };
  let j = i;
  while (j + 1 < samples.length && conditionHolds(rule, samples[j + 1]!.values)) j++;
  const windowEnd = j + 1 < samples.length ? samples[j + 1]!.t : ctx.noAction.t;
  const fixes = ctx.world.actions.filter((a) => a.status === 'done' && a.changed !== false && a.effectiveAt >= t && a.effectiveAt <= windowEnd
    && ctx.data.actions.find((s) => s.id === a.action)?.category !== 'communication');
  // The first change that took effect in the window: from then on the team's run is its own doing.
  const fix = fixes.reduce<(typeof fixes)[number] | null>((first, a) => (first === null || a.effectiveAt < first.effectiveAt ? a : first), null);
  if (!fix || fix.effectiveAt === t) return { t };
  const title = ctx.data.actions.find((s) => s.id === fix.action)?.title ?? fix.action;
  return {
    t: fix.effectiveAt, credit: 'after-fix',
    why: `reached ${formatClock(t)} inside a natural good window (doing nothing was as good until ${formatClock(windowEnd)}); credited from ${formatClock(fix.effectiveAt)}, when "${title}" took effect`,
  };
}

export function scoreMilestone(ctx: MilestoneContext, m: Milestone): MilestoneScore {
  const real = clock(m.real);
  const span = ctx.data.scoring.milestoneSpanMinutes;
  const objective = milestoneObjective(m);
  const found = teamTime(ctx, m);
  const team = found.t;
  const from = ctx.window.from;
  const base = { id: m.id, label: m.label, objective, real, team, weight: m.weight, ...(found.credit ? { credit: found.credit } : {}) };
  if (team !== null && from !== undefined && team < from) {
    return {
      ...base, minutesAhead: round1((real - team) / 60), points: 0, inherited: true,
      rule: `reached ${formatClock(team)}, before the branch point ${formatClock(from)}: scored in the run it came from, not again: 0`,
    };
  }
  // Rounded first, so the rule line reproduces the points exactly.
  const minutesAhead = team === null ? null : round1((real - team) / 60);
  const points = minutesAhead === null ? 0 : round1(Math.max(0, m.weight * (1 + minutesAhead / span)));
  const own = m.source.kind === 'marker' ? ctx.relapses.filter((r) => r.marker === (m.source as { marker: string }).marker) : [];
  const relapsed = own.map((r) => `recovered ${formatClock(r.recoveredAt)} but relapsed ${formatClock(r.relapsedAt)}`).join('; ');
  const how = found.why ? `${found.why}: ` : '';
  const score: MilestoneScore = {
    ...base, minutesAhead, points,
    rule: (team === null
      ? `not reached by ${formatClock(ctx.world.t)}: 0`
      : `${how}${when(team)}, real ${m.real}: max(0, ${m.weight} × (1 + ${minutesAhead} / ${span}))`)
      + (relapsed ? ` (${relapsed}: credit withdrawn)` : ''),
  };
  if (own.length > 0) score.relapses = own.map(({ recoveredAt, relapsedAt }) => ({ recoveredAt, relapsedAt }));
  return score;
}
