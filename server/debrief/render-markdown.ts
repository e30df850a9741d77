/**
 * The debrief as Markdown, to paste into a post-incident document: headings, tables, UTC times
 * written "HH:MM". Rendered from the Debrief JSON only, so both exports always agree.
 */
import { revealMarkdown } from './disguise-reveal.ts';
import { formatClock } from '../engine/index.ts';
import type { Debrief, DebriefEvent, DebriefLesson, DebriefMilestone, DebriefTeam } from '../protocol/debrief.ts';
import { SESSION_MODE_INFO } from '../protocol/session-mode.ts';

/**
 * Text shown as it was typed, never as Markdown or HTML: names, team names, notes and diagnoses
 * come from players. HTML's &, <, > become entities; the characters that make emphasis, code,
 * links, images, strike-through and table cells are backslash-escaped; line breaks are folded.
 */
export function plain(value: string): string {
  return value
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** A table cell: plain text (pipes escaped, line breaks folded), so a cell never breaks the table. */
export function cell(value: string | number | null): string {
  if (value === null) return '—';
  return plain(String(value)) || '—';
}

function table(head: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [
    `| ${head.map(cell).join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** A score delta with its unit and direction: "28 points behind", never a bare "+28". */
export function pointsVersus(delta: number): string {
  if (delta === 0) return 'level with the real responders';
  return `${Math.abs(delta)} points ${delta > 0 ? 'ahead of' : 'behind'} the real responders`;
}

/** The same delta under a "vs the real responders" heading: a whole phrase, "136.8 points ahead". */
export function pointsVersusCell(delta: number): string {
  if (delta === 0) return 'level';
  return `${Math.abs(delta)} points ${delta > 0 ? 'ahead' : 'behind'}`;
}

export function aheadText(minutesAhead: number | null): string {
  if (minutesAhead === null) return 'not reached';
  if (minutesAhead === 0) return 'on time';
  return minutesAhead > 0 ? `${minutesAhead} min ahead` : `${-minutesAhead} min behind`;
}

function eventWhat(e: DebriefEvent): string {
  const kind = { action: 'Action', investigation: 'Investigation', diagnosis: 'Diagnosis', inject: 'Inject', alert: 'Alert', note: 'Note' }[e.kind];
  const title = e.kind === 'diagnosis' || e.kind === 'alert' ? e.title.replace(/^(Diagnosis|Alert): /, '') : e.kind === 'note' ? e.ref : e.title;
  return `${kind}: ${title}${e.kind === 'inject' && e.ref === 'hint' ? ' (hint)' : ''}`;
}

function eventResult(e: DebriefEvent): string {
  if (e.kind === 'diagnosis') return e.correct ? 'correct' : 'wrong';
  if (e.kind === 'action') return e.settlesClock ? `effective ${e.settlesClock}: ${e.outcome ?? ''}` : 'still pending at the end';
  if (e.kind === 'investigation') return e.settlesClock ? `evidence ${e.settlesClock}: ${e.outcome ?? ''}` : 'still running at the end';
  return '';
}

export function lessonMark(l: DebriefLesson): string {
  const did = (list: DebriefLesson['related']) => list.map((r) => `${r.title} at ${r.clock}`).join('; ');
  const actions = l.related.filter((r) => r.kind === 'action');
  const done = actions.filter((r) => r.clock !== null);
  const found = l.evidence.length === 0 ? '' : ` Evidence found: ${l.evidence.map((e) => `${e.finding} ${e.title} at ${e.clock} (${e.shows.join('; ')})`).join('; ')}.`;
  switch (l.status) {
    case 'tripped': return `Fell into it: ${did(done.filter((r) => r.penalised))} (a penalised detour).`;
    case 'avoided': return `Avoided: never ${actions.filter((r) => r.penalised).map((r) => r.title).join(', ')}.`;
    case 'acted': return `Acted on, warranted by the evidence: ${did(done.filter((r) => r.warranted))}.${found}`;
    case 'unwarranted': return `Done without the evidence that warrants it: ${did(done)}.${found}`;
    case 'missed': return `Missed: never ${actions.map((r) => r.title).join(', ')}.${found}`;
    case 'general': return `General lesson.${found}`;
  }
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

function milestoneTable(milestones: readonly DebriefMilestone[]): string {
  return table(['Milestone', 'Real (UTC)', 'Team (UTC)', 'Ahead / behind', 'Points', 'Rule'],
    milestones.map((m) => [
      m.label + (m.relapses ? ` (${m.relapses.join('; ')}: relapsed, no credit)` : '') + (m.inherited ? ' (before the branch point: not scored again)' : ''),
      m.realClock, m.teamClock, aheadText(m.minutesAhead), String(m.points), m.rule,
    ]));
}

/** The after-action review: one subsection per objective, HSEEP's way. */
function aarText(t: DebriefTeam): string[] {
  const bullets = (xs: readonly string[]) => (xs.length === 0 ? '- None.' : xs.map((x) => `- ${plain(x)}`).join('\n'));
  return t.aar.flatMap((o) => [
    `#### ${o.label}: ${o.rating} (${o.ratingLabel}), ${signed(o.points)} points`,
    `**Expected**\n${bullets(o.expected)}`,
    `**What the team did**\n${bullets(o.observed)}`,
    `**Strengths**\n${bullets(o.strengths)}`,
    `**Areas for improvement**\n${bullets(o.improvements)}`,
  ]);
}

