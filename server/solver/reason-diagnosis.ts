/**
 * A diagnosis reasoned from a team's evidence, the way a trainer walks a bridge call through it:
 * 1. The failing component: the one whose own data (the findings that revealed it, those of the
 *    tools it unlocked and those that name it) shows the failure: crashes, errors, an input that
 *    grew. A service (who is hit) counts half: a failure shows there, it is raised in a component.
 * 2. The mechanism: the generic failure class whose signature (engine/failure-signatures.ts: how
 *    each class looks in data, written for incidents in general) the component's data shows best,
 *    what speaks against each class anywhere, the kind of change it followed and the kind of
 *    action that cured it.
 * 3. The trigger: a change the team found, judged by its own record (its time against the onset of
 *    impact), by whether the evidence followed from the failing component mentions it, and by
 *    whether rolling it back cured the impact; or a generic hypothesis, judged by signs in the data.
 * Each part cites the findings it stands on. Nothing here sees what a finding "shows" to the
 * scenario (its hidden observations) or the answer: only the data a team sees.
 */
import {
  changeKindsOf, FAILURE_SIGNATURES, GENERIC_TRIGGER_SIGNATURES, INDICATORS, MAX_CITED_FINDINGS,
  type ActionKind, type ChangeKind, type ParamValues, type FailureSignature, type IndicatorId, type Sample, type TeamObservation,
} from '../engine/index.ts';
import { chainFrom, evidenceGraph, mentionScorer, namingWords, ownData, type EvidenceGraph, type Finding, type LeadNode } from './evidence-graph.ts';

export interface PartChoice {
  id: string;
  label: string;
  score: number;
  /** Mechanisms: a defining sign of the class (weight ≥ 2) is in the failing component's own data. */
  defined?: boolean;
  /** Why, in a sentence each (for the free text and the checker's report). */
  reasons: string[];
  /** The findings this part stands on, strongest first. */
  cites: string[];
}

export interface DiagnosisChoice {
  trigger: PartChoice;
  /** Absent when the team has found no component to name. */
  component?: PartChoice;
  mechanism: PartChoice;
  /** The findings attached (at most the engine's limit), each part's strongest first. */
  evidence: string[];
  /** Every part stands on evidence and none is a close call. */
  confident: boolean;
  /**
   * Each part on its own: the trigger stands out from the others, the failing component is named
   * from its own data (false while none is found), the mechanism is defined and stands out.
   */
  sure: { trigger: boolean; component: boolean; mechanism: boolean };
  text: string;
}

/** A change that was made and then took effect: the solver's fixes that cured the impact. */
export interface AppliedFix {
  action: string;
  params: ParamValues;
  kind: ActionKind;
}

export interface ReasoningContext {
  impact: { signal: string; baseline: number };
  /** Fixes in effect once the impact settled (empty before): "rolling it back cured it". */
  cured: AppliedFix[];
}

/**
 * Below these, a part is a hunch, not a claim (scores are sums of indicator weights). A generic
 * hypothesis (an attack, a provider's outage…) stands on signs alone, with no record of its own:
 * it takes more of them (two signs, or a strong one) than a change or event the team found.
 */
const CONFIDENT = { component: 1, trigger: 1, genericTrigger: 1.5, triggerMargin: 0.5, mechanism: 3, mechanismMargin: 1 };
/** How far back a change still counts as "just before" the onset (the timing score halves every ~20 min). */
const TIMING_SCALE_SECONDS = 30 * 60;
/** An indicator this heavy in a class's signature defines it: no claim of that class without one. */
const DEFINING = 2;
/** A finding mentions a change when it holds this share of the change's distinctive words (and two at least). */
const MENTION = 0.3;
/** A finding naming a change's ticket id links it as surely as all of its words (a link weighs 1.5 × strength). */
const TICKET_LINK = 4 / 3;
/** A finding away from the failing component counts this much toward a mechanism. */
const ELSEWHERE = 0.25;

/** What a generic hypothesis amounts to as a kind of change. */
const GENERIC_TRIGGER_KINDS: Record<string, ChangeKind[]> = {
  external_attack: ['load'], demand_surge: ['load'], code_release: ['release'], hardware_or_datacenter: ['infrastructure'], provider_outage: [],
};

