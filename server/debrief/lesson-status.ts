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
      ...lesson.relatesTo.actions.map((id) => ({
        kind: 'action' as const, id, title: data.actions.find((a) => a.id === id)?.title ?? id,
        ...when(world.actions.find((a) => a.action === id)?.requestedAt ?? null), penalised: penalised.has(id),
      })),
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
