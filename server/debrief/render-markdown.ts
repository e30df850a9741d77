/**
 * The debrief as Markdown, to paste into a post-incident document: headings, tables, UTC times
 * written "HH:MM". Rendered from the Debrief JSON only, so both exports always agree.
 */
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
  const done = l.related.filter((r) => r.clock !== null);
  switch (l.status) {
    case 'tripped': return `Fell into it: ${did(done.filter((r) => r.penalised))} (a penalised detour).`;
    case 'avoided': return `Avoided: never ${l.related.filter((r) => r.penalised).map((r) => r.title).join(', ')}.`;
    case 'acted': return `Acted on: ${did(done)}.`;
    case 'missed': return `Missed: never ${l.related.map((r) => r.title).join(', ')}.`;
    case 'general': return 'General lesson.';
  }
}

function milestoneTable(milestones: readonly DebriefMilestone[]): string {
  return table(['Milestone', 'Real (UTC)', 'Team (UTC)', 'Ahead / behind', 'Points'],
    milestones.map((m) => [m.label + (m.relapses ? ` (${m.relapses.join('; ')}: relapsed, no credit)` : '') + (m.inherited ? ' (before the branch point: not scored again)' : ''), m.realClock, m.teamClock, aheadText(m.minutesAhead), `${m.points} / ${m.max}`]));
}

function teamSection(d: Debrief, t: DebriefTeam): string {
  const s = t.score;
  const out: string[] = [];
  out.push(`## ${plain(t.name)}`);
  out.push(`**Score ${s.total}**, rank ${t.rank} of ${d.teams.length}, ${pointsVersus(t.vsReference)} (${d.reference.score.total}).`);
  out.push(`Players: ${t.players.length === 0 ? 'none recorded' : t.players.map((p) => (p.role ? `${plain(p.name)} (${p.role})` : plain(p.name))).join(', ')}.`);
  out.push(`Score: ${s.formula}.`);
  out.push('### Milestones', milestoneTable(t.milestones));
  out.push('### Customer impact',
    `${s.impact.errorMinutes} error-minutes of \`${s.impact.signal}\` above ${s.impact.baseline} (real responders: ${s.impact.referenceErrorMinutes}). ${s.impact.points} points: ${s.impact.rule}.`);
  out.push('### Penalties', s.penalties.length === 0 ? 'None.' : table(['UTC', 'Reason', 'Points'], s.penalties.map((p) => [formatClock(p.at), p.reason, `−${p.points}`])));
  out.push('### Timeline, beside the real one', timelineTable(d, t.timeline));
  // Facilitator interventions: each abandoned line is listed, never scored (docs/scoring.md "Rewinds").
  for (const r of t.rewinds) {
    out.push(`### Rewound at ${r.clock} to ${r.toClock} by the facilitator (abandoned line, not scored)`,
      r.abandoned.length === 0 ? 'Nothing happened on that stretch.' : table(['UTC', 'Kind', 'What'], r.abandoned.map((e) => [e.clock, e.kind, e.kind === 'note' ? `${e.ref}: ${e.detail}` : e.title])));
  }
  out.push('### Lessons', t.lessons.length === 0 ? 'None listed.' : t.lessons.map((l) => {
    const mark = lessonMark(l);
    return `- **${l.title}** — ${mark} ${l.text.replace(/\s*\n\s*/g, ' ')}`;
  }).join('\n'));
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
      r.ghost ? 'ghost' : r.rank, r.name, r.total, r.ghost ? '—' : pointsVersus(r.vsReference).replace(' the real responders', ''),
      ...r.milestones.map((m) => (m.clock === null ? 'not reached' : `${m.clock} (${aheadText(m.minutesAhead)})`)),
      r.errorMinutes, r.penalties === 0 ? '0' : `−${r.penalties}`, r.wrongDiagnoses, r.actions,
    ]),
  ));
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
    '- Milestones: weight × clamp(1 + minutes ahead / 120, 0, 2); not reached: 0.',
    '- Customer impact: weight × clamp(real error-minutes / team error-minutes, 0, 2).',
    '- Penalties: each wrong diagnosis, each harmful or useless action, each hint given by the facilitator.',
    '- The real responders (the scenario\'s reference plan, replayed with the same seed to the same end) are the baseline.',
  ].join('\n'));
  return `${out.join('\n\n')}\n`;
}
