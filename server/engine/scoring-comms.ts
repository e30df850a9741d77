/**
 * Communicate: each public status post is judged against what the model knew was true at the
 * minute customers could read it (docs/scoring.md, "Communicate"), and silences longer than the
 * status page's cadence while customers were hit cost. A post is a `communication` action; its
 * `state` and `components` parameters say what it claims (absent: "investigating", none named).
 */
import { customerHit, failingAround, failingAt, statusComponents, type CustomerHit } from './customer-impact.ts';
import { STATUS_STATES, type CommsScoringSpec, type ScenarioData, type StatusState } from './scenario-definition.ts';
import { formatClock, type SimSeconds } from './sim-time.ts';
import type { CommsScore, PostVerdict, PostVerdictKind, ScoreReviews, ScoreWindow } from './scoring-types.ts';
import type { ActionRecord, World } from './world.ts';

const round1 = (n: number) => Math.round(n * 10) / 10;
const STATE_LABEL: Record<StatusState, string> = { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved' };

/** What a post says: its state, components and message. */
export function postClaims(data: ScenarioData, record: ActionRecord): { state: StatusState; components: string[]; message: string } {
  const spec = data.actions.find((a) => a.id === record.action);
  const state = record.params.state;
  const components = record.params.components;
  const textParam = spec?.params.find((p) => p.type === 'text');
  const message = textParam ? record.params[textParam.name] : undefined;
  return {
    state: typeof state === 'string' && (STATUS_STATES as readonly string[]).includes(state) ? state as StatusState : 'investigating',
    components: Array.isArray(components) ? components : [],
    message: typeof message === 'string' ? message : '',
  };
}

export const isStatusPost = (data: ScenarioData, record: ActionRecord): boolean =>
  data.actions.find((a) => a.id === record.action)?.category === 'communication';

const words = (text: string) => text.trim().split(/\s+/).filter((w) => w.length > 0).length;

interface JudgeContext {
  data: ScenarioData;
  world: World<unknown>;
  spec: CommsScoringSpec;
  cadence: number;
  hit: CustomerHit;
  /** When the team first had a right, supported diagnosis (for "Identified" and "Monitoring"). */
  diagnosedAt: SimSeconds | null;
  labels: (ids: readonly string[]) => string;
}

/** The updates that were due: one per cadence while customers were hit, and the all-clear. More earn nothing. */
function updatesDue(hit: CustomerHit, end: SimSeconds, cadenceMinutes: number): number {
  if (hit.first === null) return 0;
  return 1 + Math.ceil(((hit.end ?? end) - hit.first) / 60 / cadenceMinutes);
}

function judgePost(ctx: JudgeContext, record: ActionRecord, lastEarned: SimSeconds | null, earned: number): PostVerdict {
  const { data, world, spec, hit } = ctx;
  const claims = postClaims(data, record);
  const at = record.effectiveAt;
  const failing = failingAround(statusComponents(data), world.samples, at, spec.lookbackMinutes * 60);
  const lines: { reason: string; points: number }[] = [];
  const kinds: PostVerdictKind[] = [];
  const cost = (kind: PostVerdictKind, points: number, reason: string) => { kinds.push(kind); lines.push({ points: -points, reason }); };
  const base = { entry: record.entry, requestedAt: record.requestedAt, at, ...claims, failing };
  const said = `"${STATE_LABEL[claims.state]}" at ${formatClock(at)}`;
  if (hit.first === null || at < hit.first) {
    cost('early', spec.earlyPost, `${said}, before any customer was hit (${hit.first === null ? 'none ever was' : `first at ${formatClock(hit.first)}`}): a false alarm on the public page`);
    return { ...base, verdict: 'early', lines, points: -spec.earlyPost };
  }
  const ongoing = hit.end === null || at < hit.end;
  if (claims.state === 'resolved' && failing.length > 0) {
    cost('resolved-while-failing', spec.resolvedWhileFailing, `${said} while ${ctx.labels(failing)} still failed`);
  } else if (claims.state === 'resolved' && ongoing) {
    const again = world.samples.find((x) => x.t > at && failingAt(statusComponents(data), x).length > 0)?.t;
    cost('resolved-while-failing', spec.resolvedWhileFailing, `${said} during a lull: customers were hit again${again === undefined ? '' : ` from ${formatClock(again)}`}`);
  }
  if ((claims.state === 'identified' || claims.state === 'monitoring') && (ctx.diagnosedAt === null || ctx.diagnosedAt > record.requestedAt)) {
    cost('premature-state', spec.prematureState, `${said} before the team had a supported diagnosis${ctx.diagnosedAt === null ? '' : ` (${formatClock(ctx.diagnosedAt)})`}`);
  }
  const named = failing.filter((c) => claims.components.includes(c));
  if (failing.length > 0 && named.length === 0) {
    cost('no-component', spec.noComponent, `${said} named ${claims.components.length === 0 ? 'no component' : ctx.labels(claims.components)} while ${ctx.labels(failing)} failed`);
  }
  if (kinds.length > 0) return { ...base, verdict: kinds[0]!, lines, points: round1(lines.reduce((s, l) => s + l.points, 0)) };
  // Nothing wrong with it: it earns if it says something, names what fails, and is not a repeat.
  const minGap = (spec.minGapMinutes ?? ctx.cadence / 3) * 60;
  const quiet = failing.length === 0;
  if (quiet && !ongoing && claims.state !== 'monitoring' && claims.state !== 'resolved') {
    return { ...base, verdict: 'neutral', lines: [{ points: 0, reason: `${said}: nothing was failing any more (say Monitoring or Resolved)` }], points: 0 };
  }
  if (words(claims.message) < spec.minWords) {
    return { ...base, verdict: 'neutral', lines: [{ points: 0, reason: `${said}: a message of fewer than ${spec.minWords} words tells customers nothing` }], points: 0 };
  }
  const due = updatesDue(hit, world.t, ctx.cadence);
  if (earned >= due) {
    return { ...base, verdict: quiet || named.length === failing.length ? 'accurate' : 'incomplete', lines: [{ points: 0, reason: `${said}: accurate, but ${due} updates were due (one per ${ctx.cadence} minutes of impact, and the all-clear) and ${earned} already earned` }], points: 0 };
  }
  if (lastEarned !== null && at - lastEarned < minGap) {
    return { ...base, verdict: quiet || named.length === failing.length ? 'accurate' : 'incomplete', lines: [{ points: 0, reason: `${said}: accurate, but ${Math.round((at - lastEarned) / 60)} min after the previous update that earned (less than ${minGap / 60})` }], points: 0 };
  }
  if (quiet) {
    const why = ongoing ? 'nothing failing at that minute, and the incident still open' : 'nothing failing any more';
    return { ...base, verdict: 'accurate', lines: [{ points: spec.accuratePost, reason: `${said}: ${why}` }], points: spec.accuratePost };
  }
  const points = round1((spec.accuratePost * named.length) / failing.length);
  const missing = failing.filter((c) => !named.includes(c));
  return {
    ...base, verdict: missing.length === 0 ? 'accurate' : 'incomplete', points,
    lines: [{ points, reason: `${said} named ${named.length} of the ${failing.length} failing components: ${spec.accuratePost} × ${named.length} / ${failing.length}${missing.length > 0 ? ` (missing ${ctx.labels(missing)})` : ''}` }],
  };
}

/**
 * Every published post judged (the facilitator's verdict replacing the automatic one), and the
 * silences during impact. Null when the scenario declares no status page or no comms scoring.
 */
export function scoreComms(data: ScenarioData, world: World<unknown>, diagnosedAt: SimSeconds | null, reviews: ScoreReviews = {}, window: ScoreWindow = {}): CommsScore | null {
  const spec = data.scoring.comms;
  if (!spec || !data.statusPage) return null;
  const cadence = data.statusPage.cadenceMinutes;
  const hit = customerHit(data, world);
  const components = statusComponents(data);
  const labels = (ids: readonly string[]) => ids.map((id) => components.find((c) => c.id === id)?.label ?? id).join(', ');
  const ctx: JudgeContext = { data, world, spec, cadence, hit, diagnosedAt, labels };
  const published = world.actions.filter((a) => isStatusPost(data, a) && a.status === 'done').sort((a, b) => a.effectiveAt - b.effectiveAt || a.entry - b.entry);
  let lastEarned: SimSeconds | null = null;
  let earned = 0;
  let firstMarked = false;
  const posts = published.map((record): PostVerdict => {
    const auto = judgePost(ctx, record, lastEarned, earned);
    const mark = reviews.posts?.[record.entry];
    const verdict: PostVerdict = !mark ? auto : mark.verdict === 'accurate'
      ? { ...auto, verdict: 'accurate', facilitator: mark, points: spec.accuratePost, lines: [{ points: spec.accuratePost, reason: `marked accurate by the facilitator: ${mark.reason}` }] }
      : { ...auto, verdict: 'inaccurate', facilitator: mark, points: -spec.inaccuratePost, lines: [{ points: -spec.inaccuratePost, reason: `marked inaccurate by the facilitator: ${mark.reason}` }] };
    if (verdict.points > 0) {
      lastEarned = verdict.at;
      earned += 1;
    }
    // The first post that was right about a minute when customers were hit starts the first-update milestone.
    if (!firstMarked && (verdict.verdict === 'accurate' || verdict.verdict === 'incomplete') && verdict.failing.length > 0) {
      firstMarked = true;
      return { ...verdict, first: true };
    }
    return verdict;
  });

  // Silences: from the first hit to each post, between posts, and from the last post to the end of the failure.
  const gaps: CommsScore['gaps'] = [];
  if (hit.first !== null) {
    const until = hit.end ?? world.t;
    const marks = [hit.first, ...published.map((p) => p.effectiveAt).filter((t) => t > hit.first! && t < until), until];
    for (let i = 1; i < marks.length; i++) {
      const from = Math.max(marks[i - 1]!, window.from ?? -Infinity);
      const to = marks[i]!;
      const minutes = round1((to - from) / 60);
      if (minutes <= cadence) continue;
      const points = -round1((spec.gap * (minutes - cadence)) / cadence);
      gaps.push({ from, to, minutes, points, reason: `no update for ${minutes} min while customers were hit (${formatClock(from)}–${formatClock(to)}): ${spec.gap} × (${minutes} − ${cadence}) / ${cadence}` });
    }
  }
  const inWindow = posts.filter((p) => window.from === undefined || p.requestedAt >= window.from);
  return {
    cadenceMinutes: cadence, impactFrom: hit.first, impactTo: hit.end, posts: inWindow, gaps,
    firstAccurateAt: posts.find((p) => p.first)?.at ?? null,
    points: round1(inWindow.reduce((s, p) => s + p.points, 0) + gaps.reduce((s, g) => s + g.points, 0)),
  };
}
