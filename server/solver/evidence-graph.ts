/**
 * A team's evidence as a responder draws it on a whiteboard, from its observation alone: the
 * findings (completed investigations, `F12`) with the data signs each shows, the leads with the
 * findings that revealed them, and for each lead its trail: the findings of the tools it unlocked
 * (a tool that appears on the runbook the moment a lead is found was unlocked by it).
 */
import { describeRequest, findingId, indicatorsIn, TRIGGER_LEAD_KINDS, type FindingData, type IndicatorId, type LeadView, type TeamObservation } from '../engine/index.ts';
import { tokens } from './text-tokens.ts';

export interface Finding {
  id: string;
  entry: number;
  investigation: string;
  /** The request as a person reads it (the same words a lead's `source` uses). */
  title: string;
  requestedAt: number;
  at: number;
  data: FindingData;
  indicators: IndicatorId[];
  /** Words of the whole finding, for telling which change or component it mentions. */
  words: Set<string>;
  /** The finding as text (summary, detail, table), for exact identifiers such as a ticket id. */
  text: string;
}

export interface LeadNode extends LeadView {
  /** The findings that revealed it (its source, completed at the moment it was found). */
  revealedBy: Finding[];
  /** Findings of the tools it unlocked. */
  trail: Finding[];
  /** Findings whose data names it (change records aside: a change list names everything it lists). */
  namedIn: Finding[];
}

export interface EvidenceGraph {
  t: number;
  findings: Finding[];
  leads: Map<string, LeadNode>;
  /** Tools whose findings list changes or events (change logs): they name what they list. */
  recordTools: Set<string>;
}

/** Words that name things: no bare numbers, no one- or two-letter fragments unless they mix letters and digits (r0, s3). */
export const namingWords = (text: string): string[] => tokens(text).filter((w) => !/^\d+$/.test(w) && (w.length > 2 || /\d/.test(w)));

export function findingText(data: FindingData): string {
  return [data.summary, data.detail, ...(data.table ? [data.table.columns.join(' '), ...data.table.rows.map((r) => r.join(' '))] : [])].join('\n');
}

export function evidenceGraph(view: TeamObservation): EvidenceGraph {
  const findings: Finding[] = view.investigations.flatMap((i) => {
    if (i.status !== 'complete' || !i.evidence) return [];
    const data: FindingData = { summary: i.evidence.summary, detail: i.evidence.detail, ...(i.evidence.table ? { table: i.evidence.table } : {}) };
    return [{
      id: findingId(i.entry), entry: i.entry, investigation: i.investigation,
      title: describeRequest(view.runbook.investigations, i.investigation, i.params),
      requestedAt: i.requestedAt, at: i.completesAt, data, indicators: indicatorsIn(data), text: findingText(data), words: new Set(namingWords(findingText(data))),
    }];
  });
  const revealers = (lead: LeadView) => findings.filter((f) => f.title === lead.source && f.at === lead.at);
  // Tools whose findings revealed changes or events keep records of changes: they name what they list.
  const recordTools = new Set(view.leads.filter((l) => CHANGE_KINDS_OF_LEADS.includes(l.kind)).flatMap((l) => revealers(l).map((f) => f.investigation)));
  const mention = mentionScorer(view.leads.map((l) => l.label));
  const leads = new Map<string, LeadNode>();
  for (const lead of view.leads) {
    const tools = new Set(view.runbook.investigations.filter((i) => i.unlockedAt !== null && i.unlockedAt === lead.at).map((i) => i.id));
    const namedIn = findings.filter((f) => !recordTools.has(f.investigation) && mention(lead.label, f.words) >= NAMED);
    leads.set(lead.id, { ...lead, revealedBy: revealers(lead), trail: findings.filter((f) => tools.has(f.investigation)), namedIn });
  }
  return { t: view.t, findings, leads, recordTools };
}

/** Lead kinds that are changes or events (engine/diagnosis-catalogue.ts TRIGGER_LEAD_KINDS). */
const CHANGE_KINDS_OF_LEADS: readonly string[] = TRIGGER_LEAD_KINDS;
/** A finding names a lead when it holds this share of the lead's distinctive words. */
const NAMED = 0.45;

/**
 * How much of a name's distinctive words a text holds (0–1); words every name shares weigh nothing.
 * One shared word ("configuration") is a coincidence, not a mention: it takes two.
 */
export function mentionScorer(names: readonly string[]): (name: string, words: ReadonlySet<string>) => number {
  const lists = names.map((n) => [...new Set(namingWords(n))]);
  const df = new Map<string, number>();
  for (const list of lists) for (const w of list) df.set(w, (df.get(w) ?? 0) + 1);
  const weight = (w: string) => Math.log((names.length + 1) / (df.get(w) ?? 1));
  return (name, words) => {
    const list = [...new Set(namingWords(name))];
    const shared = list.filter((w) => words.has(w));
    const total = list.reduce((s, w) => s + weight(w), 0);
    return total > 0 && shared.length >= 2 ? shared.reduce((s, w) => s + weight(w), 0) / total : 0;
  };
}

/** A lead's own data: the findings that revealed it, those of the tools it unlocked, and those that name it. */
export function ownData(lead: LeadNode): Finding[] {
  return [...new Set([...lead.revealedBy, ...lead.trail, ...lead.namedIn])];
}

/**
 * Everything reached by following the evidence from a lead: its own data, the leads those findings
 * revealed, their own data, and so on (the chain a team follows from the failing part).
 */
export function chainFrom(graph: EvidenceGraph, leadId: string): { findings: Finding[]; leads: LeadNode[] } {
  const seen = new Set<string>([leadId]);
  const out = new Set<Finding>();
  const queue = [leadId];
  const leads: LeadNode[] = [];
  while (queue.length > 0) {
    const lead = graph.leads.get(queue.shift()!);
    if (!lead) continue;
    leads.push(lead);
    for (const f of ownData(lead)) {
      if (out.has(f)) continue;
      out.add(f);
      for (const next of graph.leads.values()) {
        if (!seen.has(next.id) && next.revealedBy.includes(f)) { seen.add(next.id); queue.push(next.id); }
      }
    }
  }
  return { findings: [...out], leads };
}
