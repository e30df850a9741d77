/**
 * Where this session sits among its branches: its parent (if it is a branch), itself, and the
 * branches made from it, each a link to its own debrief. Shown on any debrief that has either.
 */
import type { Debrief } from '../../server/protocol/debrief.ts';

const debriefHref = (sessionId: string, teamId: string) => `/debrief/${encodeURIComponent(sessionId)}?team=${encodeURIComponent(teamId)}`;

export function BranchTree(props: { debrief: Debrief }) {
  const { debrief } = props;
  const { lineage, branch } = debrief;
  if (!lineage.parent && !lineage.parentGone && lineage.children.length === 0) return null;
  const teamName = (id: string) => debrief.teams.find((t) => t.id === id)?.name ?? id;
  const self = debrief.session.code ?? debrief.session.id;
  const children = lineage.children.length > 0 && (
    <ul>
      {lineage.children.map((c) => (
        <li key={c.sessionId} data-testid="branch-tree-child">
          <a href={debriefHref(c.sessionId, c.teamId)}>{c.code}</a>
          <span class="muted"> — {teamName(c.teamId)} from {c.branchedClock}{c.ended ? '' : ' (still running)'}</span>
        </li>
      ))}
    </ul>
  );
  const here = (
    <li aria-current="page" class="branch-tree-self" data-testid="branch-tree-self">
      <strong>{self}</strong>
      <span class="muted"> — this session{branch ? `, ${teamName(debrief.teams[0]?.id ?? '')} from ${branch.clock}` : ''}</span>
      {children}
    </li>
  );
  return (
    <nav class="debrief-section branch-tree no-print" aria-labelledby="branch-tree-heading" data-testid="branch-tree">
      <h2 id="branch-tree-heading">Branches</h2>
      <ul>
        {lineage.parent ? (
          <li data-testid="branch-tree-parent">
            <a href={debriefHref(lineage.parent.sessionId, lineage.parent.teamId)}>{lineage.parent.code}</a>
            <span class="muted"> — the session this one branched from ({branch?.parentRun?.name ?? lineage.parent.teamId} at {lineage.parent.branchedClock})</span>
            <ul>{here}</ul>
          </li>
        ) : lineage.parentGone ? (
          <li data-testid="branch-tree-parent">
            <span class="muted">The session this one branched from is no longer stored.</span>
            <ul>{here}</ul>
          </li>
        ) : here}
      </ul>
    </nav>
  );
}
