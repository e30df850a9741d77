/** The lessons the company drew, each tied to what this team did, tripped over, or missed. */
import type { DebriefLesson, DebriefTeam } from '../../server/protocol/debrief.ts';

const STATUS: Record<DebriefLesson['status'], { label: string; cls: string }> = {
  acted: { label: 'You acted on this', cls: 'badge-ok' },
  tripped: { label: 'You fell into this', cls: 'badge-critical' },
  avoided: { label: 'You avoided this', cls: 'badge-ok' },
  missed: { label: 'You missed this', cls: 'badge-warn' },
  general: { label: 'General', cls: '' },
};

export function LessonsList(props: { team: DebriefTeam }) {
  return (
    <section class="debrief-section" aria-labelledby="debrief-lessons">
      <h2 id="debrief-lessons">Lessons</h2>
      <ul class="debrief-lessons" data-testid="debrief-lessons">
        {props.team.lessons.map((l) => {
          const did = l.related.filter((r) => r.clock !== null);
          return (
            <li key={l.id} data-status={l.status}>
              <div><span class={`badge ${STATUS[l.status].cls}`}>{STATUS[l.status].label}</span> <strong>{l.title}</strong></div>
              <p>{l.text}</p>
              {l.related.length > 0 && (
                <p class="muted small">
                  {did.length > 0 ? `Did: ${did.map((r) => `${r.title} at ${r.clock}${r.penalised ? ' (penalised)' : ''}`).join('; ')}. ` : ''}
                  {l.related.some((r) => r.clock === null) ? `Never: ${l.related.filter((r) => r.clock === null).map((r) => r.title).join(', ')}.` : ''}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
