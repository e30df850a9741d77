/**
 * Findings are a team's completed investigations, named `F<entry>` on its evidence board. A
 * diagnosis cites them; whether they support it is decided here from what each finding showed
 * (its hidden `shows`) against the scenario's `diagnosis.support`.
 */
import type { DiagnosisPart, Requires, ScenarioData } from './scenario-definition.ts';
import type { InvestigationRecord, World } from './world.ts';
import { DIAGNOSIS_PARTS } from './scenario-definition.ts';
import { findingId, MAX_CITED_FINDINGS } from './finding-id.ts';

export { findingId, MAX_CITED_FINDINGS };

/**
 * Resolve what a diagnosis cites to finding ids of this world: `F12`, or an investigation id (plan
 * files), which stands for that investigation's latest finding so far. Duplicates count once.
 */
export function resolveFindings(world: World<unknown>, cited: readonly string[]): { ok: true; findings: InvestigationRecord[] } | { ok: false; error: string } {
  const found: InvestigationRecord[] = [];
  for (const ref of cited) {
    const match = /^F(\d{1,9})$/.exec(ref);
    const record = match
      ? world.investigations.find((i) => i.entry === Number(match[1]) && i.status === 'complete')
      : world.investigations.filter((i) => i.investigation === ref && i.status === 'complete').at(-1);
    if (!record) return { ok: false, error: `${ref} is not a finding on your evidence board` };
    if (!found.includes(record)) found.push(record);
  }
  if (found.length > MAX_CITED_FINDINGS) return { ok: false, error: `attach at most ${MAX_CITED_FINDINGS} findings: the ones that support your diagnosis` };
  return { ok: true, findings: found };
}

/** Do the observations shown satisfy a requirement (`anyOf` one of, `allOf` all of)? Nothing required: yes. */
export function satisfied(requires: Requires | undefined, shown: ReadonlySet<string>): boolean {
  if (!requires) return true;
  if (requires.anyOf && !requires.anyOf.some((id) => shown.has(id))) return false;
  return (requires.allOf ?? []).every((id) => shown.has(id));
}

/** Per part: do the cited findings, between them, show what the scenario says backs it? */
export function supportOf(data: ScenarioData, findings: readonly InvestigationRecord[]): Record<DiagnosisPart, boolean> {
  const shown = new Set(findings.flatMap((f) => f.shows ?? []));
  const support = data.diagnosis.support;
  const out = {} as Record<DiagnosisPart, boolean>;
  for (const part of DIAGNOSIS_PARTS) out[part] = satisfied(support[part], shown);
  return out;
}
