/**
 * The after-action review of one team, in the form exercise programmes use (HSEEP, NIST SP 800-84):
 * for each objective — detect, triage and mitigate impact, diagnose, communicate, recover, avoid
 * harm — what was expected (good practice, and what the real responders did and when), what the
 * team did (from its log), its strengths, its areas for improvement and a rating. Built only from
 * the score breakdowns and the worlds, so it says nothing the score does not back.
 */
import {
  formatClock, isStatusPost, postClaims, statusComponents, OBJECTIVES,
  type MilestoneScore, type ObjectiveId, type Scenario, type ScoreBreakdown, type World,
} from '../engine/index.ts';
import type { DebriefObjective, DebriefRating } from '../protocol/debrief.ts';

const RATING_LABELS: Record<DebriefRating, string> = {
  P: 'Performed without challenges',
  S: 'Performed with some challenges',
  M: 'Performed with major challenges',
  U: 'Unable to be performed',
};

/** Good practice per objective, for incidents in general (the scenario adds what its responders did). */
const GOOD_PRACTICE: Record<ObjectiveId, string> = {
  detect: 'Good practice: the first alert or customer report is acknowledged within minutes and an incident is opened.',
  mitigate: 'Good practice: contain customer impact first (bypass, fail over or switch off what fails) while the cause is sought, starting with what hurts most customers.',
  diagnose: 'Good practice: name the trigger, the failing component and the mechanism only once findings back each part; test each hypothesis against evidence rather than guessing.',
  communicate: 'Good practice: a first public update soon after customers are hit, naming the affected components; an update at least every cadence while they are; "Identified" once the cause is known; "Resolved" only when nobody fails any more.',
  recover: 'Good practice: restore service fully, check that the recovery holds, and restart what the outage left in a bad state.',
  'avoid-harm': 'Good practice: prefer targeted, reversible changes; roll back only what the evidence points at; never trade customers\' protection for a quicker fix.',
};

const ahead = (m: MilestoneScore) => (m.minutesAhead === null ? 'not reached' : m.minutesAhead === 0 ? 'on time' : m.minutesAhead > 0 ? `${m.minutesAhead} min ahead` : `${-m.minutesAhead} min behind`);
const milestoneLine = (m: MilestoneScore) => (m.team === null
  ? `${m.label}: not reached (real ${formatClock(m.real)})`
  : `${m.label}: ${formatClock(m.team)}, ${ahead(m)} of the real ${formatClock(m.real)}${m.credit === 'moot' ? ' (made moot by the team\'s own action: met at its best value)' : m.credit === 'after-fix' ? ' (credited from when the fix took effect)' : ''}`);
