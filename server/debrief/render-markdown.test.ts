import { beforeAll, describe, expect, it } from 'vitest';
import { clock, type Scenario } from '../engine/index.ts';
import { loadToyScenario } from '../engine/test-fixtures/load-toy.ts';
import type { Debrief } from '../protocol/debrief.ts';
import { buildDebrief } from './build-debrief.ts';
import { SESSION, toyTeams } from './debrief-fixtures.ts';
import { aheadText, cell, lessonMark, renderDebriefMarkdown } from './render-markdown.ts';

let toy: Scenario;
let debrief: Debrief;
let md: string;
beforeAll(async () => {
  toy = await loadToyScenario();
  debrief = buildDebrief({ scenario: toy, seed: 7, session: SESSION, teams: toyTeams(toy), endAt: clock('11:00') });
  md = renderDebriefMarkdown(debrief);
});

/** The body of the section that starts with `heading`, up to the next heading of the same level or higher. */
function section(heading: string): string {
  const start = md.indexOf(`${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const level = heading.indexOf(' ');
  const rest = md.slice(start + heading.length + 1);
  const next = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
  return next < 0 ? rest : rest.slice(0, next);
}

const rowsOf = (text: string) => text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));

describe('renderDebriefMarkdown', () => {
  it('has a heading per team and the shared sections', () => {
    expect(md.startsWith(`# Debrief: ${toy.data.title}\n`)).toBe(true);
    for (const h of ['## Comparison', '## What really happened', '### Real timeline', '## Lessons', '## How the score is computed']) expect(md).toContain(`${h}\n`);
    for (const t of debrief.teams) expect(md).toContain(`## ${t.name}\n`);
  });

  it('says which mode the teams played, that they are ranked within it, and that the ghost is the same in both', () => {
    expect(debrief.mode).toBe('realistic');
    expect(md).toContain('Realistic mode: Responders start with the generic on-call toolbox');
    expect(section('## Comparison')).toContain('Teams ranked within realistic mode');
    const guided = buildDebrief({ scenario: toy, seed: 7, mode: 'guided', session: SESSION, teams: toyTeams(toy), endAt: clock('11:00') });
    expect(guided.mode).toBe('guided');
    expect(renderDebriefMarkdown(guided)).toContain('Guided mode: Every tool and diagnosis option is there from the start');
    expect(guided.reference).toEqual(debrief.reference);
  });

  it('lists every timeline line of a team at its UTC time, beside the real timeline', () => {
    for (const team of debrief.teams) {
      const body = section(`## ${team.name}`);
      const timeline = body.slice(body.indexOf('### Timeline'));
      const lines = rowsOf(timeline.slice(0, timeline.indexOf('### Lessons')));
      // Header + one row per team line + one per real line.
      expect(lines).toHaveLength(1 + team.timeline.length + debrief.realTimeline.length);
      for (const e of team.timeline) {
        const name = e.kind === 'note' ? e.ref : e.title.replace(/^(Diagnosis|Alert): /, '');
        expect(lines.some((l) => l.startsWith(`| ${e.clock} | `) && l.includes(cell(name))), `${e.clock} ${name}`).toBe(true);
      }
      for (const r of debrief.realTimeline) expect(lines.some((l) => l.startsWith(`| ${r.clock} | `) && l.endsWith(` ${cell(r.text)} |`))).toBe(true);
    }
  });

  it('writes the same scores, ranks and milestone times as the JSON', () => {
    const rows = rowsOf(section('## Comparison')).slice(1);
    expect(rows).toHaveLength(debrief.comparison.length);
    debrief.comparison.forEach((r, i) => {
      const cells = rows[i]!.slice(2, -2).split(' | ');
      expect(cells[0]).toBe(r.ghost ? 'ghost' : String(r.rank));
      expect(cells[1]).toBe(r.name);
      expect(Number(cells[2])).toBe(r.total);
      // The "vs the real responders" cell is a whole phrase, never cut mid-sentence.
      if (r.ghost) expect(cells[3]).toBe('—');
      else expect(cells[3]).toMatch(r.vsReference === 0 ? /^level$/ : new RegExp(`^${Math.abs(r.vsReference)} points ${r.vsReference > 0 ? 'ahead' : 'behind'}$`));
      r.milestones.forEach((m, j) => expect(cells[4 + j]!.startsWith(m.clock ?? 'not reached')).toBe(true));
    });
    for (const t of debrief.teams) {
      expect(section(`## ${t.name}`)).toContain(`**Score ${t.score.total}**, rank ${t.rank} of ${debrief.teams.length}`);
      for (const m of t.milestones) expect(section(`## ${t.name}`)).toContain(`| ${m.label} | ${m.realClock} | ${m.teamClock ?? '—'} | ${aheadText(m.minutesAhead)} | ${m.points} | ${cell(m.rule)} |`);
    }
  });

  it('lists every penalty with its time and says which lessons were acted on or missed', () => {
    const green = section('## Green');
    expect(green).toContain('| 10:12 | diagnose | diagnosis 10:12 wrong: An attack / Overload (submission 1 not right: 1 × 40) | −40 |');
    expect(green).toContain('| 10:10 | diagnose | hint: Hint | −20 |');
    expect(green).toContain('| 10:09 | avoid-harm | Restart the API: restarts do not fix a bad config | −10 |');
    expect(section('## Red')).toContain('**Validate config** — Acted on, warranted by the evidence: Roll back the config at 10:25.');
    expect(section('## Idle')).toContain('**Validate config** — Missed: never Roll back the config.');
    const tripped = { id: 'x', title: 'X', text: 't', status: 'tripped' as const, evidence: [], related: [
      { kind: 'action' as const, id: 'restart_api', title: 'Restart the API', at: 36540, clock: '10:09', penalised: true, warranted: false },
      { kind: 'investigation' as const, id: 'logs', title: 'Query logs', at: 36600, clock: '10:10', penalised: false, warranted: null },
    ] };
    expect(lessonMark(tripped)).toBe('Fell into it: Restart the API at 10:09 (a penalised detour).');
  });

  it('writes pinned notes with their author', () => {
    expect(section('## Red')).toContain('| 10:21 | Note: Ada (Rolling back \\| now) | — | — |');
  });

  it('keeps tables intact when text contains pipes or line breaks', () => {
    expect(cell('a | b\nc')).toBe('a \\| b c');
    expect(section('## Blue')).toContain('Investigating \\| errors');
    for (const line of md.split('\n').filter((l) => l.startsWith('|'))) expect(line.endsWith('|')).toBe(true);
  });

  it('writes what players typed as text: no HTML, links, images or emphasis from names, notes or diagnoses', () => {
    const teams = toyTeams(toy);
    teams[0] = {
      ...teams[0]!, name: '<script>alert(1)</script>', players: [{ name: '**Boss** <img src=x onerror=alert(1)>', role: null }],
      notes: [{ at: clock('10:21'), name: '[x](http://evil.example)', text: '![p](http://evil.example/p.png) `code` <b>hi</b> ~~gone~~ & _em_' }],
    };
    const hostile = renderDebriefMarkdown(buildDebrief({ scenario: toy, seed: 7, session: SESSION, teams, endAt: clock('11:00') }));
    for (const raw of [/<script/, /<img/, /<b>/, /(?<!\\)\]\(http/, /(?<!\\)\*\*Boss/, /(?<!\\)`code/, /(?<!\\)~~gone/, / _em_/]) expect(hostile).not.toMatch(raw);
    expect(hostile).toContain('## &lt;script&gt;alert(1)&lt;/script&gt;\n');
    expect(hostile).toContain('Players: \\*\\*Boss\\*\\* &lt;img src=x onerror=alert(1)&gt;.');
    expect(hostile).toContain('Note: \\[x\\](http://evil.example) (!\\[p\\](http://evil.example/p.png) \\`code\\` &lt;b&gt;hi&lt;/b&gt; \\~\\~gone\\~\\~ &amp; \\_em\\_)');
  });
});
