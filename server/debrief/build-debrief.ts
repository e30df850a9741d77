/**
 * The debrief, built purely from the scenario, the seed and each team's logged commands: every
 * world is recomputed with engine runCommands, so nothing is stored twice and a permalink serves
 * the same document after a restart. The reference plan, cut at the same end time, is the ghost.
 * Team worlds are rebuilt in the session's mode.
 */
import { clock, DEFAULT_RESPONDERS, endTime, formatClock, milestoneObjective, planToCommands, runCommands, type SimSeconds, type Scenario, type World } from '../engine/index.ts';
import type { Debrief, DebriefBranch, DebriefComparisonRow, DebriefRun, DebriefSignal, DebriefTeam } from '../protocol/debrief.ts';
import { DEFAULT_SESSION_MODE } from '../protocol/session-mode.ts';
import type { BranchDebriefInput, DebriefInput } from './debrief-input.ts';
import { abandonedLines } from './abandoned-lines.ts';
import { afterActionReview } from './after-action-review.ts';
import { teamReviews } from './team-reviews.ts';
import { lessonStatus } from './lesson-status.ts';
import { pickDebriefSignals } from './pick-signals.ts';
import { rankTotals } from './rank-totals.ts';
import { summarizeRun } from './run-summary.ts';
import { withNotes } from './with-notes.ts';
import { revealIn } from './disguise-reveal.ts';

export const GHOST_NAME = 'Real responders (as it happened)';

const round1 = (n: number) => Math.round(n * 10) / 10;

export function clampEnd(scenario: Scenario, endAt: SimSeconds): SimSeconds {
  return Math.min(endTime(scenario), Math.max(clock(scenario.data.clock.start), endAt));
}

export function buildDebrief(input: DebriefInput): Debrief {
  const { scenario, seed, mode = DEFAULT_SESSION_MODE } = input;
  const { data } = scenario;
  const endAt = clampEnd(scenario, input.endAt);
  const signals = pickDebriefSignals(data);
  // A branch is scored from its branch point, and so are the runs it is compared with.
  const window = input.branch ? { from: input.branch.at } : {};

  // The real responders worked in the dark: their run is replayed in realistic mode whatever the teams played.
  const referenceAt = (t: SimSeconds) => runCommands(scenario, seed, planToCommands(data.referencePlan), t, { mode: 'realistic', responders: DEFAULT_RESPONDERS }).world;
  const referenceWorld = referenceAt(endAt);
  const reference = summarizeRun(scenario, GHOST_NAME, referenceWorld, referenceWorld, signals, window);

  const runs = input.teams.map((team) => {
    // A team the host rewound alone ran behind the session clock: its run stops at its own end,
    // and it is compared with the real responders cut at that same time.
    const teamEnd = Math.min(endAt, clampEnd(scenario, team.endAt ?? endAt));
    const teamReference = teamEnd === endAt ? referenceWorld : referenceAt(teamEnd);
    const { world, refused } = runCommands(scenario, seed, team.commands, teamEnd, { mode });
    const reviews = teamReviews(input.reviews ?? [], team.id, world);
    const summary = summarizeRun(scenario, team.name, world, teamReference, signals, window, reviews.scoring);
    const run = input.branch ? markInherited(summary, input.branch.at) : summary;
    const teamBaseline = teamEnd === endAt ? reference : summarizeRun(scenario, GHOST_NAME, teamReference, teamReference, signals, window);
    return { team, teamEnd, world, refused, run, teamBaseline, teamReference, reviews };
  });
  const ranks = rankTotals(runs.map((r) => r.run.score.total));

  const teams: DebriefTeam[] = runs.map(({ team, teamEnd, world, refused, run, teamBaseline, teamReference, reviews }, i) => ({
    ...run,
    timeline: withNotes(run.timeline, (team.notes ?? []).filter((n) => n.at <= teamEnd)),
    id: team.id,
    players: team.players.map((p) => ({ name: p.name, role: p.role ?? null })),
    rank: ranks[i]!,
    vsReference: round1(run.score.total - teamBaseline.score.total),
    lessons: lessonStatus(scenario, world, reviews.scoring.diagnoses),
    aar: afterActionReview({ scenario, team: run.score, reference: teamBaseline.score, world, referenceWorld: teamReference }),
    improvementPlan: reviews.improvementPlan,
    reviewLog: reviews.log,
    refused: refused.map((r) => ({ at: r.at, clock: formatClock(r.at), error: r.error })),
    rewinds: abandonedLines(scenario, seed, mode, team, referenceWorld, signals),
    endedAt: teamEnd,
    endedClock: formatClock(teamEnd),
  }));

  const comparison = [
    ...teams.map((t) => comparisonRow(t, t.id, t.rank, t.vsReference)),
    comparisonRow(reference, null, null, 0),
  ].sort((a, b) => b.total - a.total || Number(a.ghost) - Number(b.ghost));

  return {
    format: 'incident-tabletop-debrief/2',
    session: input.session,
    scenario: {
      id: data.id, title: data.title, summary: data.summary, date: data.date, difficulty: data.difficulty,
      start: data.clock.start, end: data.clock.end,
    },
    seed,
    mode,
    endedAt: endAt,
    endedClock: formatClock(endAt),
    signals,
    times: referenceWorld.samples.map((s) => s.t),
    milestones: data.milestones.map((m) => ({ id: m.id, label: m.label, objective: milestoneObjective(m), real: clock(m.real), realClock: m.real })),
    statusPage: data.statusPage ? { cadenceMinutes: data.statusPage.cadenceMinutes, components: data.statusPage.components.map((c) => ({ id: c.id, label: c.label })) } : null,
    realTimeline: data.realTimeline.map((e) => ({ at: clock(e.at), clock: e.at, text: e.text, source: e.source })),
    whatHappened: data.whatHappened,
    lessons: data.lessons.map((l) => ({ id: l.id, title: l.title, text: l.text })),
    reference,
    teams,
    comparison,
    lineage: input.lineage ?? { parent: null, children: [] },
    branch: input.branch ? branchComparison(input, input.branch, endAt, referenceWorld, referenceAt, signals) : null,
    ...revealIn(data, input.disguised),
  };
}