const points = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n)}`;

/** The ratings rule of one objective's milestones: all met on time or better P, all met S, some M, none U. */
function rateMilestones(ms: readonly MilestoneScore[], lateMinutes = 15): DebriefRating {
  if (ms.length === 0) return 'P';
  if (ms.every((m) => m.team !== null && (m.minutesAhead ?? 0) >= 0)) return 'P';
  if (ms.every((m) => m.team !== null && (m.minutesAhead ?? 0) >= -lateMinutes)) return 'S';
  return ms.some((m) => m.team !== null) ? 'M' : 'U';
}

interface Context {
  scenario: Scenario;
  team: ScoreBreakdown;
  reference: ScoreBreakdown;
  world: World;
  referenceWorld: World;
}

type Parts = Omit<DebriefObjective, 'id' | 'label' | 'ratingLabel' | 'points'>;

function postsOf(ctx: Context, world: World): string[] {
  const { data } = ctx.scenario;
  const labels = new Map(statusComponents(data).map((c) => [c.id, c.label]));
  return world.actions.filter((a) => isStatusPost(data, a) && a.status === 'done').map((a) => {
    const p = postClaims(data, a);
    return `${formatClock(a.effectiveAt)} ${p.state}${p.components.length > 0 ? ` (${p.components.map((c) => labels.get(c) ?? c).join(', ')})` : ''}`;
  });
}

function detect(ctx: Context): Parts {
  const own = ctx.team.milestones.filter((m) => m.objective === 'detect');
  const real = ctx.reference.milestones.filter((m) => m.objective === 'detect');
  return {
    expected: [GOOD_PRACTICE.detect, ...real.map((m) => `Real responders — ${m.label}: ${formatClock(m.real)}.`)],
    observed: own.map(milestoneLine),
    strengths: own.filter((m) => m.team !== null && (m.minutesAhead ?? 0) >= 0).map((m) => (m.credit === 'moot' ? `${m.label}: ${m.rule.split(':')[0]}.` : `${m.label} on time or earlier (${formatClock(m.team!)}).`)),
    improvements: own.filter((m) => m.team === null || (m.minutesAhead ?? 0) < 0).map((m) => `${milestoneLine(m)}.`),
    rating: rateMilestones(own),
  };
}

function mitigate(ctx: Context): Parts {
  const { data } = ctx.scenario;
  const impact = ctx.team.impact;
  const own = ctx.team.milestones.filter((m) => m.objective === 'mitigate');
  const real = ctx.reference.milestones.filter((m) => m.objective === 'mitigate');
  const moves = ctx.world.actions.filter((a) => !isStatusPost(data, a) && a.status === 'done' && a.changed !== false)
    .map((a) => `${formatClock(a.requestedAt)} ${data.actions.find((x) => x.id === a.action)?.title ?? a.action}${Object.values(a.params).length > 0 ? ` (${Object.values(a.params).flat().join(', ')})` : ''}, in effect ${formatClock(a.effectiveAt)}`);
  const worse = impact.signals.filter((s) => s.team > s.reference * 1.1 + 10).map((s) => `${s.label}: ${s.team} unit-minutes beyond its baseline, the real responders ${s.reference}.`);
  const better = impact.signals.filter((s) => s.team < s.reference * 0.9 - 10).map((s) => s.label);
  const share = impact.avoidedShare;
  return {
    expected: [
      GOOD_PRACTICE.mitigate,
      ...real.map((m) => `Real responders — ${m.label}: ${formatClock(m.real)}.`),
      `Real responders' customer impact: ${impact.referenceErrorMinutes} weighted unit-minutes (doing nothing: ${impact.noActionErrorMinutes}).`,
    ],
    observed: [...moves, ...own.map(milestoneLine), `Customer impact: ${impact.errorMinutes} weighted unit-minutes: ${Math.round(share * 100)}% of what the real responders avoided.`],
    strengths: [
      ...(share >= 1 ? [`Avoided more customer impact than the real responders (${Math.round(share * 100)}%).`] : []),
      ...(better.length > 0 ? [`Less impact than the real responders on ${better.join(', ')}.`] : []),
      ...own.filter((m) => (m.minutesAhead ?? -1) >= 0).map((m) => `${milestoneLine(m)}.`),
    ],
    improvements: [
      ...(share < 1 ? [`Avoided ${Math.round(share * 100)}% of the impact the real responders avoided.`] : []),
      ...worse,
      ...own.filter((m) => m.team === null || (m.minutesAhead ?? 0) < 0).map((m) => `${milestoneLine(m)}.`),
    ],
    rating: share >= 1 ? 'P' : share >= 0.5 ? 'S' : share > 0 ? 'M' : 'U',
  };
}

function diagnose(ctx: Context): Parts {
  const { data } = ctx.scenario;
  const label = (list: readonly { id: string; label: string }[], id: string | null) => (id === null ? '' : list.find((o) => o.id === id)?.label ?? id);
  const own = ctx.team.milestones.filter((m) => m.objective === 'diagnose');
  const real = ctx.reference.milestones.filter((m) => m.objective === 'diagnose');
  const verdictText = { right: 'right', 'right-unsupported': 'right but unsupported', 'partly-right': 'partly right', wrong: 'wrong' } as const;
  const observed = ctx.team.diagnoses.map((d) => {
    const said = [label(data.diagnosis.triggers, d.trigger), label(data.diagnosis.components, d.component), label(data.diagnosis.mechanisms, d.mechanism)].filter((x) => x !== '').join(' / ');
    const cited = d.cited.length === 0 ? 'no findings attached' : `findings ${d.cited.map((f) => f.id).join(', ')}`;
    return `${formatClock(d.at)} ${said}: ${verdictText[d.verdict]} (${cited})${d.facilitator ? ` — facilitator: ${d.facilitator.reason}` : ''}`;
  });
  const credited = ctx.team.diagnoses.find((d) => d.credited);
  const bad = ctx.team.penalties.filter((p) => p.objective === 'diagnose');
  const moot = own.some((m) => m.credit === 'moot');
  return {
    expected: [GOOD_PRACTICE.diagnose, ...real.map((m) => `Real responders — ${m.label}: ${formatClock(m.real)}.`)],
    observed: [...observed, ...own.map(milestoneLine)],
    strengths: credited
      ? [credited.facilitator
        ? `A diagnosis at ${formatClock(credited.at)} the facilitator marked right: ${credited.facilitator.reason}.`
        : `A right diagnosis at ${formatClock(credited.at)}, backed by evidence: ${credited.parts.map((p) => `${p.part} by ${p.shownBy.join('; ') || 'nothing required'}`).join('; ')}.`]
      : moot ? ['Nothing to diagnose: no customer was hit.'] : [],
    improvements: [
      ...bad.map((p) => `${p.reason} (−${p.points}).`),
      ...(!credited && !moot ? ['No diagnosis was both right and backed by the findings attached to it.'] : []),
    ],
    rating: credited || moot ? (bad.length === 0 ? ((own[0]?.minutesAhead ?? 0) >= 0 ? 'P' : 'S') : bad.length === 1 ? 'S' : 'M') : 'U',
  };
}