/** Weight of the strongest class an indicator points at: how much seeing it says "something failed here". */
const failureWeight = (ids: readonly IndicatorId[]) => ids.reduce((sum, id) => {
  const w = Math.max(0, ...Object.values(FAILURE_SIGNATURES).map((s) => s.signs[id] ?? 0));
  return sum + w;
}, 0);

/** The first sample from which the impact signal stays above its baseline for two samples. */
export function impactOnset(samples: readonly Sample[], signal: string, baseline: number): number | null {
  for (let i = 0; i + 1 < samples.length; i++) {
    if ((samples[i]!.values[signal] ?? 0) > baseline && (samples[i + 1]!.values[signal] ?? 0) > baseline) return samples[i]!.t;
  }
  return null;
}

/** "11:05", "08:47:12", "yesterday 16:10" → sim seconds of the scenario day (yesterday is negative). */
export function clockIn(text: string): number | null {
  const m = /\b(\d{1,2}):(\d{2})(?::(\d{2}))?\b/.exec(text);
  if (!m) return null;
  const t = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
  return /\byesterday\b/i.test(text) ? t - 86400 : t;
}

const byScore = <T extends { score: number; label: string }>(a: T, b: T) => b.score - a.score || a.label.localeCompare(b.label, 'en');
const round = (x: number) => Math.round(x * 100) / 100;

function chooseComponent(graph: EvidenceGraph, options: TeamObservation['runbook']['diagnosis']['components']): PartChoice[] {
  return options.map((o): PartChoice => {
    const lead = graph.leads.get(o.id);
    const data = lead ? ownData(lead) : [];
    const weighed = data.map((f) => ({ f, w: failureWeight(f.indicators) })).filter((x) => x.w > 0)
      // The finding that revealed it first on a tie: it is about this component.
      .sort((a, b) => b.w - a.w || Number(lead!.revealedBy.includes(b.f)) - Number(lead!.revealedBy.includes(a.f)) || a.f.entry - b.f.entry);
    const shown = [...new Set(weighed.flatMap((x) => x.f.indicators))].filter((id) => failureWeight([id]) > 0);
    // A service is where the failure shows (who is hit), a component or artefact where it is raised.
    const where = lead?.kind === 'service' ? 0.5 : 1;
    return {
      id: o.id, label: o.label, score: round(where * weighed.reduce((s, x) => s + x.w, 0)),
      reasons: shown.length > 0 ? [`its own data shows ${shown.map((id) => INDICATORS[id].says).join('; ')}`] : [],
      cites: weighed.slice(0, 2).map((x) => x.f.id),
    };
  }).sort(byScore);
}

interface MechanismInputs {
  graph: EvidenceGraph;
  about: ReadonlySet<Finding>;
  kinds: readonly ChangeKind[];
  cured: readonly AppliedFix[];
}

function scoreSignature(sig: Pick<FailureSignature, 'signs' | 'against'>, { graph, about }: Pick<MechanismInputs, 'graph' | 'about'>): { score: number; found: { id: IndicatorId; f: Finding; w: number }[] } {
  const found: { id: IndicatorId; f: Finding; w: number }[] = [];
  let score = 0;
  for (const [id, weight] of Object.entries(sig.signs) as [IndicatorId, number][]) {
    let best: { f: Finding; rel: number } | null = null;
    for (const f of graph.findings) {
      if (!f.indicators.includes(id)) continue;
      const rel = about.has(f) ? 1 : ELSEWHERE;
      if (!best || rel > best.rel) best = { f, rel };
    }
    if (best) { score += weight * best.rel; found.push({ id, f: best.f, w: weight * best.rel }); }
  }
  // What speaks against a class counts wherever it was seen.
  for (const [id, weight] of Object.entries(sig.against ?? {}) as [IndicatorId, number][]) {
    if (graph.findings.some((f) => f.indicators.includes(id))) score -= weight;
  }
  return { score, found };
}

