/**
 * Ties each lesson to what a team did (or missed), through the lesson's `relatesTo`. A lesson is
 * "acted on" only when the team's action was warranted by evidence it had at the time: the
 * lesson's `evidence` shown by its findings before it (and, for a rollback, the change being the
 * one the evidence pointed at — CONTRACTS C2); without declared evidence, a supported diagnosis
 * before it. Clicking an investigation acts on nothing: investigations that showed the lesson's
 * evidence are listed as the team's evidence. A related action the scenario penalises is a detour
 * the lesson warns about: doing it "trips" the lesson, taking none of them "avoids" it.
 */
import {
  evidenceBefore, findingId, firstSupportedDiagnosis, formatClock, matchesActionRef, rollbackWarranted,
  type ActionRecord, type Lesson, type Scenario, type World,
} from '../engine/index.ts';
import type { DebriefLesson } from '../protocol/debrief.ts';

/** Was this related action warranted by what the team had found when it asked for it? */
function warranted(scenario: Scenario, world: World, lesson: Lesson, a: ActionRecord, diagnosedAt: number | null): boolean {
  if (!rollbackWarranted(scenario.data, world, a)) return false;
  const evidence = lesson.relatesTo.evidence;
  if (evidence) return evidenceBefore(world, a.requestedAt, evidence);
  return diagnosedAt !== null && diagnosedAt <= a.requestedAt;
}

export function lessonStatus(scenario: Scenario, world: World, diagnosisMarks: Record<number, { verdict: 'right' | 'wrong' }> = {}): DebriefLesson[] {
  const { data } = scenario;
  const penalised = new Set(data.scoring.actionPenalties.filter((p) => p.option === undefined && p.unless === undefined).map((p) => p.action));
  const when = (at: number | null) => ({ at, clock: at === null ? null : formatClock(at) });
  const label = (id: string) => data.observations.find((o) => o.id === id)?.label ?? id;
  const diagnosedAt = firstSupportedDiagnosis(world, diagnosisMarks);
  return data.lessons.map((lesson) => {
    const actions = lesson.relatesTo.actions.map((ref) => {
      // `action:value` names one option of an action with parameters (one change of "Revert a change").
      const [id, value] = ref.split(':') as [string, string | undefined];
      const spec = data.actions.find((a) => a.id === id);
      const option = value === undefined ? undefined : spec?.params.flatMap((p) => (p.type === 'enum' ? p.options : [])).find((o) => o.value === value);
      const done = world.actions.filter((a) => matchesActionRef(a, ref));
      const good = done.find((a) => warranted(scenario, world, lesson, a, diagnosedAt));
      const first = good ?? done[0];
      return {
        kind: 'action' as const, id: ref, title: `${spec?.title ?? id}${option ? `: ${option.label}` : ''}`,
        ...when(first?.requestedAt ?? null), penalised: penalised.has(id), warranted: first ? good !== undefined : null,
      };
    });
    const investigations = lesson.relatesTo.investigations.map((id) => ({
      kind: 'investigation' as const, id, title: data.investigations.find((i) => i.id === id)?.title ?? id,
      ...when(world.investigations.find((i) => i.investigation === id)?.requestedAt ?? null), penalised: false, warranted: null,
    }));
    const wanted = new Set([...(lesson.relatesTo.evidence?.anyOf ?? []), ...(lesson.relatesTo.evidence?.allOf ?? [])]);
    const evidence = world.investigations
      .filter((i) => i.status === 'complete' && lesson.relatesTo.investigations.includes(i.investigation) && (i.shows ?? []).some((o) => wanted.has(o)))
      .map((i) => ({
        finding: findingId(i.entry), title: data.investigations.find((x) => x.id === i.investigation)?.title ?? i.investigation,
        clock: formatClock(i.completesAt), shows: (i.shows ?? []).filter((o) => wanted.has(o)).map(label),
      }));
    const done = actions.filter((r) => r.at !== null);
    const status: DebriefLesson['status'] = actions.length === 0 ? 'general'
      : done.some((r) => r.penalised) ? 'tripped'
      : done.some((r) => r.warranted) ? 'acted'
      : done.length > 0 ? 'unwarranted'
      // A lesson that names penalised detours is a warning: steering clear of them is the point.
      : actions.some((r) => r.penalised) ? 'avoided'
      : 'missed';
    return { id: lesson.id, title: lesson.title, text: lesson.text, status, related: [...actions, ...investigations], evidence };
  });
}