/** The branch's timeline lines from before the branch point are the parent's, carried over. */
function markInherited(run: DebriefRun, at: SimSeconds): DebriefRun {
  return { ...run, timeline: run.timeline.map((e) => (e.at < at ? { ...e, inherited: true as const } : e)) };
}

/** The original team's run over the same window (cut at the parent's own end if earlier), scored from the branch point too. */
function branchComparison(input: DebriefInput, branch: BranchDebriefInput, endAt: SimSeconds, referenceWorld: World, referenceAt: (t: SimSeconds) => World, signals: readonly DebriefSignal[]): DebriefBranch {
  const { scenario, seed, mode = DEFAULT_SESSION_MODE } = input;
  const base = { at: branch.at, clock: formatClock(branch.at), parentSessionId: branch.parentSessionId, parentTeamId: branch.parentTeamId };
  if (!branch.parent) return { ...base, parentRun: null };
  const until = Math.min(endAt, clampEnd(scenario, branch.parent.until));
  const { world } = runCommands(scenario, seed, branch.parent.commands, until, { mode });
  // A parent that stopped earlier is compared with the real responders stopped just as early (as any session ended early).
  const reference = until < endAt ? referenceAt(until) : referenceWorld;
  return { ...base, parentRun: summarizeRun(scenario, branch.parent.name, world, reference, signals, { from: branch.at }) };
}

function comparisonRow(run: DebriefRun, teamId: string | null, rank: number | null, vsReference: number): DebriefComparisonRow {
  return {
    teamId, name: run.name, ghost: teamId === null, rank,
    total: run.score.total,
    vsReference,
    milestones: run.milestones.map((m) => ({ id: m.id, clock: m.teamClock, minutesAhead: m.minutesAhead })),
    errorMinutes: run.score.impact.errorMinutes,
    penalties: run.score.subtotals.penalties,
    wrongDiagnoses: run.timeline.filter((e) => e.kind === 'diagnosis' && e.correct === false).length,
    actions: run.timeline.filter((e) => e.kind === 'action').length,
  };
}
