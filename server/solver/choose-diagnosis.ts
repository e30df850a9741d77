/**
 * Pick a diagnosis the way a responder matches a hypothesis to what they found: each option is
 * scored by how much of its wording the evidence covers, weighting words that set it apart from the
 * other options (a word every option shares says nothing). Text tied to a change that demonstrably
 * fixed the symptoms (confirmation) counts again on top: "reverting X fixed it" is strong evidence.
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
  mechanism: OptionScore;
  /** Score gap between the best and the second-best options (0: a coin toss). */
  margin: number;
  text: string;
}

export function scoreOptions(options: readonly PublicOption[], evidence: Set<string>, confirmation: Set<string>): OptionScore[] {
  const words = options.map((o) => [...new Set(tokens(o.label))]);
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
    return { id: o.id, score: Math.round((covered + confirmed) * 1e6) / 1e6, matched };
  });
}

/** Best first; ties keep the scenario's order, so the choice is deterministic. */
const best = (scores: OptionScore[]) => scores.slice().sort((a, b) => b.score - a.score);

export function chooseDiagnosis(
  diagnosis: { triggers: readonly PublicOption[]; mechanisms: readonly PublicOption[] },
  evidenceTexts: readonly string[],
  confirmationTexts: readonly string[],
): DiagnosisChoice {
  const evidence = tokenSet(evidenceTexts);
  const confirmation = tokenSet(confirmationTexts);
  const triggers = best(scoreOptions(diagnosis.triggers, evidence, confirmation));
  const mechanisms = best(scoreOptions(diagnosis.mechanisms, evidence, confirmation));
  const gap = (list: OptionScore[]) => list[0]!.score - (list[1]?.score ?? 0);
  return {
    trigger: triggers[0]!,
    mechanism: mechanisms[0]!,
    margin: Math.min(gap(triggers), gap(mechanisms)),
    text: `Solver: evidence matches ${triggers[0]!.matched.join(', ')} / ${mechanisms[0]!.matched.join(', ')}`.slice(0, 2000),
  };
}
