/**
 * The lessons the company drew, each tied to what this team did: acted on only when the action was
 * warranted by evidence the team had, done without that evidence, tripped over, avoided or missed.
 */
import type { DebriefLesson, DebriefTeam } from '../../server/protocol/debrief.ts';

const STATUS: Record<DebriefLesson['status'], { label: string; cls: string }> = {
  acted: { label: 'You acted on this, on evidence', cls: 'badge-ok' },
  unwarranted: { label: 'You did this without the evidence', cls: 'badge-warn' },
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
          const actions = l.related.filter((r) => r.kind === 'action');
          const did = actions.filter((r) => r.clock !== null);
          const never = actions.filter((r) => r.clock === null);
          return (
            <li key={l.id} data-status={l.status}>
              <div><span class={`badge ${STATUS[l.status].cls}`}>{STATUS[l.status].label}</span> <strong>{l.title}</strong></div>
              <p>{l.text}</p>
              {(did.length > 0 || never.length > 0 || l.evidence.length > 0) && (
                <p class="muted small">
                  {did.length > 0 ? `Did: ${did.map((r) => `${r.title} at ${r.clock}${r.penalised ? ' (penalised)' : r.warranted ? ' (on evidence)' : ' (without the evidence)'}`).join('; ')}. ` : ''}
                  {never.length > 0 ? `Never: ${never.map((r) => r.title).join(', ')}. ` : ''}
                  {l.evidence.length > 0 ? `Your evidence: ${l.evidence.map((e) => `${e.finding} ${e.title} at ${e.clock} (${e.shows.join('; ')})`).join('; ')}.` : ''}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
