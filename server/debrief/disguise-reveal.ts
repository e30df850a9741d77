/**
 * The debrief of a disguised session reveals the disguise: it is written in the real names, and
 * says which fictional name the teams saw for each (scenario.json `disguise`).
 */
import type { ScenarioData } from '../engine/index.ts';
import type { DisguiseReveal } from '../protocol/views.ts';

export function disguiseReveal(data: ScenarioData): DisguiseReveal | null {
  const d = data.disguise;
  if (!d) return null;
  return { title: d.title, summary: d.summary, date: d.date, realTitle: data.title, realDate: data.date, aliases: d.aliases.map((a) => ({ real: a.real, alias: a.alias })) };
}

/** The debrief's `disguise` field: present only for a session played disguised. */
export function revealIn(data: ScenarioData, disguised: boolean | undefined): { disguise?: DisguiseReveal } {
  const reveal = disguised ? disguiseReveal(data) : null;
  return reveal ? { disguise: reveal } : {};
}

/** The Markdown export's section: what each alias stood for. */
export function revealMarkdown(reveal: DisguiseReveal): string {
  const rows = reveal.aliases.map((a) => `| ${a.alias} | ${a.real} |`);
  return [
    '## The disguise',
    `Played disguised as "${reveal.title}" (${reveal.date}). What each name the teams saw stood for:`,
    '',
    ['| Seen as | Real name |', '|---|---|', `| ${reveal.title} | ${reveal.realTitle} |`, `| ${reveal.date} | ${reveal.realDate} |`, ...rows].join('\n'),
  ].join('\n');
}
