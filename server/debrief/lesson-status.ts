/** Ties each lesson to what a team did (or missed), through the lesson's `relatesTo`. */
import { formatClock, type Scenario, type World } from '../engine/index.ts';
import type { DebriefLesson } from '../protocol/debrief.ts';

export function lessonStatus(scenario: Scenario, world: World): DebriefLesson[] {
  const { data } = scenario;
  return data.lessons.map((lesson) => {
    const related: DebriefLesson['related'] = [
      ...lesson.relatesTo.actions.map((id) => {
        const first = world.actions.find((a) => a.action === id);
        const at = first ? first.requestedAt : null;
        return { kind: 'action' as const, id, title: data.actions.find((a) => a.id === id)?.title ?? id, at, clock: at === null ? null : formatClock(at) };
      }),
      ...lesson.relatesTo.investigations.map((id) => {
        const first = world.investigations.find((i) => i.investigation === id);
        const at = first ? first.requestedAt : null;
        return { kind: 'investigation' as const, id, title: data.investigations.find((i) => i.id === id)?.title ?? id, at, clock: at === null ? null : formatClock(at) };
      }),
    ];
    const status = related.length === 0 ? 'general' : related.some((r) => r.at !== null) ? 'acted' : 'missed';
    return { id: lesson.id, title: lesson.title, text: lesson.text, status, related };
  });
}
