/**
 * Ties each lesson to what a team did (or missed), through the lesson's `relatesTo`. A related
 * action the scenario penalises is a detour the lesson warns about: doing it "trips" the lesson,
 * taking none of them "avoids" it.
 */
import { formatClock, type Scenario, type World } from '../engine/index.ts';
import type { DebriefLesson } from '../protocol/debrief.ts';

export function lessonStatus(scenario: Scenario, world: World): DebriefLesson[] {
  const { data } = scenario;
  const penalised = new Set(data.scoring.actionPenalties.map((p) => p.action));
  const when = (at: number | null) => ({ at, clock: at === null ? null : formatClock(at) });
  return data.lessons.map((lesson) => {
    const related: DebriefLesson['related'] = [
      ...lesson.relatesTo.actions.map((ref) => {
        // `action:value` names one option of an action with parameters (one change of "Revert a change").
        const [id, value] = ref.split(':') as [string, string | undefined];
        const spec = data.actions.find((a) => a.id === id);
        const option = value === undefined ? undefined : spec?.params.flatMap((p) => (p.type === 'enum' ? p.options : [])).find((o) => o.value === value);
        const done = world.actions.find((a) => a.action === id && (value === undefined || Object.values(a.params).includes(value)));
        return {
          kind: 'action' as const, id: ref, title: `${spec?.title ?? id}${option ? `: ${option.label}` : ''}`,
          ...when(done?.requestedAt ?? null), penalised: penalised.has(id),
        };
      }),
      ...lesson.relatesTo.investigations.map((id) => ({
        kind: 'investigation' as const, id, title: data.investigations.find((i) => i.id === id)?.title ?? id,
        ...when(world.investigations.find((i) => i.investigation === id)?.requestedAt ?? null), penalised: false,
      })),
    ];
    const done = related.filter((r) => r.at !== null);
    const status: DebriefLesson['status'] = related.length === 0 ? 'general'
      : done.some((r) => r.penalised) ? 'tripped'
      // A lesson that names penalised detours is a warning: steering clear of them is the point.
      : related.some((r) => r.penalised) ? 'avoided'
      : done.length > 0 ? 'acted' : 'missed';
    return { id: lesson.id, title: lesson.title, text: lesson.text, status, related };
  });
}