function communicate(ctx: Context): Parts {
  const comms = ctx.team.comms;
  const own = ctx.team.milestones.filter((m) => m.objective === 'communicate');
  if (!comms) return { expected: [GOOD_PRACTICE.communicate], observed: own.map(milestoneLine), strengths: [], improvements: [], rating: rateMilestones(own) };
  const costs = [...comms.posts.flatMap((p) => p.lines.filter((l) => l.points < 0)), ...comms.gaps];
  const earned = comms.posts.filter((p) => p.points > 0);
  const hit = comms.impactFrom !== null;
  const moot = own.some((m) => m.credit === 'moot');
  return {
    expected: [
      GOOD_PRACTICE.communicate.replace('every cadence', `every ${comms.cadenceMinutes} minutes`),
      `Real responders' posts: ${postsOf(ctx, ctx.referenceWorld).join('; ') || 'none'}.`,
    ],
    observed: [
      ...comms.posts.map((p) => `${formatClock(p.at)} ${p.state}: "${p.message}" — ${p.verdict} (${points(p.points)})${p.facilitator ? `, facilitator: ${p.facilitator.reason}` : ''}`),
      ...own.map(milestoneLine),
    ],
    strengths: earned.map((p) => `${p.lines[0]!.reason} (${points(p.points)}).`),
    improvements: costs.map((c) => `${c.reason} (${points(c.points)}).`),
    rating: !hit || moot ? (costs.length === 0 ? 'P' : 'S')
      : earned.length === 0 ? 'U'
      : costs.length === 0 && (own[0]?.minutesAhead ?? 0) >= 0 ? 'P'
      : costs.length <= 2 ? 'S' : 'M',
  };
}

function recover(ctx: Context): Parts {
  const own = ctx.team.milestones.filter((m) => m.objective === 'recover');
  const real = ctx.reference.milestones.filter((m) => m.objective === 'recover');
  return {
    expected: [GOOD_PRACTICE.recover, ...real.map((m) => `Real responders — ${m.label}: ${formatClock(m.real)}.`)],
    observed: own.map((m) => milestoneLine(m) + (m.relapses ? ` (${m.relapses.map((r) => `recovered ${formatClock(r.recoveredAt)}, relapsed ${formatClock(r.relapsedAt)}`).join('; ')})` : '')),
    strengths: own.filter((m) => m.team !== null && (m.minutesAhead ?? 0) >= 0).map((m) => `${milestoneLine(m)}.`),
    improvements: own.filter((m) => m.team === null || (m.minutesAhead ?? 0) < 0).map((m) => `${milestoneLine(m)}.`),
    rating: rateMilestones(own, 30),
  };
}

function avoidHarm(ctx: Context): Parts {
  const risks = ctx.team.penalties.filter((p) => p.objective === 'avoid-harm');
  const real = ctx.reference.penalties.filter((p) => p.objective === 'avoid-harm');
  return {
    expected: [GOOD_PRACTICE['avoid-harm'], real.length === 0 ? 'Real responders took no priced risk.' : `Real responders: ${real.map((p) => `${formatClock(p.at)} ${p.reason.split(':')[0]} (−${p.points})`).join('; ')}.`],
    observed: risks.length === 0 ? ['No risky or blind change.'] : risks.map((p) => `${formatClock(p.at)} ${p.reason} (−${p.points})`),
    strengths: risks.length === 0 ? ['Took no risk the evidence did not justify.'] : [],
    improvements: risks.map((p) => `${formatClock(p.at)} ${p.reason} (−${p.points}).`),
    rating: risks.length === 0 ? 'P' : risks.length === 1 ? 'S' : 'M',
  };
}

const BUILDERS: Record<ObjectiveId, (ctx: Context) => Parts> = { detect, mitigate, diagnose, communicate, recover, 'avoid-harm': avoidHarm };

export function afterActionReview(ctx: Context): DebriefObjective[] {
  return OBJECTIVES.map((id) => {
    const parts = BUILDERS[id](ctx);
    const objective = ctx.team.objectives.find((o) => o.id === id)!;
    // The facilitator's adjustments under this objective are part of its story.
    for (const a of ctx.team.adjustments.filter((x) => x.objective === id)) (a.points > 0 ? parts.strengths : parts.improvements).push(`Facilitator: ${a.reason} (${points(a.points)}).`);
    return { id, label: objective.label, ...parts, ratingLabel: RATING_LABELS[parts.rating], points: objective.points };
  });
}
