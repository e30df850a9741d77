/**
 * The debrief on a projector: one section at a time, in type the back of the room can read. It
 * shows the debrief the page already loaded, through the page's own components, at the session's
 * end. ←/→ and PageUp/PageDown move (a presenter's clicker sends those), Esc leaves.
 */
import { useEffect } from 'preact/hooks';
import type { Debrief, DebriefTeam } from '../../server/protocol/debrief.ts';
import { AfterActionReview } from './after-action-review.tsx';
import { BranchComparison } from './branch-comparison.tsx';
import { BranchTree } from './branch-tree.tsx';
import type { BranchView } from './branch-view.ts';
import { ComparisonTable } from './comparison-table.tsx';
import { CurveOverlay } from './curve-overlay.tsx';
import { LessonsList } from './lessons-list.tsx';
import { PRESENT_SECTIONS, presentKey } from './present-sections.ts';
import { ScoreHeadline } from './score-headline.tsx';
import { TeamSelect } from './team-select.tsx';
import { TimelineView } from './timeline-view.tsx';
import './presentation.css';

/** Keys typed into a form field (the team select) are the field's, not the presentation's. */
const inField = (target: EventTarget | null) => target instanceof HTMLElement && target.matches('input, select, textarea, [contenteditable]');

export function PresentationView(props: {
  debrief: Debrief;
  team: DebriefTeam;
  branch: BranchView | null;
  section: number;
  onSection: (section: number) => void;
  onExit: () => void;
  onTeam: (teamId: string) => void;
}) {
  const { debrief, team, branch, section } = props;
  const count = PRESENT_SECTIONS.length;
  const current = PRESENT_SECTIONS[section - 1] ?? PRESENT_SECTIONS[0];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || inField(e.target)) return;
      const next = presentKey(e.key, section);
      if (next === null) return;
      e.preventDefault();
      if (next === 'exit') props.onExit();
      else props.onSection(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [section, props.onExit, props.onSection]);
  useEffect(() => window.scrollTo(0, 0), [section]);

  return (
    <main class="debrief debrief-present" data-testid="debrief-present" data-section={current.id}>
      <header class="present-head">
        <h1>{debrief.scenario.title}</h1>
        <TeamSelect teams={debrief.teams} value={team.id} onChange={props.onTeam} />
      </header>
      <div class="present-body" data-testid={`present-section-${current.id}`}>
        {current.id === 'comparison' && (
          <>
            <ScoreHeadline debrief={debrief} team={team} />
            <ComparisonTable debrief={debrief} selected={team.id} />
          </>
        )}
        {current.id === 'timeline' && <TimelineView debrief={debrief} team={team} t={debrief.endedAt} branch={branch} />}
        {current.id === 'curves' && (
          <section class="debrief-section" aria-labelledby="present-curves">
            <h2 id="present-curves">{team.name}'s curves over the real responders' run</h2>
            <div class="debrief-curves" data-testid="debrief-curves">
              {debrief.signals.map((s) => <CurveOverlay key={s.id} debrief={debrief} team={team} signal={s} t={debrief.endedAt} branch={branch} large />)}
            </div>
          </section>
        )}
        {current.id === 'review' && (
          <>
            <AfterActionReview team={team} />
            <LessonsList team={team} />
          </>
        )}
        {current.id === 'branches' && <Branches debrief={debrief} team={team} branch={branch} />}
      </div>
      <nav class="present-nav" aria-label="Presentation">
        <button type="button" class="btn" onClick={() => props.onSection(section - 1)} disabled={section <= 1} data-testid="present-previous">← Previous</button>
        <p class="present-progress" aria-live="polite" data-testid="present-progress">
          <span class="mono">{section} / {count}</span> <span class="present-title">{current.title}</span>
        </p>
        <button type="button" class="btn btn-primary" onClick={() => props.onSection(section + 1)} disabled={section >= count} data-testid="present-next">Next →</button>
        <button type="button" class="btn" onClick={props.onExit} data-testid="present-exit">Leave (Esc)</button>
      </nav>
    </main>
  );
}

function Branches(props: { debrief: Debrief; team: DebriefTeam; branch: BranchView | null }) {
  const { debrief, branch } = props;
  const { lineage } = debrief;
  if (!branch && !lineage.parent && !lineage.parentGone && lineage.children.length === 0) {
    return (
      <section class="debrief-section" aria-labelledby="present-no-branches" data-testid="present-no-branches">
        <h2 id="present-no-branches">Branches</h2>
        <p>No branch was tried from this session yet. Leave the presentation, move the replay to a moment and press "Try another path from here…" to play it again from there.</p>
      </section>
    );
  }
  return (
    <>
      <BranchTree debrief={debrief} />
      {branch && <BranchComparison debrief={debrief} team={props.team} branch={branch} />}
    </>
  );
}