function commsText(d: Debrief, t: DebriefTeam): string[] {
  const c = t.score.comms;
  if (!c) return [];
  const label = (id: string) => d.statusPage?.components.find((x) => x.id === id)?.label ?? id;
  return [
    '### Status posts, judged against what was true',
    c.posts.length === 0 ? 'No status post was published.' : table(['Published (UTC)', 'State', 'Components', 'Message', 'Failing then', 'Verdict', 'Points', 'Why'],
      c.posts.map((p) => [formatClock(p.at), p.state, p.components.map(label).join(', ') || 'none', p.message, p.failing.map(label).join(', ') || 'none', p.verdict, signed(p.points), p.lines.map((l) => l.reason).join('; ')])),
    c.gaps.length === 0 ? `No silence longer than the ${c.cadenceMinutes}-minute cadence while customers were hit.` : table(['From', 'To', 'Minutes', 'Points', 'Why'], c.gaps.map((g) => [formatClock(g.from), formatClock(g.to), g.minutes, signed(g.points), g.reason])),
  ];
}

function diagnosesText(t: DebriefTeam): string[] {
  const verdict = { right: 'right', 'right-unsupported': 'right but unsupported', 'partly-right': 'partly right', wrong: 'wrong' } as const;
  if (t.score.diagnoses.length === 0) return ['### Diagnoses', 'No diagnosis was declared.'];
  return ['### Diagnoses', table(['UTC', 'Claim (trigger / component / mechanism)', 'Free text', 'Verdict', 'What supported each part', 'Findings attached', 'Points'],
    t.score.diagnoses.map((x) => [
      formatClock(x.at), [x.trigger, x.component, x.mechanism].filter((p) => p !== null).join(' / '), x.text || '—',
      verdict[x.verdict] + (x.facilitator ? ` (facilitator: ${x.facilitator.reason})` : ''),
      x.parts.map((p) => `${p.part}: ${p.right ? 'right' : 'wrong'}, ${p.supported ? `supported by ${p.shownBy.join('; ') || 'nothing required'}` : 'unsupported'}`).join('. '),
      x.cited.map((f) => `${f.id} ${f.title}${f.shows.length > 0 ? ` (showed: ${f.shows.join('; ')})` : ' (showed nothing that counts)'}`).join('; ') || 'none',
      x.penalty === 0 ? (x.credited ? 'credited' : '0') : `−${x.penalty}`,
    ]))];
}

function impactText(s: DebriefTeam['score']): string[] {
  const i = s.impact;
  return ['### Customer impact',
    `${i.errorMinutes} weighted unit-minutes (real responders ${i.referenceErrorMinutes}, doing nothing ${i.noActionErrorMinutes}): ${i.points} points = ${i.rule}.`,
    table(['Signal', 'Weight', 'Healthy level', 'Team', 'Real responders', 'Doing nothing'], i.signals.map((x) => [x.label, x.weight, `${x.op === 'above' ? '≤' : '≥'} ${x.baseline}`, x.team, x.reference, x.noAction]))];
}

