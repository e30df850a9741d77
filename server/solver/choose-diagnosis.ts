/**
 * Pick a diagnosis the way a responder matches a hypothesis to what they found: each option is
 * scored by how much of its wording the evidence covers, weighting words that set it apart from the
 * other options (a word every option shares says nothing). What one piece of evidence says on its
 * own counts again (words scattered over unrelated findings are weaker than one finding that states
 * the hypothesis). Text tied to a change that demonstrably fixed the symptoms (confirmation) counts
 * on top: "reverting X fixed it" is strong evidence.
 */
import type { PublicOption } from './public-scenario.ts';
import { tokens, tokenSet } from './text-tokens.ts';

export interface OptionScore {
  id: string;
  score: number;
  matched: string[];
}

export interface DiagnosisChoice {
  trigger: OptionScore;
  /** Absent when the team has found no component to name. */
  component?: OptionScore;
  mechanism: OptionScore;
  /** Score gap between the best and the second-best options (0: a coin toss). */
  margin: number;
  text: string;
}

export function scoreOptions(
  options: readonly PublicOption[], evidence: Set<string>, confirmation: Set<string>, documents: readonly Set<string>[] = [],
): OptionScore[] {
  // Numbers (times, counts) are everywhere in tables: they tell hypotheses apart only by accident.
  const words = options.map((o) => [...new Set(tokens(o.label).filter((w) => !/^\d+$/.test(w)))]);
  const df = new Map<string, number>();
  for (const list of words) for (const w of list) df.set(w, (df.get(w) ?? 0) + 1);
  // Inverse document frequency: a word every option shares weighs nothing.
  const weight = (w: string) => Math.log(options.length / (df.get(w) ?? 1));
  return options.map((o, i) => {
    const list = words[i]!;
    const total = list.reduce((s, w) => s + weight(w), 0) || 1;
    const matched = list.filter((w) => evidence.has(w));
    const covered = matched.reduce((s, w) => s + weight(w), 0) / total;
    const confirmed = list.filter((w) => confirmation.has(w)).reduce((s, w) => s + weight(w), 0) / total;
    // The finding that states it best, and the next best: a lead that only the finding which
    // revealed it mentions is weaker than one that other findings point back to.
    const perDocument = documents.map((doc) => list.filter((w) => doc.has(w)).reduce((s, w) => s + weight(w), 0) / total).sort((a, b) => b - a);
    const inOne = (perDocument[0] ?? 0) + (perDocument[1] ?? 0);
    return { id: o.id, score: Math.round((covered + inOne + confirmed) * 1e6) / 1e6, matched };
  });
}

/** Best first; ties keep the scenario's order, so the choice is deterministic. */
const best = (scores: OptionScore[]) => scores.slice().sort((a, b) => b.score - a.score);

export function chooseDiagnosis(
  diagnosis: { triggers: readonly PublicOption[]; components: readonly PublicOption[]; mechanisms: readonly PublicOption[] },
  /** One text per piece of evidence (an investigation's summary, detail and table together). */
  evidenceTexts: readonly string[],
  confirmationTexts: readonly string[],
): DiagnosisChoice {
  const evidence = tokenSet(evidenceTexts);
  const confirmation = tokenSet(confirmationTexts);
  const documents = evidenceTexts.map((text) => tokenSet([text]));
  const triggers = best(scoreOptions(diagnosis.triggers, evidence, confirmation, documents));
  const components = best(scoreOptions(diagnosis.components, evidence, confirmation, documents));
  const mechanisms = best(scoreOptions(diagnosis.mechanisms, evidence, confirmation, documents));
  const gap = (list: OptionScore[]) => list[0]!.score - (list[1]?.score ?? 0);
  return {
    trigger: triggers[0]!,
    ...(components[0] ? { component: components[0] } : {}),
    mechanism: mechanisms[0]!,
    margin: Math.min(gap(triggers), gap(mechanisms)),
    text: `Solver: evidence matches ${triggers[0]!.matched.join(', ')} / ${mechanisms[0]!.matched.join(', ')}`.slice(0, 2000),
  };
}