function chooseMechanism(input: MechanismInputs, options: TeamObservation['runbook']['diagnosis']['mechanisms'], triggerCite: string | undefined): PartChoice[] {
  return options.map((o): PartChoice => {
    const sig = FAILURE_SIGNATURES[o.id];
    if (!sig) return { id: o.id, label: o.label, score: 0, reasons: [], cites: [] };
    const { score, found } = scoreSignature(sig, input);
    const follows = (sig.follows ?? []).filter((k) => input.kinds.includes(k));
    const cure = input.cured.filter((fx) => (sig.curedBy ?? []).includes(fx.kind));
    const reasons = [
      ...found.map(({ id, f }) => `${f.id} shows ${INDICATORS[id].says}`),
      ...(follows.length > 0 ? [`it follows a ${follows.join('/')} change`] : []),
      ...(cure.length > 0 ? [`a ${cure[0]!.kind} change cured it`] : []),
    ];
    const cites = [...new Set(found.filter((x) => x.w >= 1).sort((a, b) => b.w - a.w).map((x) => x.f.id))].slice(0, 2);
    // How a trigger led to the failure stands on the trigger's record too.
    if (triggerCite && cites.length > 0 && !cites.includes(triggerCite)) cites.push(triggerCite);
    const defined = found.some((x) => x.w >= DEFINING && input.about.has(x.f));
    return { id: o.id, label: o.label, score: round(score + (follows.length > 0 ? 1 : 0) + (cure.length > 0 ? 0.5 : 0)), defined, reasons, cites };
  }).sort(byScore);
}

/** A change ticket's id as a cell of its record ("CHG-48181", "INC-42"): named anywhere else, it is that change. */
const TICKET = /^[A-Z][A-Z0-9]*-\d{2,}$/;

/** The row of a change list that records this change (the best-matching row of the finding's table). */
function changeRecord(lead: LeadNode, mention: (name: string, words: ReadonlySet<string>) => number): { f: Finding; row: string; tickets: string[] } | null {
  let best: { f: Finding; row: string; tickets: string[]; m: number } | null = null;
  for (const f of lead.revealedBy) {
    for (const row of f.data.table?.rows ?? []) {
      const text = row.map(String).join(' ');
      const m = mention(lead.label, new Set(namingWords(text)));
      if (!best || m > best.m) best = { f, row: text, tickets: row.map(String).filter((cell) => TICKET.test(cell.trim())), m };
    }
  }
  if (best && best.m >= MENTION) return best;
  const f = lead.revealedBy.at(-1);
  return f ? { f, row: '', tickets: [] } : null;
}

function chooseTrigger(
  graph: EvidenceGraph, view: TeamObservation, ctx: ReasoningContext, component: PartChoice | undefined, onset: number | null, mechanismFollows: readonly ChangeKind[],
): (PartChoice & { kinds: ChangeKind[] })[] {
  const { triggers, components } = view.runbook.diagnosis;
  const mention = mentionScorer([...triggers, ...components].map((o) => o.label));
  const chain = component ? chainFrom(graph, component.id) : { findings: [], leads: [] };
  // Evidence about the failure: the chain from the failing component, and what names a part of it.
  const related = new Set([...chain.findings, ...graph.findings.filter((f) => !graph.recordTools.has(f.investigation) && chain.leads.some((l) => mention(l.label, f.words) >= MENTION))]);
  const everywhere = new Set(graph.findings);
  return triggers.map((o) => {
    const lead = graph.leads.get(o.id);
    if (!lead) {
      const sig = GENERIC_TRIGGER_SIGNATURES[o.id];
      const { score, found } = sig ? scoreSignature(sig, { graph, about: everywhere }) : { score: 0, found: [] };
      return {
        id: o.id, label: o.label, score: round(score), kinds: GENERIC_TRIGGER_KINDS[o.id] ?? [],
        reasons: found.map(({ id, f }) => `${f.id} shows ${INDICATORS[id].says}`), cites: [...new Set(found.map((x) => x.f.id))].slice(0, 2),
      };
    }
    const record = changeRecord(lead, mention);
    const kinds = changeKindsOf(`${lead.label} ${record?.row ?? ''}`);
    const at = clockIn(record?.row ?? '') ?? clockIn(lead.label);
    const reasons: string[] = [];
    // How close before the onset it came (1: right then, 0: after it began; unknown: in between).
    let recency = 0.2;
    if (at !== null && onset !== null) {
      const before = onset - at;
      recency = before < -120 ? 0 : Math.exp(-Math.max(0, before) / TIMING_SCALE_SECONDS);
      reasons.push(before < -120 ? 'it came after the impact began' : `it came ${Math.round(Math.max(0, before) / 60)} min before the impact began`);
    }
    // The evidence about the failure names this change: by its ticket (exact), or by its words.
    const others = [...related].filter((f) => !lead.revealedBy.includes(f) && !graph.recordTools.has(f.investigation)).sort((a, b) => a.entry - b.entry);
    const ticketed = others.find((f) => (record?.tickets ?? []).some((ticket) => f.text.includes(ticket)));
    const worded = others.map((f) => ({ f, m: mention(o.label, f.words) })).sort((a, b) => b.m - a.m || a.f.entry - b.f.entry)[0];
    const link = ticketed ? { f: ticketed, m: TICKET_LINK } : worded && worded.m >= MENTION ? worded : null;
    if (link) reasons.push(ticketed ? `${link.f.id}, about the failing part, names its ticket ${record!.tickets.find((t) => ticketed.text.includes(t))}` : `${link.f.id}, about the failing part, mentions it`);
    const fixed = ctx.cured.some((fx) => Object.values(fx.params).includes(o.id));
    if (fixed) reasons.push('rolling it back cured the impact');
    const consistent = kinds.some((k) => mechanismFollows.includes(k));
    // A connection to the failure counts for more when the change came shortly before it.
    const score = 1.5 * recency + (link ? 1.5 * link.m * (0.5 + 0.5 * recency) : 0) + (fixed ? 2 : 0) + (consistent ? 0.5 : 0);
    return { id: o.id, label: o.label, score: round(score), kinds, reasons, cites: [...new Set([record?.f.id, link?.f.id].filter((x): x is string => x !== undefined))] };
  }).sort(byScore);
}