function reviewText(t: DebriefTeam): string[] {
  return [
    '### Improvement plan',
    t.improvementPlan.length === 0 ? 'No item yet: the facilitator writes them after the session.' : table(['What', 'Owner', 'Due', 'Objective'], t.improvementPlan.map((i) => [i.what, i.owner, i.due, i.objective ?? '—'])),
    '### Facilitator review',
    t.reviewLog.length === 0 ? 'No review entry.' : table(['#', 'When (UTC)', 'Entry', 'Status'], t.reviewLog.map((r) => [r.seq, r.at.slice(0, 16).replace('T', ' '), r.text, r.withdrawn ? 'withdrawn' : 'applied'])),
  ];
}

function teamSection(d: Debrief, t: DebriefTeam): string {
  const s = t.score;
  const out: string[] = [];
  out.push(`## ${plain(t.name)}`);
  out.push(`**Score ${s.total}**, rank ${t.rank} of ${d.teams.length}, ${pointsVersus(t.vsReference)} (${d.reference.score.total}).`);
  out.push(`Players: ${t.players.length === 0 ? 'none recorded' : t.players.map((p) => (p.role ? `${plain(p.name)} (${p.role})` : plain(p.name))).join(', ')}.`);
  out.push(`Score: ${s.formula}.`);
  out.push('### After-action review', table(['Objective', 'Rating', 'Points'], t.aar.map((o) => [o.label, `${o.rating}: ${o.ratingLabel}`, signed(o.points)])), ...aarText(t));
  out.push('### Milestones', milestoneTable(t.milestones));
  out.push(...impactText(s));
  out.push(...commsText(d, t));
  out.push(...diagnosesText(t));
  out.push('### Risks taken and penalties', s.penalties.length === 0 ? 'None.' : table(['UTC', 'Objective', 'Reason', 'Points'], s.penalties.map((p) => [formatClock(p.at), p.objective, p.reason, `−${p.points}`])));
  if (s.adjustments.length > 0) out.push('### Facilitator adjustments', table(['Points', 'Objective', 'Reason'], s.adjustments.map((a) => [signed(a.points), a.objective ?? '—', a.reason])));
  out.push(...reviewText(t));
  out.push('### Timeline, beside the real one', timelineTable(d, t.timeline));
  // Facilitator interventions: each abandoned line is listed, never scored (docs/scoring.md "Rewinds").
  for (const r of t.rewinds) {
    out.push(`### Rewound at ${r.clock} to ${r.toClock} by the facilitator (abandoned line, not scored)`,
      r.abandoned.length === 0 ? 'Nothing happened on that stretch.' : table(['UTC', 'Kind', 'What'], r.abandoned.map((e) => [e.clock, e.kind, e.kind === 'note' ? `${e.ref}: ${e.detail}` : e.title])));
  }
  out.push('### Lessons', t.lessons.length === 0 ? 'None listed.' : t.lessons.map((l) => `- **${l.title}** — ${plain(lessonMark(l))} ${l.text.replace(/\s*\n\s*/g, ' ')}`).join('\n'));
  out.push('### State of the world at the end', `${t.truth.headline}`, t.truth.facts.length === 0 ? '' : table(['Fact', 'Value'], t.truth.facts.map((f) => [f.label, f.value])));
  if (t.refused.length > 0) out.push('### Commands refused on replay', table(['UTC', 'Error'], t.refused.map((r) => [r.clock, r.error])));
  return out.filter((x) => x !== '').join('\n\n');
}

/** Team lines and real lines merged by time: "Team" and "Real" columns side by side. */
function timelineTable(d: Debrief, events: readonly DebriefEvent[]): string {
  type Row = { at: number; order: number; team: string; result: string; real: string };
  const rows: Row[] = [
    ...events.map((e, i) => ({ at: e.at, order: i, team: eventWhat(e) + (e.detail && e.kind !== 'alert' ? ` (${e.detail})` : '') + (e.inherited ? ' [inherited]' : ''), result: eventResult(e) + (e.penalty ? ` [−${e.penalty}]` : ''), real: '' })),
    ...d.realTimeline.map((r, i) => ({ at: r.at, order: 10_000 + i, team: '', result: '', real: r.text })),
  ].sort((a, b) => a.at - b.at || a.order - b.order);
  return table(['UTC', 'Team', 'Result', 'Real timeline'], rows.map((r) => [formatClock(r.at), r.team || null, r.result || null, r.real || null]));
}

