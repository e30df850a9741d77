/**
 * Diagnoses, judged (issue 18's rules): only a right diagnosis whose attached findings back every
 * part earns the diagnosis milestone; every wrong or unsupported submission costs more than the one
 * before (the n-th costs n × the base); the facilitator may mark one right or wrong after reading
 * its free text, and that mark is scored. The verdict says what supported each claim.
 */
import { findingId } from './findings.ts';
import { DIAGNOSIS_PARTS, type DiagnosisPart, type ScenarioData } from './scenario-definition.ts';
import { formatClock } from './sim-time.ts';
import type { CitedFinding, DiagnosisVerdict, Penalty, ScoreReviews } from './scoring-types.ts';
import type { DiagnosisRecord, World } from './world.ts';

const label = (list: readonly { id: string; label: string }[], id: string | null) => (id === null ? '—' : list.find((o) => o.id === id)?.label ?? id);

function cited(data: ScenarioData, world: World<unknown>, d: DiagnosisRecord): CitedFinding[] {
  return d.evidence.flatMap((fid) => {
    const inv = world.investigations.find((i) => findingId(i.entry) === fid);
    if (!inv) return [];
    return [{
      id: fid, investigation: inv.investigation, at: inv.completesAt,
      title: data.investigations.find((x) => x.id === inv.investigation)?.title ?? inv.investigation,
      shows: (inv.shows ?? []).map((o) => data.observations.find((x) => x.id === o)?.label ?? o),
    }];
  });
}

/** The observations (labels) of the cited findings that count towards one part's support. */
function shownFor(data: ScenarioData, world: World<unknown>, d: DiagnosisRecord, part: DiagnosisPart): string[] {
  const needs = data.diagnosis.support[part];
  if (!needs) return [];
  const wanted = new Set([...(needs.anyOf ?? []), ...(needs.allOf ?? [])]);
  const shown = new Set(d.evidence.flatMap((fid) => world.investigations.find((i) => findingId(i.entry) === fid)?.shows ?? []));
  return [...shown].filter((o) => wanted.has(o)).map((o) => data.observations.find((x) => x.id === o)?.label ?? o);
}

export function diagnosisSaid(data: ScenarioData, d: Pick<DiagnosisRecord, 'trigger' | 'component' | 'mechanism'>): string {
  const parts = [label(data.diagnosis.triggers, d.trigger), ...(d.component === null ? [] : [label(data.diagnosis.components, d.component)]), label(data.diagnosis.mechanisms, d.mechanism)];
  return parts.join(' / ');
}

/** Every diagnosis judged, and the penalties of the wrong and unsupported ones (in order). */
export function judgeDiagnoses(data: ScenarioData, world: World<unknown>, reviews: ScoreReviews = {}): { verdicts: DiagnosisVerdict[]; penalties: Penalty[] } {
  const base = data.scoring.wrongDiagnosisPenalty;
  const marks = reviews.diagnoses ?? {};
  let bad = 0;
  let credited = false;
  const penalties: Penalty[] = [];
  const verdicts = world.diagnoses.map((d): DiagnosisVerdict => {
    const mark = marks[d.entry];
    const right = { trigger: d.triggerRight, component: d.componentRight, mechanism: d.mechanismRight };
    const parts = DIAGNOSIS_PARTS.filter((p) => p !== 'component' || data.diagnosis.correct.component !== undefined)
      .map((part) => ({ part, right: right[part], supported: d.support[part], shownBy: shownFor(data, world, d, part) }));
    const automatic: DiagnosisVerdict['verdict'] = d.correct ? (d.supported ? 'right' : 'right-unsupported') : parts.some((p) => p.right) ? 'partly-right' : 'wrong';
    // The facilitator read the free text and the evidence: "right" vouches for both, "wrong" for neither.
    const verdict = mark ? (mark.verdict === 'right' ? 'right' : automatic === 'right' ? 'wrong' : automatic) : automatic;
    let penalty = 0;
    if (verdict !== 'right') {
      bad += 1;
      penalty = bad * base;
      const kind = verdict === 'right-unsupported' ? 'unsupported-diagnosis' : verdict === 'partly-right' ? 'partial-diagnosis' : 'wrong-diagnosis';
      const why = mark ? `marked wrong by the facilitator: ${mark.reason}`
        : verdict === 'right-unsupported' ? 'right but unsupported: the attached findings do not show what backs it'
        : verdict === 'partly-right' ? `partly right (${parts.filter((p) => p.right).map((p) => p.part).join(' and ')} right)`
        : 'wrong';
      penalties.push({
        kind, objective: 'diagnose', at: d.at, entry: d.entry, points: penalty,
        reason: `diagnosis ${formatClock(d.at)} ${why}: ${diagnosisSaid(data, d)} (submission ${bad} not right: ${bad} × ${base})`,
      });
    }
    const first = verdict === 'right' && !credited;
    if (first) credited = true;
    return {
      entry: d.entry, at: d.at, trigger: d.trigger, component: d.component, mechanism: d.mechanism, text: d.text,
      cited: cited(data, world, d), verdict, parts, penalty, credited: first,
      ...(mark ? { facilitator: { verdict: mark.verdict, reason: mark.reason } } : {}),
    };
  });
  return { verdicts, penalties };
}