export function reasonDiagnosis(view: TeamObservation, ctx: ReasoningContext): DiagnosisChoice | null {
  const { triggers, components, mechanisms } = view.runbook.diagnosis;
  if (triggers.length === 0 || mechanisms.length === 0) return null;
  const graph = evidenceGraph(view);
  const onset = impactOnset(view.samples, ctx.impact.signal, ctx.impact.baseline);

  const component = chooseComponent(graph, components)[0];
  const componentLead = component ? graph.leads.get(component.id) : undefined;
  const about = new Set(componentLead ? ownData(componentLead) : graph.findings);
  // First without the trigger's kind; the trigger then prefers changes of the kind that class follows.
  const first = chooseMechanism({ graph, about, kinds: [], cured: ctx.cured }, mechanisms, undefined)[0]!;
  const rankedTriggers = chooseTrigger(graph, view, ctx, component, onset, FAILURE_SIGNATURES[first.id]?.follows ?? []);
  const trigger = rankedTriggers[0]!;
  const triggerMargin = trigger.score - (rankedTriggers[1]?.score ?? 0);
  const ranked = chooseMechanism({ graph, about, kinds: trigger.kinds, cured: ctx.cured }, mechanisms, trigger.cites[0]);
  const mechanism = ranked[0]!;
  const margin = mechanism.score - (ranked[1]?.score ?? 0);

  const parts = [trigger, ...(component ? [component] : []), mechanism];
  // Each part's strongest finding first, then the seconds: the claim's backbone fits the limit.
  const evidence = [...new Set([0, 1, 2].flatMap((rank) => parts.map((p) => p.cites[rank]).filter((id): id is string => id !== undefined)))].slice(0, MAX_CITED_FINDINGS);
  const generic = !graph.leads.has(trigger.id);
  const sure = {
    trigger: trigger.score >= (generic ? CONFIDENT.genericTrigger : CONFIDENT.trigger) && triggerMargin >= CONFIDENT.triggerMargin && trigger.cites.length > 0,
    component: component !== undefined && component.score >= CONFIDENT.component && component.cites.length > 0,
    mechanism: mechanism.defined === true && mechanism.score >= CONFIDENT.mechanism && margin >= CONFIDENT.mechanismMargin && mechanism.cites.length > 0,
  };
  const confident = sure.trigger && (components.length === 0 || sure.component) && sure.mechanism;
  const say = (p: PartChoice) => `${p.label}${p.cites.length > 0 ? ` (${p.cites.join(', ')})` : ''}: ${p.reasons.join('; ') || 'no evidence'}`;
  const { kinds: _kinds, ...triggerChoice } = trigger;
  return {
    trigger: triggerChoice,
    ...(component ? { component } : {}),
    mechanism,
    evidence,
    confident,
    sure,
    text: [`Trigger: ${say(trigger)}.`, ...(component ? [`Component: ${say(component)}.`] : []), `Mechanism: ${say(mechanism)}.`].join(' ').slice(0, 2000),
  };
}