/** Where this session sits among branches: its parent and its children, by join code. */
function lineageText(d: Debrief): string {
  const lines: string[] = [];
  const { parent, children } = d.lineage;
  if (d.branch) {
    const from = parent ? `session ${parent.code}` : 'a session no longer stored';
    lines.push(`A branch of ${from} (team ${plain(d.branch.parentTeamId)}) at ${d.branch.clock} UTC: everything before ${d.branch.clock} is inherited, and every run here is scored from ${d.branch.clock} on.`);
  }
  if (children.length > 0) lines.push(`Branches of this session: ${children.map((c) => `${c.code} (team ${plain(c.teamId)} at ${c.branchedClock}${c.ended ? '' : ', still open'})`).join(', ')}.`);
  return lines.join(' ');
}

export function renderDebriefMarkdown(d: Debrief): string {
  const out: string[] = [];
  out.push(`# Debrief: ${d.scenario.title}`);
  out.push([
    `Scenario \`${d.scenario.id}\` (${d.scenario.date}), simulated ${d.scenario.start}–${d.endedClock} UTC, seed ${d.seed}.`,
    `Session ${d.session.code ?? d.session.id}${d.session.endedAt ? `, ended ${d.session.endedAt}` : ''}.`,
    `${SESSION_MODE_INFO[d.mode].label} mode: ${SESSION_MODE_INFO[d.mode].explanation}`,
  ].join(' '));
  const lineage = lineageText(d);
  if (lineage) out.push(lineage);
  out.push('## Comparison');
  out.push(`Teams ranked within ${d.mode} mode; the ghost is the real responders' run, the same in either mode.`);
  out.push(table(
    ['Rank', 'Team', 'Score', 'vs the real responders', ...d.milestones.map((m) => `${m.label} (real ${m.realClock})`), 'Error-minutes', 'Penalties', 'Wrong diagnoses', 'Actions'],
    d.comparison.map((r) => [
      r.ghost ? 'ghost' : r.rank, r.name, r.total, r.ghost ? '—' : pointsVersusCell(r.vsReference),
      ...r.milestones.map((m) => (m.clock === null ? 'not reached' : `${m.clock} (${aheadText(m.minutesAhead)})`)),
      r.errorMinutes, r.penalties === 0 ? '0' : `−${r.penalties}`, r.wrongDiagnoses, r.actions,
    ]),
  ));
  if (d.disguise) out.push(revealMarkdown(d.disguise));
  out.push('## What really happened', d.whatHappened);
  out.push('### Real timeline', table(['UTC', 'Event', 'Source'], d.realTimeline.map((r) => [r.clock, r.text, r.source])));
  out.push('### The real responders, replayed', `Score ${d.reference.score.total}: ${d.reference.score.formula}.`, milestoneTable(d.reference.milestones));
  if (d.branch?.parentRun) {
    const run = d.branch.parentRun;
    out.push(`### The original team's run (${plain(run.name)}), from the parent session`, `Score ${run.score.total}: ${run.score.formula}.`, milestoneTable(run.milestones));
  }
  for (const t of d.teams) out.push(teamSection(d, t));
  if (d.lessons.length > 0) out.push('## Lessons', d.lessons.map((l) => `- **${l.title}** — ${l.text.replace(/\s*\n\s*/g, ' ')}`).join('\n'));
  out.push('## How the score is computed', [
    '- Total = milestones + customer impact + communication − penalties (+ the facilitator\'s adjustments); each term is shown with its rule, and docs/scoring.md gives every rule with a worked example.',
    '- Milestones: max(0, weight × (1 + minutes ahead of the real time / span)), with no cap; a milestone the team\'s own action made moot counts as met at its best value; a recovery inside a natural good window counts from when the team\'s fix took effect.',
    '- Customer impact: the weighted area of every customer-facing signal beyond its healthy level; points = weight × (doing nothing − team) / (doing nothing − real responders).',
    '- Communication: each status post judged against what was failing when it was published (early, Resolved while failing, Identified before a supported diagnosis, no failing component named cost; an accurate post earns), and silences longer than the cadence while customers were hit cost.',
    '- Penalties: each wrong or unsupported diagnosis (the n-th costs n × the base), each risky action and each rollback without evidence, each hint given by the facilitator.',
    '- The real responders (the scenario\'s reference plan, replayed with the same seed to the same end) are the baseline ghost row.',
  ].join('\n'));
  return `${out.join('\n\n')}\n`;
}
